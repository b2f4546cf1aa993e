"""Usage inquiries (第二十二条) and discrepancy reports (第二十条); policy
`discrepancy_response_working_days`.

Revision ID: 0008_usage
Revises: 0007_exchange
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

import govshare_platform.db
from govshare_core.usage import DEFAULT_DISCREPANCY_RESPONSE_WORKING_DAYS

revision = "0008_usage"
down_revision = "0007_exchange"
branch_labels = None
depends_on = None

_AT = govshare_platform.db.UTCDateTime(timezone=True)


def _parties() -> list[sa.Column[Any]]:
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("provider_department_id", sa.Integer(), nullable=False),
        sa.Column("consumer_department_id", sa.Integer(), nullable=False),
    ]


def _party_keys() -> list[sa.Constraint]:
    return [
        sa.ForeignKeyConstraint(["entry_id"], ["catalog_entries.id"]),
        sa.ForeignKeyConstraint(["provider_department_id"], ["departments.id"]),
        sa.ForeignKeyConstraint(["consumer_department_id"], ["departments.id"]),
        sa.PrimaryKeyConstraint("id"),
    ]


def upgrade() -> None:
    with op.batch_alter_table("policy") as batch:
        batch.add_column(
            sa.Column(
                "discrepancy_response_working_days",
                sa.Integer(),
                nullable=False,
                server_default=sa.text(str(DEFAULT_DISCREPANCY_RESPONSE_WORKING_DAYS)),
            )
        )
    op.create_table(
        "usage_inquiries",
        *_parties(),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("asked_by", sa.Integer(), nullable=False),
        sa.Column("asked_at", _AT, nullable=False),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("due_provisional", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("answered_by", sa.Integer(), nullable=True),
        sa.Column("answered_at", _AT, nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", _AT, nullable=False),
        *_party_keys(),
        sa.ForeignKeyConstraint(["asked_by"], ["users.id"]),
        sa.ForeignKeyConstraint(["answered_by"], ["users.id"]),
    )
    with op.batch_alter_table("usage_inquiries") as batch:
        batch.create_index("ix_usage_inquiries_entry_id", ["entry_id"])
        batch.create_index(
            "ix_usage_inquiries_provider", ["provider_department_id", "status", "id"]
        )
        batch.create_index(
            "ix_usage_inquiries_consumer", ["consumer_department_id", "status", "id"]
        )
        batch.create_index("ix_usage_inquiries_status_due", ["status", "due"])
    op.create_table(
        "discrepancies",
        *_parties(),
        sa.Column("delivery_id", sa.Integer(), nullable=True),
        sa.Column("keys", sa.JSON(), nullable=False),
        sa.Column("data_item", sa.String(length=100), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("reported_by", sa.Integer(), nullable=False),
        sa.Column("reported_at", _AT, nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("due_provisional", sa.Boolean(), nullable=False),
        sa.Column("correction_delivery_id", sa.Integer(), nullable=True),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("evidence_filename", sa.String(length=200), nullable=True),
        sa.Column("evidence_size", sa.Integer(), nullable=True),
        sa.Column("evidence_sha256", sa.String(length=64), nullable=True),
        sa.Column("evidence", sa.LargeBinary(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", _AT, nullable=False),
        *_party_keys(),
        sa.ForeignKeyConstraint(["delivery_id"], ["deliveries.id"]),
        sa.ForeignKeyConstraint(["correction_delivery_id"], ["deliveries.id"]),
        sa.ForeignKeyConstraint(["reported_by"], ["users.id"]),
    )
    with op.batch_alter_table("discrepancies") as batch:
        batch.create_index("ix_discrepancies_entry_id", ["entry_id"])
        batch.create_index("ix_discrepancies_provider", ["provider_department_id", "status", "id"])
        batch.create_index("ix_discrepancies_consumer", ["consumer_department_id", "status", "id"])
        batch.create_index("ix_discrepancies_status_due", ["status", "due"])
    op.create_table(
        "discrepancy_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("discrepancy_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("at", _AT, nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("delivery_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["discrepancy_id"], ["discrepancies.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["actor_id"], ["users.id"]),
        sa.ForeignKeyConstraint(["department_id"], ["departments.id"]),
        sa.ForeignKeyConstraint(["delivery_id"], ["deliveries.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("discrepancy_events") as batch:
        batch.create_index("ix_discrepancy_events_discrepancy_id", ["discrepancy_id"])


def downgrade() -> None:
    op.drop_table("discrepancy_events")
    op.drop_table("discrepancies")
    op.drop_table("usage_inquiries")
    with op.batch_alter_table("policy") as batch:
        batch.drop_column("discrepancy_response_working_days")
