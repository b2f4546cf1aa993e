"""Periodic sweeps: escalate overdue share requests (第二十七条), expire grants at 截止时间,
purge exchange-log records past their retention (第二十六条) and run the standard-conformance
test over the published entries due for it (第十六条, govshare_platform.assessment.conformance).
After its transaction it runs, once a day (`audit_verify_interval_hours`), the audit chain's full
verification (govshare_platform.audit.scheduled, claimed once across processes) and then takes
the trail's signed checkpoint when the head moved.

`serve` runs them every `maintenance_interval_minutes` in a background thread (0 turns it off);
`govshare-platform maintenance` runs them once, e.g. from cron.

Several API processes on one database (docs/security.md, "Running several API processes"): every
process's scheduler wakes at the same wall-clock moments (multiples of the interval since the
epoch: on the hour), and a sweep first claims the database's sweep lock, so one sweep runs at a
time across every process and the cron command:
- PostgreSQL: `pg_try_advisory_xact_lock` in the sweep's transaction; a process that finds it
  taken skips this round (`{"skipped": 1}`) instead of waiting; the lock ends with the
  transaction, also when the process dies.
- SQLite: the sweep's BEGIN IMMEDIATE holds the database's write lock across processes; a second
  sweep waits for it and then sees the first one's work.
A sweep that starts after another has committed finds nothing left to do: every step selects only
what is still due (not yet escalated, not yet expired, not yet purged, not checked this month).
"""

from __future__ import annotations

import logging
import threading
import time

from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from govshare_platform import clock
from govshare_platform.assessment.conformance import run_due_conformance_checks
from govshare_platform.audit import anchor
from govshare_platform.audit import scheduled as scheduled_verification
from govshare_platform.audit import service as audit
from govshare_platform.exchange.log_views import purge_expired
from govshare_platform.policy.service import get_policy
from govshare_platform.requests.grant_flow import expire
from govshare_platform.requests.service import escalate_overdue
from govshare_platform.settings import Settings, get_settings

log = logging.getLogger("govshare.platform.maintenance")


SWEEP_LOCK_KEY = 0x676F_7673_7765_6570
"""The PostgreSQL advisory lock of the sweep (a bigint: "govsweep" in ASCII)."""
SKIPPED = {"skipped": 1}
"""What `run_once` returns when another process is sweeping (PostgreSQL)."""


def claim_sweep(session: Session) -> bool:
    """Start the sweep's write transaction and take the sweep lock for it; False when another
    process holds it (PostgreSQL only: on SQLite BEGIN IMMEDIATE has waited for it already)."""
    audit.begin_write(session)
    if session.get_bind().dialect.name != "postgresql":
        return True
    lock = text("SELECT pg_try_advisory_xact_lock(:key)")
    return bool(session.execute(lock, {"key": SWEEP_LOCK_KEY}).scalar_one())


def run_once(factory: sessionmaker[Session], settings: Settings | None = None) -> dict[str, int]:
    """One sweep in one transaction; audited as a system action. `SKIPPED` when another
    process is sweeping at the same moment (that one does the work)."""
    today = clock.today()
    with factory() as session:
        if not claim_sweep(session):
            session.rollback()
            return dict(SKIPPED)
        # 第十六条: the standard-conformance test, each published entry monthly and after changes.
        # First, as it appends no audit event: the audit head (which every writer of every
        # process needs) is locked only from the first append below until the commit.
        checked, failed = run_due_conformance_checks(session, today)
        result = {
            "escalated": escalate_overdue(session, today=today),
            "expired": expire(session, today=today),
        }
        # 第二十六条: exchange-log records past the retention period (never under 5 years)
        retention = get_policy(session).log_retention_years
        purged = purge_expired(session, today=today, retention_years=retention)
        if purged:
            result["log_purged"] = purged
        if any(result.values()):
            audit.append(session, action="maintenance_run", actor_name="system", details=result)
        if checked:
            counts = {"checked": checked, "failed": failed}
            audit.append(session, action="conformance_checked", actor_name="system", details=counts)
        session.commit()
    settings = settings or get_settings()
    # the chain's full verification when due (daily by default), claimed once across processes
    # and run outside the sweep's transaction (govshare_platform.audit.scheduled)
    verified = scheduled_verification.run_if_due(factory, settings)
    if verified is not None:
        result["audit_verified"] = 1
        if not verified["ok"]:
            result["audit_verify_failed"] = 1
    # the audit trail's signed checkpoint when its head moved (govshare_platform.audit.anchor):
    # after the verification, so that it covers the verification's own event
    if anchor.sweep_checkpoint(factory, settings):
        result["audit_checkpoint"] = 1
    return result


def seconds_to_next_round(interval: float, now: float | None = None) -> float:
    """Seconds until the next multiple of `interval` since the epoch: every process of the
    platform wakes at the same moments, so their sweeps meet at the lock instead of running one
    after another (each would find nothing left, but would still have looked)."""
    now = time.time() if now is None else now
    return interval - (now % interval)


class Scheduler:
    """Runs `run_once` every `interval` seconds, at the multiples of `interval` since the epoch
    (on the hour for 60 minutes), until stopped (a daemon thread)."""

    def __init__(
        self, factory: sessionmaker[Session], interval: float, settings: Settings | None = None
    ) -> None:
        self._factory = factory
        self._settings = settings
        self._interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="govshare-maintenance", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=10)

    def _loop(self) -> None:
        while not self._stop.wait(seconds_to_next_round(self._interval)):
            try:
                result = run_once(self._factory, self._settings)
                if result == SKIPPED:
                    log.debug("maintenance sweep: another process is sweeping")
                elif any(result.values()):
                    log.info("maintenance sweep: %s", result)
            except Exception:  # keep the server up; the next sweep retries
                log.exception("maintenance sweep failed")
