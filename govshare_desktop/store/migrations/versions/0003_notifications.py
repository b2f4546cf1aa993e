"""desktop notifications: to-dos already seen, and which kinds notify

Revision ID: 0003_notifications
Revises: 0002_conflicts
Create Date: 2026-12-01 10:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_notifications"
down_revision: str | None = "0002_conflicts"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "seen_todos",
        sa.Column("kind", sa.String(48), nullable=False),
        sa.Column("object_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("state", sa.String(48), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("how", sa.String(16), nullable=False),
        sa.Column("seen_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("kind", "object_id", "state"),
    )
    op.create_index("ix_seen_todos_how_seen_at", "seen_todos", ["how", "seen_at"])
    op.create_table(
        "notify_kinds",
        sa.Column("kind", sa.String(48), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("kind"),
    )


def downgrade() -> None:
    op.drop_table("notify_kinds")
    op.drop_index("ix_seen_todos_how_seen_at", table_name="seen_todos")
    op.drop_table("seen_todos")
