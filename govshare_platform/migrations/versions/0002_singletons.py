"""Singleton rows: the audit chain head and the policy defaults.

Revision ID: 0002_singletons
Revises: 0001_initial
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_singletons"
down_revision = "0001_initial"
branch_labels = None
depends_on = None

GENESIS = "0" * 64


def upgrade() -> None:
    head = sa.table("audit_head", sa.column("id"), sa.column("seq"), sa.column("hash"))
    op.bulk_insert(head, [{"id": 1, "seq": 0, "hash": GENESIS}])
    policy = sa.table(
        "policy", sa.column("id"), sa.column("review_working_days"),
        sa.column("change_report_days"), sa.column("log_retention_years"), sa.column("version"),
    )
    op.bulk_insert(policy, [{"id": 1, "review_working_days": 5, "change_report_days": 20,
                             "log_retention_years": 5, "version": 1}])


def downgrade() -> None:
    op.execute("DELETE FROM policy WHERE id = 1")
    op.execute("DELETE FROM audit_head WHERE id = 1")
