"""What the entry form shows for its entry's state, and what stops a send: no widgets.

    state = form_state(entry, actor, secret=False, busy=False, queued_submit=False)
    block = send_block(data, entry, submit=True)   # None: send it

第六条: an entry involving state secrets is never registered; 第十五条: a submitted entry is
reviewed as submitted (read-only until recalled or returned); 第十七条: the key elements of a
published entry change only through a change report.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from pydantic import ValidationError
from PySide6.QtCore import QCoreApplication

from govshare_core.schemas import CatalogEntryIn
from govshare_core.vocab import EntryStatus
from govshare_core.workflow import Actor
from govshare_desktop.api.actions import JsonObject
from govshare_desktop.catalog import presenter as P


@dataclass(frozen=True)
class FormState:
    """The form's read-only banner, buttons and title for one state of its entry."""

    read_only: bool
    banner: str  # why the form is read-only ("" when it is editable)
    save_visible: bool
    save_enabled: bool
    submit_visible: bool
    submit_enabled: bool
    change_report_visible: bool  # 变更报告… (a published entry, 第十七条)
    secret_enabled: bool  # 涉及国家秘密 may be ticked (not once published)
    title: str
    warning: str  # for the status line (第六条), "" when none


def form_state(
    entry: JsonObject | None, actor: Actor, *, secret: bool, busy: bool, queued_submit: bool
) -> FormState:
    """`queued_submit`: a submit waits in the outbox, so nothing more may be edited."""
    status = str((entry or {}).get("status", EntryStatus.DRAFT))
    can_edit = P.editable(entry, actor)
    published = status == EntryStatus.PUBLISHED
    read_only = not can_edit or queued_submit
    title = (
        QCoreApplication.translate("EntryForm", "新建目录")
        if entry is None
        else QCoreApplication.translate("EntryForm", "目录登记 — %1").replace(
            "%1", P.status_label(status)
        )
    )
    warning = (
        QCoreApplication.translate("EntryForm", "涉及国家秘密的资源不得在共享平台登记。")
        if secret
        else ""
    )
    return FormState(
        read_only=read_only,
        banner=_banner(status, queued_submit) if read_only else "",
        save_visible=not read_only,
        save_enabled=can_edit and not secret and not busy and not queued_submit,
        submit_visible=status in (EntryStatus.DRAFT, EntryStatus.RETURNED) and not read_only,
        submit_enabled=not secret and not busy and not queued_submit,
        change_report_visible=published,
        secret_enabled=not published,
        title=title,
        warning=warning,
    )


def _banner(status: str, queued_submit: bool) -> str:
    if queued_submit:
        return QCoreApplication.translate(
            "EntryForm", "提交已排队，恢复连接后自动发送；发送前不能修改。"
        )
    if status == EntryStatus.SUBMITTED:
        return QCoreApplication.translate("EntryForm", "已提交审核，不能修改。")
    if status == EntryStatus.DEPT_APPROVED:
        return QCoreApplication.translate(
            "EntryForm", "已通过部门审核，等待共享平台确认，不能修改。"
        )
    return QCoreApplication.translate("EntryForm", "当前状态（%1）下不能修改。").replace(
        "%1", P.status_label(status)
    )


class SendBlock(Enum):
    """Why the form does not send (the form shows the errors, or the change report)."""

    STATE_SECRET = "state_secret"  # 第六条: never on the platform, not even as a draft
    INVALID = "invalid"  # a submit breaks a rule (a draft may be saved incomplete)
    SHAPE = "shape"  # the platform would refuse even the draft (its shape, not its rules)
    KEY_ELEMENTS = "key_elements"  # a published entry's key elements: a change report (第十七条)


def send_block(data: JsonObject, entry: JsonObject | None, *, submit: bool) -> SendBlock | None:
    """What stops sending `data` (None: nothing)."""
    errors = P.validate(data)
    if "involves_state_secret" in errors:
        return SendBlock.STATE_SECRET
    if submit and errors:
        return SendBlock.INVALID
    if _shape_errors(data):
        return SendBlock.SHAPE
    published = entry is not None and entry.get("status") == EntryStatus.PUBLISHED
    if published and entry and P.key_element_changes(P.entry_input(entry), data):
        return SendBlock.KEY_ELEMENTS
    return None


def _shape_errors(data: JsonObject) -> bool:
    try:
        CatalogEntryIn.model_validate(data)
    except ValidationError:
        return True
    return False


def top_field(path: str) -> str:
    """The field an error path belongs to: "data_items[2].name" → "data_items"."""
    return path.split(".")[0].split("[")[0]
