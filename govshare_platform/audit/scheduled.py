"""The audit chain's scheduled full verification (第二十六条, 第三十三条).

The maintenance sweep (govshare_platform.maintenance) calls `run_if_due` after its own
transaction: every `audit_verify_interval_hours` (default 24; 0: never) the whole chain is
rehashed from its base to the head and checked against the newest checkpoints, as
`GET /audit/verify?full=true` and `govshare-platform audit verify` do. The incremental check of
the desk does not rehash what the newest checkpoint covers; this one does, so an old event
edited with its stored hash left alone is found within a day.

- Once across processes: the run is claimed with one conditional update of the head row
  (`audit_head.full_verify_at`, set to now when it is empty or older than the interval, less
  `DUE_SLACK` so that the sweeps on the hour meet it every day), in a short transaction of its
  own. Every process's sweep and the cron command may try; one updates the row, the others see
  it done. A process that dies while verifying leaves the claim: the next run is a day later.
- Outside any write transaction: the rehashing runs in a read transaction of its own (no row
  lock; on SQLite no write lock), so writers are not held while it reads millions of events.
- Recorded and audited: the result is an `audit_verify` event of actor "system" with
  `full: true, scheduled: true` (the desk's verifications record the same fields). The audit
  admin's to-do "audit trail verification failed" (AdminTodo.AUDIT_CHAIN_BROKEN) is open while
  the newest verification, or the newest full one, failed (govshare_platform.inbox.admin_todo).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from govshare_platform import clock
from govshare_platform.audit import anchor
from govshare_platform.audit import service as audit
from govshare_platform.audit.models import AuditHead
from govshare_platform.settings import Settings

log = logging.getLogger("govshare.platform.audit")

DUE_SLACK = timedelta(minutes=5)
"""A run is due this much before a whole interval has passed since the last one started."""


def claim(factory: sessionmaker[Session], settings: Settings, now: datetime) -> bool:
    """Claim the run due at `now`: True for the one process that moved `full_verify_at`."""
    hours = settings.audit_verify_interval_hours
    if hours <= 0:
        return False
    due_before = now - timedelta(hours=hours) + DUE_SLACK
    with factory() as session:
        audit.begin_write(session)
        moved = session.execute(
            update(AuditHead)
            .where(
                AuditHead.id == 1,
                or_(AuditHead.full_verify_at.is_(None), AuditHead.full_verify_at <= due_before),
            )
            .values(full_verify_at=now)
            .execution_options(synchronize_session=False)
        )
        session.commit()
    return bool(moved.rowcount == 1)  # type: ignore[attr-defined]


def run_if_due(factory: sessionmaker[Session], settings: Settings) -> dict[str, Any] | None:
    """The full verification when it is due and this process claimed it: what its audit event
    records (None: not due, taken by another process, or turned off)."""
    if not claim(factory, settings, clock.now()):
        return None
    details: dict[str, Any]
    try:
        with factory() as session:  # a read transaction: no lock held while rehashing
            result = anchor.verify(session, settings, full=True)
        details = anchor.verify_details(result, full=True)
    except anchor.AnchorError as exc:  # the key is configured but unreadable: a failure too
        details = {"ok": False, "full": True, "checked": 0, "reason": f"audit key: {exc}"}
    details["scheduled"] = True
    if not details["ok"]:
        log.error("scheduled audit chain verification FAILED: %s", details)
    try:
        audit.append_standalone(
            factory, action="audit_verify", actor_name="system", details=details
        )
    except SQLAlchemyError:  # a trail broken so far that it takes no event: still logged
        log.exception("the scheduled audit verification could not be recorded")
    return details
