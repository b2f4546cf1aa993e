"""接口服务 entries carry the provider's endpoint beside their interface document (第十九条).

Revision ID: 0009_interface_endpoint
Revises: 0008_usage
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_interface_endpoint"
down_revision = "0008_usage"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("catalog_entries") as batch:
        batch.add_column(sa.Column("interface_endpoint", sa.String(length=500), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("catalog_entries") as batch:
        batch.drop_column("interface_endpoint")
