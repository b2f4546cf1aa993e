"""Usage inquiries (第二十二条) and discrepancy reports (第二十条)."""
