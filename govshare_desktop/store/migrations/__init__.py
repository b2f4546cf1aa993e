"""Alembic migrations of the client's offline store (run at open by store.migrate)."""
