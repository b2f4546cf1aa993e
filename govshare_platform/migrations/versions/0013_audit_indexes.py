"""The audit trail read at millions of events (issue 11): each filter of GET /audit/events is
one index range ending in `seq`, so a keyset page (newest first, seq < before_seq) reads only
the rows it returns; they replace the single-column indexes they start with.

Revision ID: 0013_audit_indexes
Revises: 0012_security
"""

from __future__ import annotations

from alembic import op

revision = "0013_audit_indexes"
down_revision = "0012_security"
branch_labels = None
depends_on = None

_REPLACED = ("action", "actor_id", "department_id")
_COMPOSITE = {
    "ix_audit_events_action_seq": ["action", "seq"],
    "ix_audit_events_actor_seq": ["actor_id", "seq"],
    "ix_audit_events_department_seq": ["department_id", "seq"],
    "ix_audit_events_object_seq": ["object_type", "object_id", "seq"],
    "ix_audit_events_outcome_seq": ["outcome", "seq"],
}


def upgrade() -> None:
    with op.batch_alter_table("audit_events") as batch:
        for column in _REPLACED:
            batch.drop_index(f"ix_audit_events_{column}")
        for name, columns in _COMPOSITE.items():
            batch.create_index(name, columns)


def downgrade() -> None:
    with op.batch_alter_table("audit_events") as batch:
        for name in _COMPOSITE:
            batch.drop_index(name)
        for column in _REPLACED:
            batch.create_index(f"ix_audit_events_{column}", [column])
