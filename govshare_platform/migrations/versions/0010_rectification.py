"""Rectification orders (督促纠正, 第三十六条) and their history.

Revision ID: 0010_rectification
Revises: 0009_interface_endpoint
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import govshare_platform.db

revision = "0010_rectification"
down_revision = "0009_interface_endpoint"
branch_labels = None
depends_on = None

_AT = govshare_platform.db.UTCDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "rectifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("article_item", sa.String(length=2), nullable=False),
        sa.Column("facts", sa.Text(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=True),
        sa.Column("issued_by", sa.Integer(), nullable=False),
        sa.Column("issued_at", _AT, nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("due", sa.Date(), nullable=False),
        sa.Column("due_provisional", sa.Boolean(), nullable=False),
        sa.Column("measures", sa.Text(), nullable=True),
        sa.Column("answered_at", _AT, nullable=True),
        sa.Column("closed_at", _AT, nullable=True),
        sa.Column("evidence_filename", sa.String(length=200), nullable=True),
        sa.Column("evidence_size", sa.Integer(), nullable=True),
        sa.Column("evidence_sha256", sa.String(length=64), nullable=True),
        sa.Column("evidence", sa.LargeBinary(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", _AT, nullable=False),
        sa.ForeignKeyConstraint(["department_id"], ["departments.id"]),
        sa.ForeignKeyConstraint(["issued_by"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("rectifications") as batch:
        batch.create_index("ix_rectifications_department", ["department_id", "status", "id"])
        batch.create_index("ix_rectifications_status_due", ["status", "due"])
    op.create_table(
        "rectification_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rectification_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("at", _AT, nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("due", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["rectification_id"], ["rectifications.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["actor_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("rectification_events") as batch:
        batch.create_index("ix_rectification_events_rectification_id", ["rectification_id"])


def downgrade() -> None:
    op.drop_table("rectification_events")
    op.drop_table("rectifications")
