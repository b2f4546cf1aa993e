"""The exchange system's rules (交换系统; 第十条, 第十二条, 第二十三条, 第二十四条, 第二十六条,
第二十九条).

One copy of every rule both programs need about data moving through the platform:
- which share modes (共享方式, 第二十四条) allow a bulk download and which a key lookup;
- the limits (keys per lookup, problems kept in a checker's report);
- the key column (关键信息项) of an entry's data items;
- when an entry's next delivery is due from its 更新周期 (第十六条 更新时限, 第二十三条);
- how a cell is checked against its data item (type, length, required key);
- how a cell is neutralised before it goes into a CSV/XLSX export (formula injection);
- the problem codes of a refused delivery, with their zh/en labels.

The platform enforces them on every delivery and access; the desktop uses the same functions to
pre-check a file before uploading it and to neutralise what it exports.
"""

from __future__ import annotations

import calendar as _calendar_module
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Final

from govshare_core.schemas import DataItem
from govshare_core.vocab import DataType, Role, ShareMode, UpdateCycle
from govshare_core.workdays import Deadline, WorkdayCalendar, is_provisional, is_working_day

# --- who, which mode ---------------------------------------------------------------------------

DELIVERY_ROLES: Final = frozenset({Role.REGISTRAR, Role.RESOURCE_ADMIN})
"""Who delivers data for the department's published entries (第二十三条: the provider keeps its
shared data current). Only members of the entry's own department."""

CONSUMER_ROLES: Final = frozenset({Role.APPLICANT, Role.RESOURCE_ADMIN})
"""Who fetches (downloads, queries) data under the department's active grants (第二十二条)."""

DOWNLOAD_MODES: Final = frozenset({ShareMode.EXCHANGE, ShareMode.CUSTOM})
"""Grants in these modes (直接数据交换, 定制处理) may download the latest delivery, projected to
the granted data items (第二十四条, 第二十九条)."""

QUERY_MODES: Final = frozenset({ShareMode.QUERY})
"""Grants in 信息查询 mode look rows up by key, never take the whole file: least privilege for a
department that needs a record at a time (第二十四条, 第二十九条)."""

# 接口服务 (ShareMode.INTERFACE): the consumer calls the provider's own endpoint, documented by the
# entry's interface document (第十九条); the platform serves no data for it.

MAX_QUERY_KEYS: Final = 1000
"""Keys in one lookup; more is refused (422 too_many_keys), never truncated silently."""

MAX_REPORT_PROBLEMS: Final = 1000
"""Problems a checker's report lists; the total count is always exact."""

DEFAULT_MAX_DELIVERY_BYTES: Final = 1024 * 1024 * 1024
"""Default largest delivery file (1 GiB; platform setting GOVSHARE_MAX_DELIVERY_BYTES)."""

MAX_XLSX_EXPANSION: Final = 100
"""An XLSX part may expand at most this many times its compressed size (zip bomb guard)."""


class DeliveryFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"


class CsvEncoding(StrEnum):
    UTF8 = "utf-8"
    GB18030 = "gb18030"


class AccessAction(StrEnum):
    """What an exchange log record is about (第二十六条 交换日志, 查询日志)."""

    DELIVERY = "delivery"
    DOWNLOAD = "download"
    QUERY = "query"

    @property
    def label_zh(self) -> str:
        return _ACTION_TEXT[self][0]

    @property
    def label_en(self) -> str:
        return _ACTION_TEXT[self][1]


_ACTION_TEXT = {
    AccessAction.DELIVERY: ("数据交付", "Delivery"),
    AccessAction.DOWNLOAD: ("数据下载", "Download"),
    AccessAction.QUERY: ("数据查询", "Query"),
}


class AccessOutcome(StrEnum):
    """How an exchange ended: refused attempts are logged too."""

    OK = "ok"
    REFUSED = "refused"  # checked and refused (not granted, bad file, too many keys, ...)
    ABORTED = "aborted"  # started, then stopped (grant revoked mid-download, client gone)

    @property
    def label_zh(self) -> str:
        return _OUTCOME_TEXT[self][0]

    @property
    def label_en(self) -> str:
        return _OUTCOME_TEXT[self][1]


_OUTCOME_TEXT = {
    AccessOutcome.OK: ("成功", "OK"),
    AccessOutcome.REFUSED: ("已拒绝", "Refused"),
    AccessOutcome.ABORTED: ("已中断", "Aborted"),
}


def may_download(mode: str) -> bool:
    return mode in DOWNLOAD_MODES


def may_query(mode: str) -> bool:
    return mode in QUERY_MODES


# --- the key column ----------------------------------------------------------------------------


def key_item(items: Sequence[DataItem]) -> DataItem | None:
    """The entry's key data item (关键信息项, e.g. 公民身份号码): the one marked `key`, else the
    first item. Deliveries must fill it in every row, uniquely; lookups match on it."""
    for item in items:
        if item.key:
            return item
    return items[0] if items else None


# --- update cycle (更新周期) → next due date ------------------------------------------------------

_MONTHS: Final = {
    UpdateCycle.MONTHLY: 1,
    UpdateCycle.QUARTERLY: 3,
    UpdateCycle.HALF_YEARLY: 6,
    UpdateCycle.YEARLY: 12,
}
_DAYS: Final = {UpdateCycle.REALTIME: 1, UpdateCycle.DAILY: 1, UpdateCycle.WEEKLY: 7}


def _add_months(day: date, months: int) -> date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    last = _calendar_module.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


def next_delivery_due(
    cycle: str, since: date, *, calendar: WorkdayCalendar | None = None
) -> Deadline | None:
    """When the next delivery is due, one 更新周期 after `since` (the last delivery's date, or the
    publication date before the first delivery), moved to the next working day if it falls on a
    rest day. 不定时/其他 have no due date (None). 实时 is held to daily for file deliveries.
    Never raises for years without an official schedule: `provisional` says so."""
    try:
        kind = UpdateCycle(cycle)
    except ValueError:
        return None
    if kind in _MONTHS:
        due = _add_months(since, _MONTHS[kind])
    elif kind in _DAYS:
        due = since + timedelta(days=_DAYS[kind])
    else:
        return None
    while not is_working_day(due, calendar=calendar):
        due += timedelta(days=1)
    return Deadline(due, is_provisional(due, calendar=calendar))


def delivered_on_time(delivered_on: date, due: date | None) -> bool:
    """A delivery is on time when it arrives on or before the due date (no due date: on time)."""
    return due is None or delivered_on <= due


# --- checking cells ----------------------------------------------------------------------------


class DeliveryProblem(StrEnum):
    """Why a delivery (or one of its cells) is refused; stable codes with labels."""

    EMPTY_FILE = "empty_file"
    TOO_LARGE = "too_large"
    BAD_ENCODING = "bad_encoding"
    NOT_A_SPREADSHEET = "not_a_spreadsheet"
    ZIP_BOMB = "zip_bomb"
    MISSING_COLUMN = "missing_column"
    UNKNOWN_COLUMN = "unknown_column"
    DUPLICATE_COLUMN = "duplicate_column"
    WRONG_FIELD_COUNT = "wrong_field_count"
    BAD_TYPE = "bad_type"
    TOO_LONG = "too_long"
    KEY_MISSING = "key_missing"
    KEY_DUPLICATE = "key_duplicate"
    NO_ROWS = "no_rows"

    @property
    def label_zh(self) -> str:
        return _PROBLEM_TEXT[self][0]

    @property
    def label_en(self) -> str:
        return _PROBLEM_TEXT[self][1]


_PROBLEM_TEXT = {
    DeliveryProblem.EMPTY_FILE: ("文件为空", "The file is empty"),
    DeliveryProblem.TOO_LARGE: ("文件超过大小上限", "The file is larger than allowed"),
    DeliveryProblem.BAD_ENCODING: (
        "文件编码与声明不符（请确认是 UTF-8 还是 GB18030）",
        "The file is not in the declared encoding (UTF-8 or GB18030?)",
    ),
    DeliveryProblem.NOT_A_SPREADSHEET: ("不是有效的 XLSX 文件", "Not a valid XLSX file"),
    DeliveryProblem.ZIP_BOMB: (
        "XLSX 文件解压后过大，已拒绝（疑似压缩炸弹）",
        "The XLSX expands too far and was refused (a zip bomb?)",
    ),
    DeliveryProblem.MISSING_COLUMN: ("缺少信息项列", "A data item's column is missing"),
    DeliveryProblem.UNKNOWN_COLUMN: ("列不是本目录的信息项", "The column is not a data item"),
    DeliveryProblem.DUPLICATE_COLUMN: ("列名重复", "The column appears twice"),
    DeliveryProblem.WRONG_FIELD_COUNT: ("本行的列数与表头不符", "The row's field count differs"),
    DeliveryProblem.BAD_TYPE: ("数据类型不符", "The value does not match the data type"),
    DeliveryProblem.TOO_LONG: ("超过信息项长度", "The value is longer than the data item"),
    DeliveryProblem.KEY_MISSING: ("关键信息项为空", "The key data item is empty"),
    DeliveryProblem.KEY_DUPLICATE: ("关键信息项重复", "The key appears in more than one row"),
    DeliveryProblem.NO_ROWS: ("文件只有表头，没有数据行", "The file has a header but no rows"),
}

_INT = re.compile(r"[+-]?\d+\Z", re.ASCII)
_DECIMAL = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)\Z", re.ASCII)
_FLOAT = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\Z", re.ASCII)
_DATE = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})\Z", re.ASCII)
_DATETIME = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(:(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?\Z",
    re.ASCII,
)
LOGICAL_VALUES: Final = frozenset(
    {"true", "false", "1", "0", "t", "f", "y", "n", "yes", "no", "是", "否"}
)
_DIGIT_TYPES = frozenset({DataType.NUMERIC, DataType.CURRENCY, DataType.INTEGER})


def _valid_date(y: str, m: str, d: str) -> bool:
    try:
        date(int(y), int(m), int(d))
    except ValueError:
        return False
    return True


def _type_ok(data_type: str, value: str) -> bool:
    if data_type == DataType.INTEGER:
        return bool(_INT.match(value))
    if data_type in (DataType.NUMERIC, DataType.CURRENCY):
        return bool(_DECIMAL.match(value))
    if data_type in (DataType.DOUBLE, DataType.FLOAT):
        return bool(_FLOAT.match(value))
    if data_type == DataType.DATE:
        match = _DATE.match(value)
        return match is not None and _valid_date(*match.group(1, 2, 3))
    if data_type == DataType.DATETIME:
        match = _DATETIME.match(value)
        if match is None or not _valid_date(*match.group(1, 2, 3)):
            return False
        hour, minute, second = match.group(4), match.group(5), match.group(7) or "0"
        return int(hour) < 24 and int(minute) < 60 and int(second) < 60
    if data_type == DataType.LOGICAL:
        return value.lower() in LOGICAL_VALUES
    return True  # C 字符型, M 备注型, G 通用型: any text


def _too_long(item: DataItem, value: str) -> bool:
    if item.length is None:
        return False
    if item.data_type in _DIGIT_TYPES:  # length counts digits, as in a database column N(18)
        return sum("0" <= ch <= "9" for ch in value) > item.length
    if item.data_type in (DataType.CHAR, DataType.MEMO):
        return len(value) > item.length
    return False


def check_cell(item: DataItem, value: str, *, is_key: bool = False) -> DeliveryProblem | None:
    """The problem with one cell of a delivery, or None. An empty cell is allowed except in the
    key column; surrounding spaces are the caller's to strip."""
    if value == "":
        return DeliveryProblem.KEY_MISSING if is_key else None
    if not _type_ok(item.data_type, value):
        return DeliveryProblem.BAD_TYPE
    if _too_long(item, value):
        return DeliveryProblem.TOO_LONG
    return None


_ANY_TEXT = frozenset({DataType.CHAR, DataType.MEMO, DataType.GENERAL})
"""The data types `_type_ok` lets any text through."""


def cell_checker(
    item: DataItem, *, is_key: bool = False
) -> Callable[[str], DeliveryProblem | None]:
    """`check_cell` for one column, with the data item's rules looked up once: the same answers,
    faster over a delivery's million cells (the platform's checker)."""
    data_type, length = item.data_type, item.length
    typed = data_type not in _ANY_TEXT

    def check(value: str) -> DeliveryProblem | None:
        if value == "":
            return DeliveryProblem.KEY_MISSING if is_key else None
        if typed and not _type_ok(data_type, value):
            return DeliveryProblem.BAD_TYPE
        if length is not None and _too_long(item, value):
            return DeliveryProblem.TOO_LONG
        return None

    return check


@dataclass(frozen=True)
class HeaderCheck:
    """The header against the data items: the column index of every item, or the problems."""

    columns: dict[str, int]  # data item name → column index in the file
    problems: list[tuple[DeliveryProblem, str]]  # (problem, column name)


def check_header(header: Sequence[str], items: Sequence[DataItem]) -> HeaderCheck:
    """Every data item must be a column exactly once; no other column; any order."""
    names = {item.name for item in items}
    columns: dict[str, int] = {}
    problems: list[tuple[DeliveryProblem, str]] = []
    for index, raw in enumerate(header):
        name = raw.strip().lstrip("\ufeff")
        if name not in names:
            problems.append((DeliveryProblem.UNKNOWN_COLUMN, name))
        elif name in columns:
            problems.append((DeliveryProblem.DUPLICATE_COLUMN, name))
        else:
            columns[name] = index
    problems.extend((DeliveryProblem.MISSING_COLUMN, n) for n in names if n not in columns)
    return HeaderCheck(columns, problems)


# --- exports ------------------------------------------------------------------------------------

_FORMULA_START: Final = ("=", "+", "-", "@", "\t", "\r", "\n")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\Z", re.ASCII)


def neutralise_cell(value: str) -> str:
    """A cell as it may go into a CSV or XLSX export: a value a spreadsheet would run as a formula
    (=cmd|' /C calc'!A0, +..., -..., @...) gets a leading apostrophe; plain numbers such as -5
    stay as they are (OWASP CSV injection)."""
    if value.startswith(_FORMULA_START) and not _PLAIN_NUMBER.match(value):
        return "'" + value
    return value
