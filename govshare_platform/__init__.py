"""GovShare reference platform server (共享平台: 目录系统 + 交换系统, 第十条)."""
