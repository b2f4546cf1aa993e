"""Search documents for relevance: the name's tokens again, prefixed ("zn人口"), and the share
catalog scope as `zstpublished` (不予共享 entries are listed, flagged: 第五条, 第二十五条).

The documents are written by the platform's own tokenizer (`search.rebuild`, plain SQL over the
entries, their data items and departments), so the index is exactly what `reindex_entry` would
write. The old `zsharecatalog` token is gone with the rebuild. Downgrade changes nothing here:
after it, rebuild the index with the older platform (its `search.rebuild`), whose share catalog
looks for `zsharecatalog`.

Revision ID: 0014_search_rank
Revises: 0013_audit_indexes
"""

from __future__ import annotations

from alembic import op
from sqlalchemy.orm import Session

revision = "0014_search_rank"
down_revision = "0013_audit_indexes"
branch_labels = None
depends_on = None


def _rebuild() -> None:
    from govshare_platform.catalog import search

    session = Session(bind=op.get_bind())
    search.rebuild(session)
    session.flush()


def upgrade() -> None:
    _rebuild()


def downgrade() -> None:
    pass  # see the docstring: the older platform's search.rebuild restores its documents
