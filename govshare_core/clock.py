"""The platform's calendar day: dates in Asia/Shanghai, timestamps in UTC (docs/design.md §4).

Every deadline of the regulation is a calendar date in China's time zone — a share request's
5 working days (第二十七条), a change report's 20 (第十七条), a grant's end date — whatever zone
the machine that shows or checks it is set to. A client on a machine left at UTC (or abroad)
would otherwise count from "yesterday" between 00:00 and 08:00 Beijing time, and show a
deadline's days left, a form's earliest end date or a report's date one day off the platform's.

So neither program asks the machine for today's date (`date.today()`) or shows a time in the
machine's zone (`astimezone()`): both ask here, and show every time in Beijing time too.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Final
from zoneinfo import ZoneInfo

PLATFORM_ZONE: Final = ZoneInfo("Asia/Shanghai")
"""The zone of every calendar date in GovShare (Beijing time, no daylight saving)."""


def utcnow() -> datetime:
    """Now, as an aware UTC timestamp."""
    return datetime.now(UTC)


def local_date(moment: datetime) -> date:
    """The calendar date in Asia/Shanghai of a moment (a naive one is read as UTC, as the API's
    timestamps are)."""
    return platform_time(moment).date()


def today(now: datetime | None = None) -> date:
    """Today's date in Asia/Shanghai (at `now`, or the machine's clock)."""
    return local_date(utcnow() if now is None else now)


def platform_time(moment: datetime | None = None) -> datetime:
    """A moment (now when None) as Beijing wall-clock time, aware; a naive one is read as UTC.

    Every time GovShare shows or prints is in this zone, as every date is: a record's times,
    a stamp's signing time, an audit filter's bounds, the time of the last sync."""
    moment = utcnow() if moment is None else moment
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(PLATFORM_ZONE)
