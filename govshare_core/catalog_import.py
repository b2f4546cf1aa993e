"""Importing a department's catalog from a workbook: what each row would do (docs/design.md
§"Catalog import and export").

Pure: no spreadsheet, no database. `plan_row` compares a row's entry with the entry it names
(if any) and says what the import does with it — create a draft, update a draft or returned
entry (第十四条), report a key-element change of a published entry (第十七条), nothing, or
refuse it and why. The platform's preview and apply (`POST /catalog/imports[/preview]`) and
the desktop's preview dialog all show this one answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any, Final

from pydantic import BaseModel, ConfigDict, Field

from govshare_core.catalog_layout import ENTRIES_SHEET, ITEMS_SHEET, column_of
from govshare_core.rules import MIN_REASON_LENGTH
from govshare_core.schemas import CatalogEntryBase, CatalogEntryIn
from govshare_core.validation import FIELD_LABELS, validate_entry
from govshare_core.vocab import EntryStatus
from govshare_core.workflow import KEY_ELEMENTS

MAX_IMPORT_ROWS: Final = 2000
"""Entries one workbook may carry (the platform's batch endpoint takes no more at once)."""

ENTRY_FIELDS: Final = tuple(
    n for n in CatalogEntryBase.model_fields if n != "involves_state_secret"
)
"""The fields an import compares and writes (the registrar-editable elements)."""
CLASSIFICATION: Final = ("resource_class", "class_item", "class_catalog", "class_detail")
"""类/项/目/细目: they make a published entry's resource code, so they never change (第十三条)."""
EDITABLE_DRAFTS: Final = frozenset({EntryStatus.DRAFT, EntryStatus.RETURNED})


class ImportAction(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    CHANGE_REPORT = "change_report"
    UNCHANGED = "unchanged"
    REFUSED = "refused"

    @property
    def label_zh(self) -> str:
        return _ACTION_LABELS[self][0]

    @property
    def label_en(self) -> str:
        return _ACTION_LABELS[self][1]


_ACTION_LABELS: Final = {
    ImportAction.CREATE: ("新增", "Create"),
    ImportAction.UPDATE: ("修改", "Update"),
    ImportAction.CHANGE_REPORT: ("报送变更", "Report change"),
    ImportAction.UNCHANGED: ("无变化", "Unchanged"),
    ImportAction.REFUSED: ("拒绝", "Refused"),
}

# code -> (Chinese, English); {value} filled in by `import_problem`.
IMPORT_MESSAGES: Final[dict[str, tuple[str, str]]] = {
    "unknown_entry": (
        "未找到本部门编号或代码为“{value}”的目录",
        "No entry “{value}” of your department",
    ),
    "duplicate_row": (
        "同一目录在工作簿中出现了两次（与第{value}行重复）",
        "The same entry appears twice (also row {value})",
    ),
    "duplicate_key": ("序号“{value}”重复", "Row key “{value}” is used twice"),
    "not_editable": (
        "该目录处于“{value}”状态，不能通过导入修改",
        "The entry is “{value}” and cannot be changed by an import",
    ),
    "classification_locked": (
        "已发布目录的分类决定其信息资源代码，不能修改（第十三条）",
        "A published entry's classification fixes its resource code (Art. 13)",
    ),
    "stale": (
        "该目录在预览后已被他人修改，请重新预览",
        "The entry changed after the preview; preview again",
    ),
    "orphan_item": (
        "信息项指向的序号“{value}”在“信息资源”表中不存在",
        "The data item names row key “{value}”, which the 信息资源 sheet lacks",
    ),
    "bad_value": ("“{value}”不是有效的取值", "“{value}” is not a valid value"),
    "bad_number": ("“{value}”不是有效的数字", "“{value}” is not a valid number"),
    "bad_date": ("“{value}”不是有效的日期", "“{value}” is not a valid date"),
    "required": ("{value}不能为空", "{value} is required"),
    "too_long": ("内容过长（{value}）", "Too long ({value})"),
    "effective_date_future": (
        "变更生效日期不能晚于今天（第十七条：变更发生后报送）",
        "The effective date cannot be in the future (Art. 17)",
    ),
    "description_short": (
        "变更说明至少需要{value}个字",
        "The change description needs at least {value} characters",
    ),
}


class ImportProblem(BaseModel):
    """Why a row (or a cell) is refused: where, a stable code, both languages."""

    model_config = ConfigDict(from_attributes=True)

    sheet: str
    row: int | None = None
    column: str | None = None
    field: str | None = None
    code: str
    message_zh: str
    message_en: str


def import_problem(
    code: str,
    *,
    sheet: str = ENTRIES_SHEET,
    row: int | None = None,
    column: str | None = None,
    field_: str | None = None,
    value: Any = "",
) -> ImportProblem:
    zh, en = IMPORT_MESSAGES[code]
    return ImportProblem(
        sheet=sheet,
        row=row,
        column=column,
        field=field_,
        code=code,
        message_zh=zh.format(value=value),
        message_en=en.format(value=value),
    )


# --- the batch endpoint's bodies ------------------------------------------------------------


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ImportRowIn(_In):
    """One 信息资源 row as parsed: its place in the workbook, which entry it names (system id or
    resource code, none for a new one), the version the preview saw, and the entry."""

    row: int = Field(ge=1, le=10_000_000)
    key: str = Field(max_length=50)
    entry_id: int | None = None
    resource_code: str | None = Field(default=None, max_length=40)
    version: int | None = None
    entry: CatalogEntryIn
    item_rows: list[int] = Field(default_factory=list, max_length=500)
    effective_date: date | None = None
    description: str | None = Field(default=None, max_length=2000)


class CatalogImportIn(_In):
    """POST /catalog/imports/preview and POST /catalog/imports (Idempotency-Key)."""

    rows: list[ImportRowIn] = Field(min_length=1, max_length=MAX_IMPORT_ROWS)


class FieldChange(BaseModel):
    field: str
    label_zh: str
    label_en: str
    before: Any
    after: Any
    key_element: bool = False


class ImportRowOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    row: int
    key: str
    name: str
    entry_id: int | None = None
    status: EntryStatus | None = None
    version: int | None = None
    action: ImportAction
    changes: list[FieldChange] = Field(default_factory=list)
    problems: list[ImportProblem] = Field(default_factory=list)
    change_report_id: int | None = None


class CatalogImportPreviewOut(BaseModel):
    rows: list[ImportRowOut]
    counts: dict[str, int]


class CatalogImportResultOut(BaseModel):
    rows: list[ImportRowOut]
    counts: dict[str, int]
    created: list[int]
    updated: list[int]
    change_reports: list[int]


def counts(rows: list[ImportRowOut]) -> dict[str, int]:
    """How many rows of each action (every action named, zero included)."""
    found = {a.value: 0 for a in ImportAction}
    for row in rows:
        found[row.action.value] += 1
    return found


# --- planning one row -------------------------------------------------------------------------


@dataclass(frozen=True)
class Existing:
    """The entry a row names, as the platform holds it."""

    entry_id: int
    status: EntryStatus
    version: int
    data: dict[str, Any]
    """Its registrar-editable elements as JSON-ready values (platform `service.entry_data`)."""


@dataclass
class RowPlan:
    action: ImportAction
    changes: list[FieldChange] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)

    @property
    def key_changes(self) -> dict[str, Any]:
        return {c.field: c.after for c in self.changes if c.key_element}

    @property
    def plain_changes(self) -> dict[str, Any]:
        return {c.field: c.after for c in self.changes if not c.key_element}


def entry_json(entry: CatalogEntryBase) -> dict[str, Any]:
    """The compared elements of an entry as JSON-ready values (data items without None noise)."""
    dumped = entry.model_dump(mode="json")
    return {name: dumped[name] for name in ENTRY_FIELDS}


def _normal(name: str, value: Any) -> Any:
    """A field's value as compared: blank text is None, data items in their full form."""
    if name == "data_items":
        return [
            {k: _normal(k, v) for k, v in sorted(dict(item).items()) if k != "position"}
            for item in value or []
        ]
    if isinstance(value, str) and not value.strip():
        return None
    if name == "related_codes":
        return list(value or [])
    return value


def field_changes(before: dict[str, Any], after: dict[str, Any]) -> list[FieldChange]:
    """The fields whose values differ, with their labels and whether they are key elements."""
    changes = []
    for name in ENTRY_FIELDS:
        old, new = _normal(name, before.get(name)), _normal(name, after.get(name))
        if old != new:
            zh, en = FIELD_LABELS.get(name, (name, name))
            changes.append(
                FieldChange(
                    field=name,
                    label_zh=zh,
                    label_en=en,
                    before=old,
                    after=new,
                    key_element=name in KEY_ELEMENTS,
                )
            )
    return changes


def row_problems(row: ImportRowIn) -> list[ImportProblem]:
    """The rules a parsed row breaks (the form's validate_entry), placed in the workbook."""
    return [
        locate(error.field, error.code, error.message_zh, error.message_en, row)
        for error in validate_entry(row.entry)
    ]


def report_problems(row: ImportRowIn, today: date) -> list[ImportProblem]:
    """What a row reporting a key-element change breaks of 第十七条's report: an effective date
    in the future, a description too short (both optional in the workbook)."""
    problems = []
    if row.effective_date is not None and row.effective_date > today:
        problems.append(
            import_problem("effective_date_future", row=row.row, column=EFFECTIVE_DATE_COLUMN)
        )
    if row.description and len(row.description) < MIN_REASON_LENGTH:
        problems.append(
            import_problem(
                "description_short",
                row=row.row,
                column=DESCRIPTION_COLUMN,
                value=MIN_REASON_LENGTH,
            )
        )
    return problems


EFFECTIVE_DATE_COLUMN: Final = "变更生效日期"
DESCRIPTION_COLUMN: Final = "变更说明"


def locate(fieldpath: str, code: str, zh: str, en: str, row: ImportRowIn) -> ImportProblem:
    """A FieldError of the entry placed at its sheet, row and column: data item errors on the
    信息项 sheet's row of that item, the rest on the entry's row."""
    top = fieldpath.split(".")[0]
    if top.startswith("data_items[") and row.item_rows:
        index = int(top[len("data_items[") : -1])
        sub = fieldpath.split(".", 1)[1] if "." in fieldpath else "name"
        item_row = row.item_rows[index] if index < len(row.item_rows) else None
        return ImportProblem(
            sheet=ITEMS_SHEET,
            row=item_row,
            column=column_of(ITEMS_SHEET, sub),
            field=fieldpath,
            code=code,
            message_zh=zh,
            message_en=en,
        )
    name = top.split("[")[0]
    return ImportProblem(
        sheet=ENTRIES_SHEET,
        row=row.row,
        column=column_of(ENTRIES_SHEET, name),
        field=fieldpath,
        code=code,
        message_zh=zh,
        message_en=en,
    )


def plan_row(row: ImportRowIn, existing: Existing | None, *, today: date) -> RowPlan:
    """What importing `row` does to `existing` (None: a new entry): 新增 a draft (第十四条), 修改 a
    draft or returned entry, for a published one 修改 its plain fields and 报送变更 of its key
    elements (第十七条), 无变化, or 拒绝 with the problems."""
    problems = row_problems(row)
    if existing is None:
        return RowPlan(ImportAction.REFUSED if problems else ImportAction.CREATE, [], problems)
    changes = field_changes(existing.data, entry_json(row.entry))
    if row.version is not None and row.version != existing.version:
        problems.append(import_problem("stale", row=row.row))
    if changes and existing.status not in EDITABLE_DRAFTS | {EntryStatus.PUBLISHED}:
        problems.append(import_problem("not_editable", row=row.row, value=existing.status.label_zh))
    if existing.status == EntryStatus.PUBLISHED and any(c.key_element for c in changes):
        problems += report_problems(row, today)
    if existing.status == EntryStatus.PUBLISHED:
        locked = [c for c in changes if c.field in CLASSIFICATION]
        if locked:
            problems.append(
                import_problem(
                    "classification_locked",
                    row=row.row,
                    column=column_of_field(locked[0].field),
                    field_=locked[0].field,
                )
            )
    if problems:
        return RowPlan(ImportAction.REFUSED, changes, problems)
    if not changes:
        return RowPlan(ImportAction.UNCHANGED)
    if existing.status == EntryStatus.PUBLISHED and any(c.key_element for c in changes):
        return RowPlan(ImportAction.CHANGE_REPORT, changes)
    return RowPlan(ImportAction.UPDATE, changes)


def column_of_field(name: str) -> str | None:
    return column_of(ENTRIES_SHEET, name)


def duplicate_problems(rows: list[ImportRowIn]) -> dict[int, list[ImportProblem]]:
    """Rows naming an entry another row already names, or reusing a row key (by row number)."""
    found: dict[int, list[ImportProblem]] = {}
    seen_entry: dict[str, int] = {}
    seen_key: dict[str, int] = {}
    for row in rows:
        names = [f"id:{row.entry_id}" if row.entry_id else None]
        names.append(f"code:{row.resource_code}" if row.resource_code else None)
        for name in filter(None, names):
            if name in seen_entry:
                found.setdefault(row.row, []).append(
                    import_problem("duplicate_row", row=row.row, value=seen_entry[name])
                )
            seen_entry.setdefault(name, row.row)
        if row.key in seen_key:
            found.setdefault(row.row, []).append(
                import_problem("duplicate_key", row=row.row, column="序号", value=row.key)
            )
        seen_key.setdefault(row.key, row.row)
    return found


def change_description(changes: list[FieldChange]) -> str:
    """The change report's description when the workbook gives none."""
    labels = "、".join(c.label_zh for c in changes if c.key_element)
    return f"通过目录工作簿导入报送的关键要素变更：{labels}"
