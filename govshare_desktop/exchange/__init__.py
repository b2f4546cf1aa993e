"""数据交付 / 数据获取 / 访问日志: the exchange system on the desktop (第二十二条–第二十六条)."""
