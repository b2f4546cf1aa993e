"""The audit trail's time filters as index ranges of `seq` (issue 11), and the scheduled full
verification's claim.

`at` follows `seq` except where an event was written out of order (an explicit `at`, a clock
stepped back, older data). `audit_head` gets:
- `max_at`: the latest `at` so far;
- `disorder_seq`: the last event whose `at` is earlier than an earlier event's (0: none);
computed here over the existing events with a window function, then kept by every append under
the head lock (govshare_platform.audit.service). After `disorder_seq` no event's `at` is below
any earlier one, so GET /audit/events?until=… reads `seq <= max(c, disorder_seq)` with `c` the
newest event before `until` (govshare_platform.audit.query), an index range.
- `full_verify_at`: when the maintenance sweep's scheduled full verification last started.

The index on `at` becomes (`at`, `seq`): the newest event before a time, ties by `seq`, is one
index probe.

Revision ID: 0015_audit_order
Revises: 0014_search_rank
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from govshare_platform.db import UTCDateTime

revision = "0015_audit_order"
down_revision = "0014_search_rank"
branch_labels = None
depends_on = None

# The events whose `at` is below the latest `at` of the events before them (by seq): the last
# one is `disorder_seq`. Strings on SQLite (fixed-width ISO text) compare as the times do.
_ORDER = """
UPDATE audit_head SET
    max_at = (SELECT max(at) FROM audit_events),
    disorder_seq = COALESCE((
        SELECT max(seq) FROM (
            SELECT seq, at, max(at) OVER (
                ORDER BY seq ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
            ) AS before
            FROM audit_events
        ) AS ordered
        WHERE at < before
    ), 0)
WHERE id = 1
"""


def upgrade() -> None:
    with op.batch_alter_table("audit_head") as batch:
        batch.add_column(sa.Column("max_at", UTCDateTime(timezone=True), nullable=True))
        batch.add_column(
            sa.Column("disorder_seq", sa.BigInteger(), nullable=False, server_default="0")
        )
        batch.add_column(sa.Column("full_verify_at", UTCDateTime(timezone=True), nullable=True))
    with op.batch_alter_table("audit_events") as batch:
        batch.drop_index("ix_audit_events_at")
        batch.create_index("ix_audit_events_at_seq", ["at", "seq"])
    op.execute(_ORDER)


def downgrade() -> None:
    with op.batch_alter_table("audit_events") as batch:
        batch.drop_index("ix_audit_events_at_seq")
        batch.create_index("ix_audit_events_at", ["at"])
    with op.batch_alter_table("audit_head") as batch:
        batch.drop_column("full_verify_at")
        batch.drop_column("disorder_seq")
        batch.drop_column("max_at")
