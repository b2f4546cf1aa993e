"""A short GIN pending list for the catalog search index (PostgreSQL; issue 12's latency).

GIN's fast update queues new entries' tokens in a pending list that every search scans in full
until it is merged into the index (by autovacuum, or by the insert that overflows it). At the
default 4 MB a 1 000 000-entry catalog's searches each spent up to ~25 ms reading it (q=社保's
bitmap index scan: 42 ms with 1.6 MB pending, 15 ms after `gin_clean_pending_list`). 512 kB
bounds that cost at about an eighth and makes each merge smaller. SQLite: nothing to do.

Revision ID: 0016_search_pending
Revises: 0015_audit_order
"""

from __future__ import annotations

from alembic import op

revision = "0016_search_pending"
down_revision = "0015_audit_order"
branch_labels = None
depends_on = None

PENDING_LIST_KB = 512


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "ALTER INDEX ix_catalog_search_doc"
            f" SET (gin_pending_list_limit = {PENDING_LIST_KB})"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER INDEX ix_catalog_search_doc RESET (gin_pending_list_limit)")
