"""Rectification orders (督促纠正, 第三十六条): issued by a supervisor, answered by a department."""
