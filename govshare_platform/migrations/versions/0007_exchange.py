"""The exchange system (交换系统, 第二十三条, 第二十六条): deliveries, their stored files and key
index, the exchange log; the key data item flag (关键信息项) of catalog data items.

Revision ID: 0007_exchange
Revises: 0006_agreements
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import govshare_platform.db

revision = "0007_exchange"
down_revision = "0006_agreements"
branch_labels = None
depends_on = None

_BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    with op.batch_alter_table("catalog_data_items") as batch:
        batch.add_column(
            sa.Column("is_key", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    op.create_table(
        "deliveries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("format", sa.String(length=8), nullable=False),
        sa.Column("encoding", sa.String(length=16), nullable=True),
        sa.Column("filename", sa.String(length=200), nullable=True),
        sa.Column("rows", sa.BigInteger(), nullable=False),
        sa.Column("bytes", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("items", sa.JSON(), nullable=False),
        sa.Column("key_item", sa.String(length=100), nullable=False),
        sa.Column("blob_key", sa.String(length=200), nullable=False),
        sa.Column("stored_bytes", sa.BigInteger(), nullable=False),
        sa.Column("delivered_by", sa.Integer(), nullable=False),
        sa.Column("delivered_at", govshare_platform.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("on_time", sa.Boolean(), nullable=False),
        sa.Column("report", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["delivered_by"], ["users.id"]),
        sa.ForeignKeyConstraint(["department_id"], ["departments.id"]),
        sa.ForeignKeyConstraint(["entry_id"], ["catalog_entries.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("blob_key"),
    )
    op.create_index("ix_deliveries_entry_id", "deliveries", ["entry_id", "id"], unique=False)
    op.create_table(
        "delivery_keys",
        sa.Column("delivery_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("offset", sa.BigInteger(), nullable=False),
        sa.Column("length", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["delivery_id"], ["deliveries.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("delivery_id", "key"),
    )
    op.create_table(
        "blob_chunks",
        sa.Column("blob_key", sa.String(length=200), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("blob_key", "seq"),
    )
    op.create_table(
        "exchange_log",
        sa.Column("id", _BIG_ID, autoincrement=True, nullable=False),
        sa.Column("at", govshare_platform.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.String(length=64), nullable=True),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=True),
        sa.Column("provider_department_id", sa.Integer(), nullable=True),
        sa.Column("delivery_id", sa.Integer(), nullable=True),
        sa.Column("grant_ids", sa.JSON(), nullable=False),
        sa.Column("items", sa.JSON(), nullable=False),
        sa.Column("rows", sa.BigInteger(), nullable=False),
        sa.Column("bytes", sa.BigInteger(), nullable=False),
        sa.Column("client_address", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(["department_id"], ["departments.id"]),
        sa.ForeignKeyConstraint(["entry_id"], ["catalog_entries.id"]),
        sa.ForeignKeyConstraint(["provider_department_id"], ["departments.id"]),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_exchange_log_department", "exchange_log", ["department_id", "id"])
    op.create_index("ix_exchange_log_provider", "exchange_log", ["provider_department_id", "id"])
    op.create_index("ix_exchange_log_entry", "exchange_log", ["entry_id", "id"])
    op.create_index("ix_exchange_log_at", "exchange_log", ["at"])


def downgrade() -> None:
    op.drop_table("exchange_log")
    op.drop_table("blob_chunks")
    op.drop_table("delivery_keys")
    op.drop_table("deliveries")
    with op.batch_alter_table("catalog_data_items") as batch:
        batch.drop_column("is_key")
