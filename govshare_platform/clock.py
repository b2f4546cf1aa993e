"""The platform's notion of "today": a calendar date in Asia/Shanghai (docs/design.md §4).

Deadlines are dates in China's time zone; timestamps stay UTC. Tests move time by patching
`govshare_platform.clock.today`/`now` (monkeypatch) rather than sleeping.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from govshare_platform.db import utcnow

SHANGHAI = ZoneInfo("Asia/Shanghai")


def now() -> datetime:
    return utcnow()


def today() -> date:
    return now().astimezone(SHANGHAI).date()


def local_date(moment: datetime) -> date:
    """The calendar date in Asia/Shanghai of a UTC moment (when a deadline's clock starts)."""
    return moment.astimezone(SHANGHAI).date()
