"""Desktop notifications of new 待办 (to-do) items: a system tray icon (or the status bar), a
menu of recent notifications that opens their objects, and which kinds notify (per user)."""
