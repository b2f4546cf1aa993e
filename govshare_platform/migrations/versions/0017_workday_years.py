"""Confirmed working-day years: the platform admin's confirmation that a year without official
data (chinesecalendar ends with 2026) has its State Council schedule entered as overrides, so
that its deadlines are no longer provisional (第二十七条; govshare_core.workdays.YearSchedule).

Revision ID: 0017_workday_years
Revises: 0016_search_pending
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import govshare_platform.db

revision = "0017_workday_years"
down_revision = "0016_search_pending"
branch_labels = None
depends_on = None

_AT = govshare_platform.db.UTCDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "workday_years",
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("confirmed_at", _AT, nullable=False),
        sa.Column("confirmed_by", sa.Integer(), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["confirmed_by"], ["users.id"], name=op.f("fk_workday_years_confirmed_by_users")
        ),
        sa.PrimaryKeyConstraint("year", name=op.f("pk_workday_years")),
    )


def downgrade() -> None:
    op.drop_table("workday_years")
