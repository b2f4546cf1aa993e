"""Three-party confidentiality agreements (第三十条).

- `agreement_templates` with the built-in version 1 (govshare_platform.agreements.template);
- `agreements` (the current PDF in the row), `agreement_signatures`, `agreement_revisions`
  (every accepted revision's bytes);
- `policy.agreement_signing_working_days` (platform policy, default 5).

Revision ID: 0006_agreements
Revises: 0005_pki
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import govshare_platform.db
from govshare_core.agreements import DEFAULT_AGREEMENT_SIGNING_WORKING_DAYS
from govshare_platform.agreements.template import BUILTIN, BUILTIN_NOTE

revision = "0006_agreements"
down_revision = "0005_pki"
branch_labels = None
depends_on = None

_OPEN = "status IN ('awaiting_consumer', 'awaiting_provider', 'awaiting_platform')"


def upgrade() -> None:
    templates = op.create_table(
        "agreement_templates",
        sa.Column("version", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("title", sa.String(length=100), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", govshare_platform.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["created_by"], ["users.id"]),
        sa.PrimaryKeyConstraint("version"),
    )
    op.bulk_insert(
        templates,
        [
            {
                "version": BUILTIN.version,
                "title": BUILTIN.title,
                "body": BUILTIN.body,
                "note": BUILTIN_NOTE,
                "created_by": None,
                "created_at": govshare_platform.db.utcnow(),
            }
        ],
    )
    op.create_table(
        "agreements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("consumer_department_id", sa.Integer(), nullable=False),
        sa.Column("provider_department_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=24), nullable=False),
        sa.Column("template_version", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("draft_sha256", sa.String(length=64), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=False),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("due_provisional", sa.Boolean(), nullable=False),
        sa.Column("declined_reason", sa.Text(), nullable=True),
        sa.Column("declined_by", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", govshare_platform.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", govshare_platform.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["consumer_department_id"], ["departments.id"]),
        sa.ForeignKeyConstraint(["declined_by"], ["users.id"]),
        sa.ForeignKeyConstraint(["provider_department_id"], ["departments.id"]),
        sa.ForeignKeyConstraint(["request_id"], ["share_requests.id"]),
        sa.ForeignKeyConstraint(["template_version"], ["agreement_templates.version"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("agreements") as batch_op:
        batch_op.create_index("ix_agreements_request_id", ["request_id"], unique=False)
        batch_op.create_index(
            "ix_agreements_consumer", ["consumer_department_id", "id"], unique=False
        )
        batch_op.create_index(
            "ix_agreements_provider", ["provider_department_id", "id"], unique=False
        )
        batch_op.create_index(
            "uq_agreements_open_request",
            ["request_id"],
            unique=True,
            sqlite_where=sa.text(_OPEN),
            postgresql_where=sa.text(_OPEN),
        )
    op.create_table(
        "agreement_signatures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.Integer(), nullable=False),
        sa.Column("turn", sa.String(length=16), nullable=False),
        sa.Column("field_name", sa.String(length=64), nullable=False),
        sa.Column("signer_id", sa.Integer(), nullable=False),
        sa.Column("certificate_serial", sa.String(length=64), nullable=False),
        sa.Column("signed_at", govshare_platform.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["agreement_id"], ["agreements.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["signer_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("agreement_signatures") as batch_op:
        batch_op.create_index(
            "ix_agreement_signatures_agreement_id", ["agreement_id"], unique=False
        )
    op.create_table(
        "agreement_revisions",
        sa.Column("agreement_id", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", govshare_platform.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["agreement_id"], ["agreements.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("agreement_id", "revision"),
    )
    with op.batch_alter_table("policy") as batch_op:
        batch_op.add_column(
            sa.Column(
                "agreement_signing_working_days",
                sa.Integer(),
                nullable=False,
                server_default=sa.text(str(DEFAULT_AGREEMENT_SIGNING_WORKING_DAYS)),
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("policy") as batch_op:
        batch_op.drop_column("agreement_signing_working_days")
    op.drop_table("agreement_revisions")
    with op.batch_alter_table("agreement_signatures") as batch_op:
        batch_op.drop_index("ix_agreement_signatures_agreement_id")
    op.drop_table("agreement_signatures")
    with op.batch_alter_table("agreements") as batch_op:
        batch_op.drop_index("uq_agreements_open_request")
        batch_op.drop_index("ix_agreements_provider")
        batch_op.drop_index("ix_agreements_consumer")
        batch_op.drop_index("ix_agreements_request_id")
    op.drop_table("agreements")
    op.drop_table("agreement_templates")
