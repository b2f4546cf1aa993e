"""Periodic sweeps: escalate overdue share requests (第二十七条), expire grants at 截止时间,
purge exchange-log records past their retention (第二十六条) and run the standard-conformance
test over the published entries due for it (第十六条, govshare_platform.assessment.conformance).

`serve` runs them every `maintenance_interval_minutes` in a background thread (0 turns it off);
`govshare-platform maintenance` runs them once, e.g. from cron.
"""

from __future__ import annotations

import logging
import threading

from sqlalchemy.orm import Session, sessionmaker

from govshare_platform import clock
from govshare_platform.assessment.conformance import run_due_conformance_checks
from govshare_platform.audit import service as audit
from govshare_platform.exchange.log_views import purge_expired
from govshare_platform.policy.service import get_policy
from govshare_platform.requests.grant_flow import expire
from govshare_platform.requests.service import escalate_overdue

log = logging.getLogger("govshare.platform.maintenance")


def run_once(factory: sessionmaker[Session]) -> dict[str, int]:
    """One sweep in one transaction; audited as a system action."""
    today = clock.today()
    with factory() as session:
        audit.begin_write(session)
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
        # 第十六条: the standard-conformance test, each published entry monthly and after changes
        checked, failed = run_due_conformance_checks(session, today)
        if checked:
            counts = {"checked": checked, "failed": failed}
            audit.append(session, action="conformance_checked", actor_name="system", details=counts)
        session.commit()
    return result


class Scheduler:
    """Runs `run_once` every `interval` seconds until stopped (a daemon thread)."""

    def __init__(self, factory: sessionmaker[Session], interval: float) -> None:
        self._factory = factory
        self._interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="govshare-maintenance", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=10)

    def _loop(self) -> None:
        while not self._stop.wait(self._interval):
            try:
                result = run_once(self._factory)
                if any(result.values()):
                    log.info("maintenance sweep: %s", result)
            except Exception:  # keep the server up; the next sweep retries
                log.exception("maintenance sweep failed")
