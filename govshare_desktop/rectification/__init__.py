"""整改 (rectification orders, 第三十六条): the supervisor issues and checks; the department
answers."""
