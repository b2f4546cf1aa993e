"""Three-party confidentiality agreements (三方数据保密协议, 第三十条)."""
