"""The catalog workbook's layout: sheets and columns, and how each column maps to an entry field
(docs/design.md §"Catalog import and export").

The columns follow the national 政务信息资源目录 template (国家政务信息资源目录编制指南 core
metadata: 信息资源名称, 代码, 提供方, 摘要, 格式, 信息项, 共享属性, 开放属性, 更新周期, 发布日期,
关联资源代码): sheet 信息资源 has one row per entry, sheet 信息项 one row per data item, keyed by
the entry row's 序号, and the hidden sheet 代码表 holds the code lists the drop-downs refer to.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from govshare_core.vocab import (
    DataType,
    FormatClass,
    ResourceClass,
    ShareMode,
    ShareType,
    UpdateCycle,
)

ENTRIES_SHEET: Final = "信息资源"
ITEMS_SHEET: Final = "信息项"
CODES_SHEET: Final = "代码表"

YES, NO = "是", "否"


@dataclass(frozen=True)
class Column:
    """One column: its header, the entry field (None: bookkeeping), what it holds, whether the
    import reads it, its code list (an enum or "bool"), its width."""

    header: str
    field: str | None
    kind: str = "text"  # text | enum | bool | int | date | codes | digits
    read: bool = True
    codes: type[StrEnum] | str | None = None
    width: int = 16
    required: bool = False
    digits: int | None = None
    note: str = ""


ENTRY_COLUMNS: Final = (
    Column("序号", "key", required=True, width=8, note="本工作簿内唯一；信息项表按它对应"),
    Column("系统编号", "entry_id", "int", width=10, note="平台目录编号；新增留空"),
    Column("信息资源代码", "resource_code", width=18, note="发布时由平台赋码；新增留空"),
    Column("状态", "status", read=False, width=10, note="只读"),
    Column("信息资源名称", "name", required=True, width=28),
    Column("信息资源分类（类）", "resource_class", "enum", codes=ResourceClass, width=16),
    Column("信息资源分类（项）", "class_item", "digits", digits=2, width=10),
    Column("信息资源分类（目）", "class_catalog", "digits", digits=3, width=10),
    Column("信息资源分类（细目）", "class_detail", "digits", width=10),
    Column("信息资源提供方", "department", read=False, width=20, note="只读"),
    Column("信息资源摘要", "summary", width=40),
    Column("信息资源格式（类）", "format_class", "enum", codes=FormatClass, width=14),
    Column("信息资源格式（类型）", "format_type", width=12),
    Column("共享类型", "share_type", "enum", codes=ShareType, width=12),
    Column("共享条件", "share_conditions", width=24),
    Column("共享范围", "share_scope", width=20),
    Column("不予共享依据", "legal_basis", width=20),
    Column("共享方式", "share_mode", "enum", codes=ShareMode, width=12),
    Column("是否向社会开放", "open_to_public", "bool", codes="bool", width=10),
    Column("开放条件", "open_conditions", width=20),
    Column("更新周期", "update_cycle", "enum", codes=UpdateCycle, width=10),
    Column("发布日期", "published_on", "date", read=False, width=12, note="只读"),
    Column("关联资源代码", "related_codes", "codes", width=22, note="多个用分号分隔"),
    Column("接口地址", "interface_endpoint", width=24),
    Column("变更生效日期", "effective_date", "date", width=12, note="已发布目录变更关键要素时填写"),
    Column("变更说明", "description", width=24, note="已发布目录变更关键要素时填写"),
)

ITEM_COLUMNS: Final = (
    Column("序号", "key", required=True, width=8, note="所属信息资源的序号"),
    Column("信息项名称", "name", required=True, width=20),
    Column("数据类型", "data_type", "enum", codes=DataType, width=12),
    Column("数据长度", "length", "int", width=10),
    Column("共享类型", "share_type", "enum", codes=ShareType, width=12, note="留空：同信息资源"),
    Column("关键信息项", "key_item", "bool", codes="bool", width=10),
    Column("说明", "description", width=30),
)

CODE_LISTS: Final[tuple[tuple[str, type[StrEnum] | str], ...]] = (
    ("信息资源分类", ResourceClass),
    ("信息资源格式", FormatClass),
    ("共享类型", ShareType),
    ("共享方式", ShareMode),
    ("更新周期", UpdateCycle),
    ("数据类型", DataType),
    ("是否", "bool"),
)
"""The 代码表 sheet's columns, in order: one code list each (labels, as the drop-downs show)."""

SHEET_COLUMNS: Final = {ENTRIES_SHEET: ENTRY_COLUMNS, ITEMS_SHEET: ITEM_COLUMNS}

_ITEM_FIELD_ALIASES: Final = {"key": "key_item"}
"""An entry's DataItem.key is the 关键信息项 column (the sheet's 序号 column is the row key)."""


def column_of(sheet: str, field: str) -> str | None:
    """The header of the column holding `field` on `sheet` (None: no such column)."""
    wanted = _ITEM_FIELD_ALIASES.get(field, field) if sheet == ITEMS_SHEET else field
    for column in SHEET_COLUMNS[sheet]:
        if column.field == wanted:
            return column.header
    return None


def code_labels(codes: type[StrEnum] | str) -> list[str]:
    """A code list as the workbook shows it (the Chinese labels; 是/否 for a yes/no column)."""
    if codes == "bool":
        return [YES, NO]
    assert not isinstance(codes, str)
    return [getattr(member, "label_zh") for member in codes]  # noqa: B009 (all _Labelled)
