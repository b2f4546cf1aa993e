"""使用情况询问 (第二十二条) and 数据异议 (第二十条) on the desktop."""
