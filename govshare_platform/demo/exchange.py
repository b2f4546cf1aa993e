"""Demo deliveries (数据交付, 第二十三条): a few published entries get a small, realistic CSV file
through the API, one of them a month late, so the delivery pages, the schedule and the consumer
side have data to show."""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from datetime import date, timedelta
from typing import Any, Protocol

from govshare_core.exchange import key_item
from govshare_core.schemas import DataItem
from govshare_core.vocab import DataType, Role
from govshare_platform import clock

ROWS = 120
# (entry name, days ago of an earlier delivery or None)
DELIVERIES: tuple[tuple[str, int | None], ...] = (
    ("流动人口居住登记信息", None),
    ("最低生活保障对象信息", 75),  # monthly: the earlier delivery, then a late one today
    ("社会组织登记信息", None),
    ("户籍迁移变更信息", None),
)
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


def demo_file(items: list[DataItem], rows: int = ROWS, seed: int = 2015) -> bytes:
    """A CSV (UTF-8) with the entry's items as header and `rows` plausible rows, unique keys."""
    rng = random.Random(seed)
    key = key_item(items)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([item.name for item in items])
    for n in range(rows):
        row = []
        for item in items:
            generate = _GENERATORS.get(item.data_type)
            value = generate(rng) if generate and item is not key else _text(item, n, rng)
            if item is key and generate:
                value = str(n + 1)
            cut = item.length if item.data_type == DataType.CHAR else None
            row.append(value[:cut] if cut else value)
        writer.writerow(row)
    return out.getvalue().encode("utf-8")


def seed_deliveries(
    api: _Api,
    entries: Mapping[str, Any],
    user: Callable[[str, Role], str],
    platform_date: Callable[[date | None], AbstractContextManager[None]],
) -> int:
    """Deliver the demo files (entries: name → the seeder's EntryRef, with .id and .spec) as
    each department's registrar; `platform_date` moves the platform clock. Returns how many."""
    done = 0
    for name, earlier in DELIVERIES:
        ref = entries.get(name)
        if ref is None:
            continue
        who = user(ref.spec.dept, Role.REGISTRAR)
        entry = api.call(who, "GET", f"/catalog/entries/{ref.id}")
        if entry.get("status") != "published":
            continue
        items = [DataItem.model_validate(i) for i in entry["data_items"]]
        path = f"/exchange/entries/{ref.id}/deliveries?filename=demo.csv"
        days = [earlier, None] if earlier is not None else [None]
        for i, ago in enumerate(days):
            when = clock.today() - timedelta(days=ago) if ago is not None else None
            with platform_date(when):
                api.raw(who, "POST", path, demo_file(items, seed=ref.id * 10 + i))
            done += 1
    return done
