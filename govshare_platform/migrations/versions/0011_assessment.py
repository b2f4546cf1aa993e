"""Assessment rounds and their snapshots (第三十四条), explanations (申辩), the periodic
conformance checks (第十六条); policy `assessment_weights` and `grade_bands`.

Revision ID: 0011_assessment
Revises: 0010_rectification
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

import govshare_platform.db
from govshare_core.assessment import DEFAULT_GRADE_BANDS, DEFAULT_WEIGHTS

revision = "0011_assessment"
down_revision = "0010_rectification"
branch_labels = None
depends_on = None

_AT = govshare_platform.db.UTCDateTime(timezone=True)


def _json_default(value: object) -> sa.TextClause:
    return sa.text("'" + json.dumps(value, sort_keys=True) + "'")


def upgrade() -> None:
    with op.batch_alter_table("policy") as batch:
        batch.add_column(
            sa.Column(
                "assessment_weights",
                sa.JSON(),
                nullable=False,
                server_default=_json_default({str(k): v for k, v in DEFAULT_WEIGHTS.items()}),
            )
        )
        batch.add_column(
            sa.Column(
                "grade_bands",
                sa.JSON(),
                nullable=False,
                server_default=_json_default({str(k): v for k, v in DEFAULT_GRADE_BANDS.items()}),
            )
        )
    op.create_table(
        "assessment_rounds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=8), nullable=False),
        sa.Column("period_kind", sa.String(length=8), nullable=False),
        sa.Column("starts", sa.Date(), nullable=False),
        sa.Column("ends", sa.Date(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("asof", sa.Date(), nullable=False),
        sa.Column("provisional", sa.Boolean(), nullable=False),
        sa.Column("weights", sa.JSON(), nullable=False),
        sa.Column("grade_bands", sa.JSON(), nullable=False),
        sa.Column("computed_at", _AT, nullable=False),
        sa.Column("computed_by", sa.Integer(), nullable=False),
        sa.Column("published_at", _AT, nullable=True),
        sa.Column("published_by", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["computed_by"], ["users.id"]),
        sa.ForeignKeyConstraint(["published_by"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("assessment_rounds") as batch:
        batch.create_index("ix_assessment_rounds_period", ["period_kind", "period", "status"])
    op.create_table(
        "round_results",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("department_name", sa.String(length=200), nullable=False),
        sa.Column("facts", sa.JSON(), nullable=False),
        sa.Column("indicators", sa.JSON(), nullable=False),
        sa.Column("group_scores", sa.JSON(), nullable=False),
        sa.Column("suggestions", sa.JSON(), nullable=False),
        sa.Column("computed_score", sa.Float(), nullable=False),
        sa.Column("adjusted_score", sa.Float(), nullable=True),
        sa.Column("adjust_reason", sa.Text(), nullable=True),
        sa.Column("adjusted_by", sa.Integer(), nullable=True),
        sa.Column("adjusted_at", _AT, nullable=True),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("grade", sa.String(length=16), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["round_id"], ["assessment_rounds.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["department_id"], ["departments.id"]),
        sa.ForeignKeyConstraint(["adjusted_by"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("round_id", "department_id"),
    )
    with op.batch_alter_table("round_results") as batch:
        batch.create_index("ix_round_results_round_id", ["round_id"])
    op.create_table(
        "round_explanations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("by", sa.Integer(), nullable=False),
        sa.Column("at", _AT, nullable=False),
        sa.ForeignKeyConstraint(["round_id"], ["assessment_rounds.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["department_id"], ["departments.id"]),
        sa.ForeignKeyConstraint(["by"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("round_explanations") as batch:
        batch.create_index("ix_round_explanations_round_id", ["round_id"])
    op.create_table(
        "conformance_checks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("checked_on", sa.Date(), nullable=False),
        sa.Column("passed", sa.Boolean(), nullable=False),
        sa.Column("problems", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["entry_id"], ["catalog_entries.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["department_id"], ["departments.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("conformance_checks") as batch:
        batch.create_index(
            "ix_conformance_checks_dept_day", ["department_id", "checked_on", "entry_id"]
        )
        batch.create_index("ix_conformance_checks_entry_day", ["entry_id", "checked_on"])


def downgrade() -> None:
    op.drop_table("conformance_checks")
    op.drop_table("round_explanations")
    op.drop_table("round_results")
    op.drop_table("assessment_rounds")
    with op.batch_alter_table("policy") as batch:
        batch.drop_column("grade_bands")
        batch.drop_column("assessment_weights")
