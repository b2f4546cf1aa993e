"""Demo deliveries (数据交付, 第二十三条): the delivery schedule of a real city.

Every published entry with a periodic 更新周期 (接口服务 expects no files) gets small CSV files
through the API, on working days, each due by the one before it (`next_delivery_due`), the last
recent enough to be on time today. So the schedule, the `delivery_due` to-dos and the assessment's
update-timeliness indicator (第三十四条) have data, and the ranking varies: a few departments are
deliberately late (a gap: their latest files came after the due date) or overdue (their files
stopped: the schedule shows them 超期). A few showcase resources (`DELIVERIES`) get bigger files.

Cost: about two files per entry (daily entries on two working days running, monthly ones from
the end of the previous quarter on), 20 rows each: about 100 uploads, a few seconds of the seed.
"""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Protocol

from govshare_core.exchange import key_item, next_delivery_due
from govshare_core.schemas import DataItem
from govshare_core.vocab import DataType, Role, UpdateCycle
from govshare_core.workdays import is_working_day
from govshare_platform import clock
from govshare_platform.demo.data import DEPARTMENTS

ROWS = 120
"""Rows of a showcase file (`DELIVERIES`)."""
SCHEDULE_ROWS = 20
"""Rows of every other file: enough to look real, small enough to keep the seed fast."""

# (entry name, days ago of an extra earlier delivery or None): showcase files of 120 rows
DELIVERIES: tuple[tuple[str, int | None], ...] = (
    ("流动人口居住登记信息", None),
    ("最低生活保障对象信息", 75),
    ("社会组织登记信息", None),
    ("户籍迁移变更信息", None),
)

LATE_DEPARTMENTS = ("jt", "tj")
"""Their latest files came after the due date (a gap in the series): on time now, a lower
update-timeliness score."""
OVERDUE_DEPARTMENTS = ("nw", "hb")
"""Their files of the short cycles stopped weeks ago: overdue now (超期 on the schedule)."""

# 更新周期 → (files in the series, days between two of them); daily ones run on working days
_SERIES: Mapping[str, tuple[int, int]] = {
    UpdateCycle.REALTIME: (2, 1),
    UpdateCycle.DAILY: (2, 1),
    UpdateCycle.WEEKLY: (2, 5),
    UpdateCycle.MONTHLY: (3, 29),
    UpdateCycle.QUARTERLY: (2, 85),
    UpdateCycle.HALF_YEARLY: (1, 0),
    UpdateCycle.YEARLY: (1, 0),
}
_SINGLE_DAYS_AGO = 62
"""When the one file of a half-yearly or yearly entry came (in the previous quarter)."""
_STOPPED_DAYS_AGO = 40
"""An overdue department's files of cycles up to a month stopped this many days ago."""

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华"
STREETS = ("人民路", "中山路", "建设街", "解放大道", "和平里", "光明巷", "新华街")
CHOICES: Mapping[str, tuple[str, ...]] = {
    "性别": ("男", "女"),
    "民族": ("汉族", "回族", "满族", "蒙古族"),
    "婚姻状况": ("已婚", "未婚", "离异"),
    "救助类别": ("城市低保", "农村低保", "特困供养"),
    "变更事项": ("迁入", "迁出", "户主变更", "姓名变更"),
    "登记机关": ("幸福市民政局", "幸福市公安局"),
}


class _Api(Protocol):
    def call(self, who: str, method: str, path: str, body: Any = None) -> Any: ...

    def raw(
        self,
        who: str,
        method: str,
        path: str,
        data: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> bytes: ...


def _text(item: DataItem, n: int, rng: random.Random) -> str:
    name = item.name
    if "身份号码" in name:
        born = date(1950, 1, 1) + timedelta(days=rng.randrange(0, 25000))
        return f"320102{born:%Y%m%d}{n:03d}{rng.choice('0123456789X')}"
    if name == "统一社会信用代码":
        return f"51320100{n:09d}X"
    if "姓名" in name or name in ("法定代表人", "权利人"):
        return rng.choice(SURNAMES) + GIVEN[n % len(GIVEN)] + GIVEN[(n // len(GIVEN)) % len(GIVEN)]
    if "地址" in name or name in ("住所", "坐落"):
        return f"幸福市{rng.choice(STREETS)}{rng.randint(1, 999)}号"
    if name in ("单位名称", "企业名称"):
        return f"幸福市第{n + 1}社区服务中心"
    if name in CHOICES:
        return rng.choice(CHOICES[name])
    return f"{name}{n + 1}"


_GENERATORS: dict[str, Callable[[random.Random], str]] = {
    DataType.DATE: lambda rng: (date(2000, 1, 1) + timedelta(days=rng.randrange(9000))).isoformat(),
    DataType.DATETIME: lambda rng: f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} 09:30",
    DataType.CURRENCY: lambda rng: f"{rng.randint(300, 3000)}.{rng.randint(0, 99):02d}",
    DataType.NUMERIC: lambda rng: str(rng.randint(1, 9999)),
    DataType.INTEGER: lambda rng: str(rng.randint(1, 999)),
    DataType.DOUBLE: lambda rng: f"{rng.random() * 200:.2f}",
    DataType.FLOAT: lambda rng: f"{rng.random() * 200:.2f}",
    DataType.LOGICAL: lambda rng: rng.choice(("是", "否")),
}


_UNIQUE_TEXT = ("身份号码", "统一社会信用代码")
"""Text items whose generated values are unique by row already."""


def _key_capacity(item: DataItem) -> int:
    """How many distinct values the key item can take (a short code, a yes/no)."""
    if item.data_type == DataType.LOGICAL:
        return 2
    if item.data_type == DataType.CHAR and item.length:
        return int(10 ** min(item.length, 8))
    return 10**8


def _key_value(item: DataItem, n: int, rng: random.Random) -> str:
    """The key item's value of row n (n < `_key_capacity`): unique in the file (第二十三条:
    delivered and queried by key), of the item's type and length."""
    if item.data_type == DataType.DATE:
        return (date(2000, 1, 1) + timedelta(days=n)).isoformat()
    if item.data_type == DataType.DATETIME:
        return (datetime(2024, 1, 1, 9, 0) + timedelta(minutes=n)).strftime("%Y-%m-%d %H:%M")
    if item.data_type == DataType.LOGICAL:
        return ("是", "否")[n]
    if item.data_type in _GENERATORS:
        return str(n + 1)
    if any(word in item.name for word in _UNIQUE_TEXT):
        return _text(item, n, rng)
    width = min(item.length or 8, 8)
    stem = item.name[: max(0, item.length - width)] if item.length else item.name
    return f"{stem}{n:0{width}d}"


def demo_file(items: list[DataItem], rows: int = ROWS, seed: int = 2015) -> bytes:
    """A CSV (UTF-8) with the entry's items as header and `rows` plausible rows, unique keys."""
    rng = random.Random(seed)
    key = key_item(items)
    if key is not None:
        rows = min(rows, _key_capacity(key))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([item.name for item in items])
    for n in range(rows):
        row = []
        for item in items:
            generate = _GENERATORS.get(item.data_type)
            if item is key:
                value = _key_value(item, n, rng)
            else:
                value = generate(rng) if generate else _text(item, n, rng)
            cut = item.length if item.data_type == DataType.CHAR else None
            row.append(value[:cut] if cut else value)
        writer.writerow(row)
    return out.getvalue().encode("utf-8")


# --- the plan: which entry gets files on which days -------------------------------------------


def working_day_on_or_before(day: date) -> date:
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


def _working_days_back(today: date, n: int) -> date:
    day = today
    for _ in range(n):
        day = working_day_on_or_before(day - timedelta(days=1))
    return day


def _targets(cycle: str, discipline: str, today: date) -> list[date]:
    """The wished-for delivery days of one entry, oldest first (before the due-date pass)."""
    count, step = _SERIES[cycle]
    daily = step == 1
    if discipline == "overdue" and step <= 31:  # the short cycles stopped a while ago
        end = today - timedelta(days=_STOPPED_DAYS_AGO)
    elif count == 1:
        end = today - timedelta(days=_SINGLE_DAYS_AGO)
    else:
        end = today if daily else today - timedelta(days=3)
    if daily:
        days = [_working_days_back(end, k) for k in range(count)]
    else:
        days = [end - timedelta(days=k * step) for k in range(count)]
    days = sorted({working_day_on_or_before(d) for d in days})
    if discipline == "late" and len(days) > 1:
        del days[-2]  # a gap: the latest file came after its due date
    return days


def delivery_days(
    cycle: str, published_on: date | None, discipline: str, today: date
) -> list[date]:
    """The days an entry of `cycle` gets its files: on working days, after publication, each
    (except, for a late department, the latest) no later than the one before it made due."""
    if cycle not in _SERIES or published_on is None:
        return []
    days: list[date] = []
    for day in _targets(cycle, discipline, today):
        if day < published_on or day > today:
            continue
        if days and discipline != "late":
            due = next_delivery_due(cycle, days[-1])
            if due is not None and day > due.due:
                day = working_day_on_or_before(due.due)
        if not days or day > days[-1]:
            days.append(day)
    return days


def discipline_of(dept_key: str) -> str:
    if dept_key in LATE_DEPARTMENTS:
        return "late"
    return "overdue" if dept_key in OVERDUE_DEPARTMENTS else "punctual"


@dataclass(frozen=True)
class Planned:
    entry_id: int
    dept_key: str
    days: tuple[date, ...]
    rows: int


def plan(
    schedule: Sequence[Mapping[str, Any]], dept_of: Mapping[int, str], today: date
) -> list[Planned]:
    """Files for every scheduled entry (the platform's GET /exchange/schedule rows), by its
    department's discipline; the showcase entries get bigger files and their extra one."""
    showcase = dict(DELIVERIES)
    out = []
    for row in schedule:
        entry_id, key = row["entry_id"], dept_of.get(row["entry_id"])
        if key is None:
            continue
        published = date.fromisoformat(row["published_on"]) if row["published_on"] else None
        days = delivery_days(row["update_cycle"], published, discipline_of(key), today)
        name = row["entry_name"]
        if name in showcase:
            earlier = showcase[name]
            extra = [working_day_on_or_before(today - timedelta(days=earlier))] if earlier else []
            days = sorted({*extra, *(days or [today])})
        if days:
            out.append(
                Planned(entry_id, key, tuple(days), ROWS if name in showcase else SCHEDULE_ROWS)
            )
    return out


def seed_deliveries(
    api: _Api,
    entries: Mapping[str, Any],
    user: Callable[[str, Role], str],
    platform_date: Callable[[date | None], AbstractContextManager[None]],
) -> int:
    """Deliver the planned files as each department's registrar, with the platform clock on
    the day of each file (`platform_date`). `entries` (the seeder's named resources) is not
    needed: the platform admin's schedule lists every entry. Returns how many files."""
    admin = user("dsj", Role.PLATFORM_ADMIN)
    rows = api.call(admin, "GET", "/exchange/schedule?limit=500")["items"]
    by_name = {d.name: d.key for d in DEPARTMENTS}
    showcase = {name for name, _ in DELIVERIES}
    rows = [r for r in rows if r["update_cycle"] in _SERIES or r["entry_name"] in showcase]
    details = {
        r["entry_id"]: api.call(admin, "GET", f"/catalog/entries/{r['entry_id']}") for r in rows
    }
    dept_of = {i: by_name.get(e["department_name"], "") for i, e in details.items()}
    today = clock.today()
    done = 0
    for planned in plan(rows, {i: k for i, k in dept_of.items() if k}, today):
        items = [DataItem.model_validate(i) for i in details[planned.entry_id]["data_items"]]
        who = user(planned.dept_key, Role.REGISTRAR)
        path = f"/exchange/entries/{planned.entry_id}/deliveries?filename=demo.csv"
        for n, day in enumerate(planned.days):
            data = demo_file(items, rows=planned.rows, seed=planned.entry_id * 10 + n)
            with platform_date(None if day == today else day):
                api.raw(who, "POST", path, data)
            done += 1
    return done
