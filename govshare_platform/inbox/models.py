"""The inbox has no tables of its own: it is computed from catalog entries, requests and grants."""
