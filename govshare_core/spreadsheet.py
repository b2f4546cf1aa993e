"""Spreadsheet files in and out, safely (docs/security.md, docs/design.md §"Catalog import and
export").

Out: `safe_cell` — a text cell neutralised against formula injection (govshare_core.exchange.
neutralise_cell: `=cmd|' /C calc'!A0` gets a leading apostrophe and stays text) and cleared of
the control characters a workbook cannot hold; `unneutralised` undoes the apostrophe on the way
back in, so an exported workbook imports unchanged.

In: `check_xlsx(path)` refuses a hostile or unusable file BEFORE any XML of it is parsed, from
its first bytes and its zip directory only — not a workbook at all, an encrypted (password
protected) one, a zip bomb (total size, part count, expansion ratio), macros (vbaProject.bin,
macro-enabled content types), external links (externalLinks parts: a workbook that fetches
other files) and sheets whose declared dimension exceeds the limits. Reading then counts rows
too (a dimension may be absent or lie).

`zip_bomb(infos, limits)` is that zip-bomb check on its own, for every zip read from outside: the
catalog workbooks here (`XLSX_LIMITS`) and the platform's XLSX deliveries (第二十三条; their
total size the delivery's own limit).
"""

from __future__ import annotations

import os
import re
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Protocol

from govshare_core.exchange import neutralise_cell

Cell = str | float | int | None

_ILLEGAL: Final = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
"""Control characters XML 1.0 cannot carry (openpyxl's ILLEGAL_CHARACTERS_RE)."""
_RISKY: Final = ("=", "+", "-", "@", "\t", "\r", "\n")


def safe_cell(value: Cell) -> Cell:
    """A value as it may go into a workbook: text neutralised and stripped of control
    characters; numbers and empty cells as they are."""
    if value is None or isinstance(value, (int, float)):
        return value
    return neutralise_cell(_ILLEGAL.sub("", str(value)))


def unneutralised(text: str) -> str:
    """A text cell read back: the apostrophe `safe_cell` put before a risky value removed."""
    if text.startswith("'") and text[1:].startswith(_RISKY):
        return text[1:]
    return text


class _Saveable(Protocol):
    def save(self, filename: str) -> None: ...


def save_whole(workbook: _Saveable, path: str | os.PathLike[str]) -> None:
    """Save to a temporary file beside `path`, then put it in place: whole or not at all."""
    target = Path(path)
    handle, temporary = tempfile.mkstemp(prefix=".~", suffix=".xlsx", dir=target.parent)
    os.close(handle)
    try:
        workbook.save(temporary)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


# --- hostile files -------------------------------------------------------------------------------

MAX_FILE_BYTES: Final = 50 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES: Final = 200 * 1024 * 1024
MAX_PARTS: Final = 2000
MAX_RATIO: Final = 100
SMALL_PART: Final = 1024 * 1024
"""Parts below this size may compress as well as they like (styles, shared strings)."""
MAX_SHEET_ROWS: Final = 200_000
MAX_SHEET_COLUMNS: Final = 200


@dataclass(frozen=True)
class ZipLimits:
    """How far a zip's parts may expand before the zip counts as a bomb."""

    max_bytes: int
    """All parts together, uncompressed."""
    max_ratio: int
    """A part of SMALL_PART or more: at most this many times its compressed size."""
    max_parts: int | None = None
    """How many parts at the most (None: any number)."""


XLSX_LIMITS: Final = ZipLimits(
    max_bytes=MAX_UNCOMPRESSED_BYTES, max_ratio=MAX_RATIO, max_parts=MAX_PARTS
)
"""A catalog workbook's (check_xlsx)."""


def zip_bomb(infos: Sequence[zipfile.ZipInfo], limits: ZipLimits) -> str | None:
    """What makes a zip directory a zip bomb under `limits` ("N parts", the name of a part that
    expands too far, or "N bytes" in all), from the directory alone; None when it is within."""
    if limits.max_parts is not None and len(infos) > limits.max_parts:
        return f"{len(infos)} parts"
    total = 0
    for info in infos:
        total += info.file_size
        ratio_limit = max(info.compress_size, 1) * limits.max_ratio
        if info.file_size > SMALL_PART and info.file_size > ratio_limit:
            return info.filename[:100]
    if total > limits.max_bytes:
        return f"{total} bytes"
    return None


_OLE2: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTION_INFO: Final = "EncryptionInfo".encode("utf-16-le")
_DIMENSION: Final = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]+)?(\d+)?(?::([A-Z]+)(\d+))?"')
_MACRO_TYPE: Final = b"macroEnabled"

REFUSALS: Final[dict[str, tuple[str, str]]] = {
    "not_xlsx": (
        "文件不是 Excel 工作簿（.xlsx），无法读取",
        "The file is not an Excel workbook (.xlsx)",
    ),
    "old_xls": (
        "不支持旧版 Excel 格式（.xls），请另存为 .xlsx 后再导入",
        "Old Excel files (.xls) are not supported; save as .xlsx",
    ),
    "encrypted": (
        "工作簿已加密（设置了打开密码），请取消密码后再导入",
        "The workbook is encrypted; remove its password first",
    ),
    "too_large": (
        "文件过大（超过 {value}），拒绝读取",
        "The file is too large (over {value})",
    ),
    "zip_bomb": (
        "文件解压后异常庞大（疑似压缩炸弹：{value}），拒绝读取",
        "The file expands far too much (a zip bomb: {value})",
    ),
    "macros": (
        "工作簿含有宏（VBA），为安全起见拒绝导入；请另存为不含宏的 .xlsx",
        "The workbook contains macros (VBA); save it as a plain .xlsx",
    ),
    "external_links": (
        "工作簿含有指向其他文件的外部链接，为安全起见拒绝导入；请先断开链接",
        "The workbook links to external files; break the links first",
    ),
    "sheet_too_big": (
        "工作表“{value}”的行数或列数超出上限，拒绝读取",
        "Sheet “{value}” has too many rows or columns",
    ),
    "missing_sheet": ("工作簿缺少工作表“{value}”", "The workbook lacks the sheet “{value}”"),
    "missing_column": (
        "工作表“{value}”缺少列，请使用平台提供的模板",
        "Sheet “{value}” lacks columns; use the platform's template",
    ),
    "damaged": ("工作簿已损坏，无法读取", "The workbook is damaged"),
}


@dataclass
class WorkbookRefused(Exception):
    """The whole file is refused: a stable code and the messages of REFUSALS."""

    code: str
    message_zh: str
    message_en: str

    def __str__(self) -> str:
        return f"{self.code}: {self.message_en}"


def refused(code: str, value: object = "") -> WorkbookRefused:
    zh, en = REFUSALS[code]
    return WorkbookRefused(code, zh.format(value=value), en.format(value=value))


def _column_number(letters: str) -> int:
    number = 0
    for char in letters:
        number = number * 26 + ord(char) - ord("A") + 1
    return number


def _check_head(path: Path) -> None:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise refused("too_large", f"{MAX_FILE_BYTES // (1024 * 1024)} MB")
    with path.open("rb") as f:
        head = f.read(8)
        if head == _OLE2:  # a compound file: an encrypted OOXML package, or an old .xls
            rest = f.read(min(size, 4 * 1024 * 1024))
            raise refused("encrypted" if _ENCRYPTION_INFO in rest else "old_xls")
    if not head.startswith(b"PK"):
        raise refused("not_xlsx")


def _check_parts(infos: list[zipfile.ZipInfo]) -> None:
    bomb = zip_bomb(infos, XLSX_LIMITS)
    if bomb is not None:
        raise refused("zip_bomb", bomb)
    names = {info.filename.lower() for info in infos}
    if "xl/workbook.xml" not in names and "[content_types].xml" not in names:
        raise refused("not_xlsx")
    if any(n.endswith("vbaproject.bin") or (n.endswith(".bin") and "vba" in n) for n in names):
        raise refused("macros")
    if any(n.startswith("xl/externallinks/") for n in names):
        raise refused("external_links")


def _check_dimensions(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> None:
    for info in infos:
        name = info.filename
        if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
            continue
        with archive.open(info) as part:
            head = part.read(4096)
        match = _DIMENSION.search(head)
        if match is None:
            continue
        rows = int(match.group(4) or match.group(2) or 0)
        letters: bytes = match.group(3) or match.group(1) or b"A"
        columns = _column_number(letters.decode())
        if rows > MAX_SHEET_ROWS or columns > MAX_SHEET_COLUMNS:
            raise refused("sheet_too_big", Path(name).stem)


def check_xlsx(path: str | Path) -> None:
    """Raise WorkbookRefused if the file must not be opened as a workbook (see the module)."""
    path = Path(path)
    _check_head(path)
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            _check_parts(infos)
            with archive.open("[Content_Types].xml") as types:
                if _MACRO_TYPE in types.read(256 * 1024):
                    raise refused("macros")
            _check_dimensions(archive, infos)
    except WorkbookRefused:
        raise
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, RuntimeError):
        raise refused("not_xlsx") from None
