"""The audit trail's time filters stay narrow after a disorder late in the chain (issue 11).

`audit_head.disorder_seq` (0015) bounds GET /audit/events?until=… by the last event written out
of order: one clock step back near the head made every `until` read the whole trail up to it.
`max_lag_us` is the largest amount by which an event's `at` has fallen behind the latest `at`
before it (in microseconds; 0: never), so every event is at most that far behind its
predecessors and a time filter can bound `seq` by an event that much beyond its time
(govshare_platform.audit.query). Computed here over the existing events in `seq` order (in
Python: the exact microseconds on both databases), then kept by every append under the head
lock (govshare_platform.audit.service).

Revision ID: 0018_audit_lag
Revises: 0017_workday_years
"""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from alembic import op

from govshare_platform.db import UTCDateTime

revision = "0018_audit_lag"
down_revision = "0017_workday_years"
branch_labels = None
depends_on = None

_US = timedelta(microseconds=1)
_EVENTS = sa.table(
    "audit_events", sa.column("seq", sa.BigInteger()), sa.column("at", UTCDateTime())
)
_HEAD = sa.table(
    "audit_head", sa.column("id", sa.Integer()), sa.column("max_lag_us", sa.BigInteger())
)


def upgrade() -> None:
    with op.batch_alter_table("audit_head") as batch:
        batch.add_column(
            sa.Column("max_lag_us", sa.BigInteger(), nullable=False, server_default="0")
        )
    bind = op.get_bind()
    rows = bind.execute(
        sa.select(_EVENTS.c.at).order_by(_EVENTS.c.seq).execution_options(yield_per=10_000)
    )
    latest, lag = None, 0
    for (at,) in rows:
        if latest is not None and at < latest:
            lag = max(lag, (latest - at) // _US)
        else:
            latest = at
    rows.close()
    bind.execute(sa.update(_HEAD).where(_HEAD.c.id == 1).values(max_lag_us=lag))


def downgrade() -> None:
    with op.batch_alter_table("audit_head") as batch:
        batch.drop_column("max_lag_us")
