"""Catalog logic without widgets: entry data, validation, conditional fields, actions, days left.

Widgets only display what these functions compute, so the rules are testable on their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import ValidationError
from PySide6.QtCore import QCoreApplication

from govshare_core.rules import DEFAULT_CHANGE_REPORT_DAYS, change_report_due
from govshare_core.schemas import CatalogEntryIn
from govshare_core.validation import field_error, validate_entry
from govshare_core.vocab import (
    FORMAT_TYPES,
    EntryStatus,
    FormatClass,
    ResourceClass,
    ShareMode,
    ShareType,
    UpdateCycle,
)
from govshare_core.workflow import (
    CATALOG_ENTRY,
    KEY_ELEMENTS,
    Actor,
    Parties,
    Refusal,
    allowed_actions,
    refusal,
)
from govshare_desktop.common.labels import format_type_label as format_type_label
from govshare_desktop.common.paged_model import Column
from govshare_desktop.i18n import label, message, time_text

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
    "interface_endpoint",
)


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
        "interface_endpoint": None,
    }


def entry_input(entry: dict[str, Any]) -> dict[str, Any]:
    """The CatalogEntryIn body of an entry (the API's output has more fields)."""
    base = empty_entry()
    base.update({k: entry[k] for k in ENTRY_FIELDS if k in entry})
    base["data_items"] = [
        {
            **{
                k: item.get(k) for k in ("name", "data_type", "length", "share_type", "description")
            },
            "key": bool(item.get("key")),  # 关键信息项
        }
        for item in base["data_items"]
    ]
    return base


def validate(data: dict[str, Any]) -> dict[str, str]:
    """{field path: message} for everything wrong with the form's data (empty: may submit)."""
    try:
        entry = CatalogEntryIn.model_validate(data)
    except ValidationError as exc:
        out: dict[str, str] = {}
        for err in exc.errors():
            path = _path(err["loc"])
            fe = field_error(path, "invalid_value", value=str(err.get("input", ""))[:40])
            out.setdefault(path, message(fe))
        return out
    out = {}
    for fe in validate_entry(entry):
        msg = message(fe)
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

    @property
    def interface_endpoint(self) -> bool:
        """接口地址 shows with the interface documents (接口服务, 第十九条)."""
        return self.attachments

    @property
    def required(self) -> set[str]:
        """The share-dependent fields required now."""
        out = {"share_conditions", "share_scope"} if self.conditions else set()
        return out | ({"legal_basis"} if self.legal_basis else set())


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


def entry_parties(entry: dict[str, Any], actor: Actor) -> Parties:
    """The entry's side of the core's "who may act": its department, its submitter and its
    author (`created_by`: 第十五条's four eyes keep both from reviewing it). An entry without a
    department yet is one this user is registering (their own department's)."""
    owner = entry.get("department_id")
    submitter, author = entry.get("submitted_by"), entry.get("created_by")
    return Parties(
        owner_dept=int(owner) if owner is not None else actor.department_id,
        submitter_id=int(submitter) if submitter is not None else None,
        author_id=int(author) if author is not None else None,
    )


def entry_actions(entry: dict[str, Any], actor: Actor) -> list[str]:
    """The workflow actions `actor` may take on `entry`: govshare_core.workflow's answer (role,
    department, and 第十五条's four eyes: the submitter neither approves nor returns)."""
    status = str(entry.get("status") or CATALOG_ENTRY.initial)
    return allowed_actions(CATALOG_ENTRY, status, actor, entry_parties(entry, actor))


def own_submission(entry: dict[str, Any], actor: Actor, action: str = "dept_approve") -> bool:
    """Whether 第十五条 alone keeps `actor` from `action` on `entry`: an entry they submitted or
    registered (wrote)."""
    transition = CATALOG_ENTRY.transition(action)
    return refusal(transition, actor, entry_parties(entry, actor)) is Refusal.OWN_SUBMISSION


_EDIT_TRANSITION = CATALOG_ENTRY.transition("submit")
"""Editing (PUT) is the owning department's registrar's, as submitting is (第十四条)."""
_EDITABLE_STATES = _EDIT_TRANSITION.source | {EntryStatus.PUBLISHED}
"""A draft or returned entry, or a published one (its non-key fields; key elements through a
change report, 第十七条)."""


def editable(entry: dict[str, Any] | None, actor: Actor) -> bool:
    """Whether `actor` may edit `entry` (None: a new entry, always the registrar's own)."""
    if entry is None:
        return True
    if entry.get("status", EntryStatus.DRAFT) not in _EDITABLE_STATES:
        return False
    return refusal(_EDIT_TRANSITION, actor, entry_parties(entry, actor)) is None


def return_reason(entry: dict[str, Any]) -> str | None:
    """Why the entry was returned for changes, while it is (退回原因)."""
    reason = entry.get("return_reason")
    return str(reason) if entry.get("status") == EntryStatus.RETURNED and reason else None


def key_element_changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """The key elements (第十七条) that differ between two entry bodies."""
    return {k: after.get(k) for k in KEY_ELEMENTS if before.get(k) != after.get(k)}


def change_report_days_left(
    effective: date, today: date, *, days: int = DEFAULT_CHANGE_REPORT_DAYS
) -> int:
    """Calendar days left to report a change that took effect on `effective` (第十七条, with the
    platform's `change_report_days`); negative when the report is late."""
    return (change_report_due(effective, days) - today).days


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
        return (
            QCoreApplication.translate("CatalogPresenter", "是")
            if value
            else QCoreApplication.translate("CatalogPresenter", "否")
        )
    for enum in VOCAB_ENUMS:
        try:
            return label(enum(value))
        except ValueError:
            continue
    return str(value)


def value_column(key: str, title: str, *, server_sort: bool = False) -> Column:
    """A list column showing a vocab field by its label (共享类型, 更新周期, …)."""
    return Column(key, title, render=lambda r: show_value(r.get(key)), server_sort=server_sort)


def time_column(key: str, title: str, *, server_sort: bool = False) -> Column:
    """A list column showing a platform timestamp as local "yyyy-MM-dd HH:mm"."""
    return Column(
        key,
        title,
        render=lambda r: time_text(r.get(key)),
        sort_key=lambda r: r.get(key),  # ISO 8601 in UTC: sorts as text
        server_sort=server_sort,
    )
