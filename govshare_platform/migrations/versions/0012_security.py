"""Security (issue 11, 三员分立, 第二十六条, 第三十三条): forced password change and password age,
one account per case-folded username, the password policy, the audit chain's base (retention)
and signed audit checkpoints.

Revision ID: 0012_security
Revises: 0011_assessment
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import govshare_platform.db
from govshare_core.passwords import (
    DEFAULT_PASSWORD_MAX_AGE_DAYS,
    DEFAULT_PASSWORD_MIN_CLASSES,
    DEFAULT_PASSWORD_MIN_LENGTH,
)

revision = "0012_security"
down_revision = "0011_assessment"
branch_labels = None
depends_on = None

_AT = govshare_platform.db.UTCDateTime(timezone=True)
_GENESIS = "0" * 64


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(
            sa.Column(
                "must_change_password", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )
        batch.add_column(sa.Column("password_changed_at", _AT, nullable=True))
    op.create_index(
        "uq_users_username_folded", "users", [sa.text("lower(username)")], unique=True
    )
    with op.batch_alter_table("policy") as batch:
        for name, default in (
            ("password_min_length", DEFAULT_PASSWORD_MIN_LENGTH),
            ("password_min_classes", DEFAULT_PASSWORD_MIN_CLASSES),
            ("password_max_age_days", DEFAULT_PASSWORD_MAX_AGE_DAYS),
            ("password_policy_version", 1),
        ):
            batch.add_column(
                sa.Column(name, sa.Integer(), nullable=False, server_default=sa.text(str(default)))
            )
    with op.batch_alter_table("audit_head") as batch:
        batch.add_column(
            sa.Column("base_seq", sa.BigInteger(), nullable=False, server_default=sa.text("0"))
        )
        batch.add_column(
            sa.Column(
                "base_hash",
                sa.String(length=64),
                nullable=False,
                server_default=sa.text(f"'{_GENESIS}'"),
            )
        )
    op.create_table(
        "audit_checkpoints",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("at", _AT, nullable=False),
        sa.Column("key_id", sa.String(length=64), nullable=False),
        sa.Column("signature", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("audit_checkpoints") as batch:
        batch.create_index("ix_audit_checkpoints_seq", ["seq"])


def downgrade() -> None:
    op.drop_table("audit_checkpoints")
    with op.batch_alter_table("audit_head") as batch:
        batch.drop_column("base_hash")
        batch.drop_column("base_seq")
    with op.batch_alter_table("policy") as batch:
        for name in (
            "password_policy_version",
            "password_max_age_days",
            "password_min_classes",
            "password_min_length",
        ):
            batch.drop_column(name)
    op.drop_index("uq_users_username_folded", table_name="users")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("password_changed_at")
        batch.drop_column("must_change_password")
