"""Catalog logic without widgets: entry data, validation, conditional fields, actions, days left.

Widgets only display what these functions compute, so the rules are testable on their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from pydantic import ValidationError

from govshare_core.schemas import CatalogEntryIn
from govshare_core.validation import FIELD_LABELS, field_error, validate_entry
from govshare_core.vocab import (
    FORMAT_TYPES,
    EntryStatus,
    FormatClass,
    ResourceClass,
    Role,
    ShareMode,
    ShareType,
    UpdateCycle,
)
from govshare_core.workflow import CATALOG_ENTRY, KEY_ELEMENTS

CHANGE_REPORT_DAYS = 20  # 第十七条: report within 20 days of the change (platform policy default)

# The editable fields of an entry, in the order of the form (13 core elements, docs/design.md §3).
ENTRY_FIELDS = (
    "resource_class",
    "class_item",
    "class_catalog",
    "class_detail",
    "name",
    "summary",
    "format_class",
    "format_type",
    "data_items",
    "share_type",
    "share_conditions",
    "share_scope",
    "legal_basis",
    "share_mode",
    "open_to_public",
    "open_conditions",
    "update_cycle",
    "related_codes",
    "involves_state_secret",
)


def language() -> str:
    """ "en" or "zh" for vocab labels (i18n.language() once it exists)."""
    from govshare_desktop import i18n

    return "en" if str(i18n.language()).startswith("en") else "zh"


def label(value: Any) -> str:
    """The UI-language label of a vocab enum member."""
    return str(value.label_en if language() == "en" else value.label_zh)


def field_label(name: str) -> str:
    zh, en = FIELD_LABELS.get(name, (name, name))
    return en if language() == "en" else zh


def status_label(status: str) -> str:
    try:
        return label(EntryStatus(status))
    except ValueError:
        return status


def empty_entry() -> dict[str, Any]:
    return {
        "resource_class": ResourceClass.DEPARTMENTAL.value,
        "class_item": "",
        "class_catalog": "",
        "class_detail": None,
        "name": "",
        "summary": "",
        "format_class": FormatClass.DATABASE.value,
        "format_type": "",
        "data_items": [],
        "share_type": ShareType.UNCONDITIONAL.value,
        "share_conditions": None,
        "share_scope": None,
        "legal_basis": None,
        "share_mode": ShareMode.INTERFACE.value,
        "open_to_public": False,
        "open_conditions": None,
        "update_cycle": UpdateCycle.DAILY.value,
        "related_codes": [],
        "involves_state_secret": False,
    }


def entry_input(entry: dict[str, Any]) -> dict[str, Any]:
    """The CatalogEntryIn body of an entry (the API's output has more fields)."""
    base = empty_entry()
    base.update({k: entry[k] for k in ENTRY_FIELDS if k in entry})
    base["data_items"] = [
        {k: item.get(k) for k in ("name", "data_type", "length", "share_type", "description")}
        for item in base["data_items"]
    ]
    return base


def validate(data: dict[str, Any]) -> dict[str, str]:
    """{field path: message} for everything wrong with the form's data (empty: may submit)."""
    lang = language()
    try:
        entry = CatalogEntryIn.model_validate(data)
    except ValidationError as exc:
        out: dict[str, str] = {}
        for err in exc.errors():
            path = _path(err["loc"])
            fe = field_error(path, "invalid_value", value=str(err.get("input", ""))[:40])
            out.setdefault(path, fe.message_en if lang == "en" else fe.message_zh)
        return out
    out = {}
    for fe in validate_entry(entry):
        msg = fe.message_en if lang == "en" else fe.message_zh
        out[fe.field] = f"{out[fe.field]}；{msg}" if fe.field in out else msg
    return out


def _path(loc: tuple[Any, ...]) -> str:
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path


@dataclass(frozen=True)
class Visibility:
    """Which share-dependent fields show, and which of them are required (第五条, 第十三条)."""

    conditions: bool
    legal_basis: bool
    attachments: bool
    open_conditions: bool
    format_free_text: bool


def visibility(data: dict[str, Any]) -> Visibility:
    share = data.get("share_type")
    return Visibility(
        conditions=share == ShareType.CONDITIONAL,
        legal_basis=share == ShareType.NOT_SHARED,
        attachments=data.get("share_mode") == ShareMode.INTERFACE,  # 第十九条
        open_conditions=bool(data.get("open_to_public")),
        format_free_text=data.get("format_class") == FormatClass.SELF_DESCRIBING,
    )


def format_types(format_class: str) -> tuple[str, ...]:
    try:
        return FORMAT_TYPES[FormatClass(format_class)]
    except ValueError:
        return ()


def entry_actions(entry: dict[str, Any], roles: set[str], *, user_id: int) -> list[str]:
    """Workflow actions this user may take on `entry` (party checks included where known)."""
    role_set = {Role(r) for r in roles if r in Role._value2member_map_}
    actions = CATALOG_ENTRY.actions_from(str(entry.get("status", "draft")), role_set)
    if entry.get("submitted_by") == user_id:  # 第十五条: never review one's own submission
        actions = [a for a in actions if a not in ("dept_approve", "dept_return")]
    return actions


def editable(entry: dict[str, Any] | None) -> bool:
    return entry is None or entry.get("status") in (
        EntryStatus.DRAFT,
        EntryStatus.RETURNED,
        EntryStatus.PUBLISHED,
    )


def key_element_changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """The key elements (第十七条) that differ between two entry bodies."""
    return {k: after.get(k) for k in KEY_ELEMENTS if before.get(k) != after.get(k)}


def days_left(effective: date, today: date, *, limit: int = CHANGE_REPORT_DAYS) -> int:
    """Days left of the 20 (第十七条); negative when the report is late."""
    return limit - (today - effective).days


def local_time(value: Any) -> str:
    """An API timestamp (ISO 8601, UTC when naive) as local "YYYY-MM-DD HH:MM"."""
    if not value:
        return ""
    try:
        moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return str(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def split_items(text: str) -> list[str]:
    return [p for p in re.split(r"[\s,，;；、]+", text) if p]


VOCAB_ENUMS = (ShareType, ShareMode, UpdateCycle, FormatClass, ResourceClass, EntryStatus)


def show_value(value: Any) -> str:
    """A field value as text: vocab labels, data item names, 是/否."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "、".join(str(v.get("name", v)) if isinstance(v, dict) else str(v) for v in value)
    if isinstance(value, bool):
        return "是" if value else "否"
    for enum in VOCAB_ENUMS:
        try:
            return label(enum(value))
        except ValueError:
            continue
    return str(value)
