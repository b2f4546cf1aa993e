"""govshare_core.clock: the platform's calendar day (Asia/Shanghai), whatever the machine's zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from govshare_core import clock

BEIJING = ZoneInfo("Asia/Shanghai")


def test_today_is_beijings_date_at_any_moment() -> None:
    # 16:00 UTC is midnight in Beijing: the date turns there eight hours before it does in UTC
    assert clock.today(datetime(2026, 12, 2, 15, 59, 59, tzinfo=UTC)) == date(2026, 12, 2)
    assert clock.today(datetime(2026, 12, 2, 16, 0, tzinfo=UTC)) == date(2026, 12, 3)
    # an aware moment in another zone is the same instant
    honolulu = datetime(2026, 12, 2, 6, 30, tzinfo=ZoneInfo("Pacific/Honolulu"))  # 16:30 UTC
    assert clock.today(honolulu) == date(2026, 12, 3)
    # the API's naive timestamps are UTC
    assert clock.local_date(datetime(2026, 12, 31, 16, 0)) == date(2027, 1, 1)
    assert clock.local_date(datetime(2026, 12, 31, 15, 0)) == date(2026, 12, 31)


def test_platform_time_is_beijing_wall_clock() -> None:
    moment = clock.platform_time(datetime(2026, 12, 2, 16, 5, tzinfo=UTC))
    assert (moment.date(), moment.hour, moment.minute) == (date(2026, 12, 3), 0, 5)
    assert moment.utcoffset() == timedelta(hours=8)
    naive = clock.platform_time(datetime(2026, 12, 2, 16, 5))
    assert naive == moment
    other = clock.platform_time(datetime(2026, 12, 2, 12, 5, tzinfo=timezone(timedelta(hours=-4))))
    assert other == moment and other.utcoffset() == timedelta(hours=8)


def test_the_machines_zone_does_not_move_today(far_zone: str) -> None:
    before = datetime.now(BEIJING).date()
    today, now = clock.today(), clock.platform_time()
    after = datetime.now(BEIJING).date()
    assert today in {before, after} and now.date() in {before, after}
    # the machine's own date is another day here: what clock.today() must not return
    assert date.today() != today, f"{far_zone}: the fixture should give another date"
