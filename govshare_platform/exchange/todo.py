"""To-do items of this domain, collected into the user's inbox (govshare_platform.inbox):
`delivery_due` for the provider department's deliverers (第二十三条): a published entry whose
next delivery is due within DUE_SOON_WORKING_DAYS working days, or overdue."""

from __future__ import annotations

from typing import TYPE_CHECKING

from govshare_core.exchange import DELIVERY_ROLES
from govshare_platform.exchange.schedule import schedule

if TYPE_CHECKING:
    from govshare_platform.inbox.service import InboxBuilder

DUE_SOON_WORKING_DAYS = 3


def collect(b: InboxBuilder) -> None:
    """Add this domain's to-do items for `b.actor` (kinds listed in CLOSED_BY or reminders)."""
    if not b.actor.roles & DELIVERY_ROLES:
        return
    for row in schedule(b.session, department_id=b.actor.department_id, clock=b.clock):
        left = row.working_days_left
        if row.next_due is None or left is None or left > DUE_SOON_WORKING_DAYS:
            continue
        b.add(
            "delivery_due",
            row.entry_id,
            row.entry_name,
            str(row.update_cycle),
            row.next_due,
            row.next_due_provisional,
        )
