"""Exchange system (交换系统): deliveries, access to granted data, the exchange log."""
