"""The 南通市 demo city: its data (`data.py`) and the seeding through the real API (`seed.py`)."""
