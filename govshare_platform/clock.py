"""The platform's notion of "today": a calendar date in Asia/Shanghai (govshare_core.clock,
docs/design.md §4).

Deadlines are dates in China's time zone; timestamps stay UTC. Tests move time by patching
`govshare_platform.clock.today`/`now` (monkeypatch) rather than sleeping: `today` reads `now`
through this module, so patching `now` moves both.
"""

from __future__ import annotations

from datetime import date, datetime

from govshare_core import clock as core_clock
from govshare_platform.db import utcnow

SHANGHAI = core_clock.PLATFORM_ZONE


def now() -> datetime:
    return utcnow()


def today() -> date:
    return core_clock.today(now())


def local_date(moment: datetime) -> date:
    """The calendar date in Asia/Shanghai of a UTC moment (when a deadline's clock starts)."""
    return core_clock.local_date(moment)
