"""The platform CA's signer certificates (第三十条 agreements are signed with them).

The CA's keys are files, never rows: only the issued certificates are stored.

Revision ID: 0005_pki
Revises: 0004_sorting_entry_review
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import govshare_platform.db

revision = "0005_pki"
down_revision = "0004_sorting_entry_review"
branch_labels = None
depends_on = None


def upgrade() -> None:
    utc = govshare_platform.db.UTCDateTime(timezone=True)
    op.create_table(
        "signer_certificates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("serial", sa.String(length=42), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.Column("subject", sa.String(length=1000), nullable=False),
        sa.Column("not_before", utc, nullable=False),
        sa.Column("not_after", utc, nullable=False),
        sa.Column("certificate_pem", sa.Text(), nullable=False),
        sa.Column("revoked_at", utc, nullable=True),
        sa.Column("revoked_by", sa.Integer(), nullable=True),
        sa.Column("revoked_reason", sa.Text(), nullable=True),
        sa.Column("created_at", utc, nullable=False),
        sa.ForeignKeyConstraint(
            ["department_id"], ["departments.id"],
            name=op.f("fk_signer_certificates_department_id_departments"),
        ),
        sa.ForeignKeyConstraint(
            ["revoked_by"], ["users.id"], name=op.f("fk_signer_certificates_revoked_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_signer_certificates_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signer_certificates")),
        sa.UniqueConstraint("serial", name=op.f("uq_signer_certificates_serial")),
    )
    with op.batch_alter_table("signer_certificates") as batch_op:
        batch_op.create_index(
            batch_op.f("ix_signer_certificates_department_id"), ["department_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_signer_certificates_user_id"), ["user_id"], unique=False
        )
        batch_op.create_index("ix_signer_certificates_revoked_at", ["revoked_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("signer_certificates") as batch_op:
        batch_op.drop_index("ix_signer_certificates_revoked_at")
        batch_op.drop_index(batch_op.f("ix_signer_certificates_user_id"))
        batch_op.drop_index(batch_op.f("ix_signer_certificates_department_id"))
    op.drop_table("signer_certificates")
