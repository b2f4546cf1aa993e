"""Catalog search index: FTS5 on SQLite, tsvector + GIN on PostgreSQL (govshare_platform.catalog.search).

Hand-written and dialect-aware; migrations/env.py keeps autogenerate away from these tables.

Revision ID: 0003_catalog_search
Revises: 0002_singletons
"""
from __future__ import annotations

from alembic import op

revision = "0003_catalog_search"
down_revision = "0002_singletons"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE TABLE catalog_search ("
            " entry_id bigint PRIMARY KEY REFERENCES catalog_entries (id) ON DELETE CASCADE,"
            " doc tsvector NOT NULL)"
        )
        op.execute("CREATE INDEX ix_catalog_search_doc ON catalog_search USING gin (doc)")
        return
    # unicode61 counts CJK characters as token characters: each space-separated bigram written by
    # the platform is one FTS token. detail=none: queries are single tokens ANDed, no phrases.
    op.execute(
        "CREATE VIRTUAL TABLE catalog_search USING fts5(tokens, tokenize='unicode61', detail=none)"
    )


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS catalog_search")
