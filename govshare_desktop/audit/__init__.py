"""The audit admin's desk (三员分立, 第二十六条, 第三十三条): the audit trail, chain verification
and export."""
