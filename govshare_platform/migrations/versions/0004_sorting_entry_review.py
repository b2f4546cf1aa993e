"""Sorted lists and the review deadline of catalog entries.

- `policy.entry_review_working_days` (platform policy, default 5): working days for each review of
  a catalog entry; the regulation sets none (第十五条, 第十六条).
- `catalog_entries.dept_approved_at`: when the department approved an entry, where the
  platform's review clock starts; entries waiting for the platform now take it from the audit
  trail (`catalog_entry_dept_approve`), else from their last change.
- Indexes for the share catalog sorted by name or by last change (`?sort=name`, `-updated_at`).

Revision ID: 0004_sorting_entry_review
Revises: 0003_catalog_search
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import govshare_platform.db

revision = "0004_sorting_entry_review"
down_revision = "0003_catalog_search"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("policy") as batch_op:
        batch_op.add_column(
            sa.Column(
                "entry_review_working_days", sa.Integer(), nullable=False, server_default=sa.text("5")
            )
        )
    with op.batch_alter_table("catalog_entries") as batch_op:
        batch_op.add_column(
            sa.Column("dept_approved_at", govshare_platform.db.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.create_index(
            "ix_catalog_entries_status_name", ["status", "name", "id"], unique=False
        )
        batch_op.create_index(
            "ix_catalog_entries_status_updated", ["status", "updated_at", "id"], unique=False
        )
    op.execute(
        "UPDATE catalog_entries SET dept_approved_at = COALESCE("
        " (SELECT max(a.at) FROM audit_events a"
        "  WHERE a.action = 'catalog_entry_dept_approve' AND a.object_type = 'catalog_entry'"
        "  AND a.object_id = CAST(catalog_entries.id AS VARCHAR(64))),"
        " updated_at)"
        " WHERE status = 'dept_approved'"
    )


def downgrade() -> None:
    with op.batch_alter_table("catalog_entries") as batch_op:
        batch_op.drop_index("ix_catalog_entries_status_updated")
        batch_op.drop_index("ix_catalog_entries_status_name")
        batch_op.drop_column("dept_approved_at")
    with op.batch_alter_table("policy") as batch_op:
        batch_op.drop_column("entry_review_working_days")
