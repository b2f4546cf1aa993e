"""The share request form's presentation logic, free of widgets (第二十二条, 第二十八条): the
values typed, the entry they ask for, the core's rules (`govshare_core.validation`), and what
the applicant is told once the platform has the request.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from pydantic import ValidationError
from PySide6.QtCore import QCoreApplication

from govshare_core.schemas import ShareRequestIn
from govshare_core.validation import (
    FieldError,
    field_error,
    validate_request_form,
    validate_share_request,
)
from govshare_core.vocab import RequestStatus, ShareMode, ShareType
from govshare_core.workdays import WorkdayCalendar
from govshare_desktop.i18n import label_of, parse_date
from govshare_desktop.requests.deadlines import review_deadline


@dataclass
class RequestFormValues:
    """What the applicant typed in the request form."""

    data_items: list[str]
    business: str = ""
    users: str = ""
    share_mode: str = ""
    reason: str = ""
    end_date: date | None = None
    statutory_citation: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "data_items": list(self.data_items),
            "business": self.business,
            "users": self.users,
            "share_mode": self.share_mode,
            "reason": self.reason,
            "end_date": self.end_date.isoformat() if self.end_date else None,
            "statutory_citation": self.statutory_citation,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> RequestFormValues:
        return cls(
            data_items=list(data.get("data_items") or []),
            business=str(data.get("business") or ""),
            users=str(data.get("users") or ""),
            share_mode=str(data.get("share_mode") or ""),
            reason=str(data.get("reason") or ""),
            end_date=parse_date(data.get("end_date")),
            statutory_citation=str(data.get("statutory_citation") or ""),
        )


class RequestFormPresenter:
    """Builds and checks a share request for one catalog entry (detail JSON of the entry)."""

    def __init__(self, entry: Mapping[str, Any]) -> None:
        self.entry = dict(entry)

    @property
    def entry_share_type(self) -> ShareType:
        return ShareType(self.entry["share_type"])

    @property
    def needs_citation(self) -> bool:
        """不予共享 is requested only where a law names the department (第五条 last paragraph)."""
        return self.entry_share_type is ShareType.NOT_SHARED

    def item_share_types(self) -> dict[str, ShareType | None]:
        return {
            str(i["name"]): ShareType(i["share_type"]) if i.get("share_type") else None
            for i in self.entry.get("data_items", [])
        }

    def item_requestable(self, name: str) -> bool:
        """Items marked 不予共享 in a shareable entry cannot be requested."""
        kind = self.item_share_types().get(name)
        return not (kind is ShareType.NOT_SHARED and not self.needs_citation)

    def default_mode(self) -> str:
        return str(self.entry.get("share_mode") or ShareMode.QUERY.value)

    def summary(self) -> str:
        e = self.entry
        parts = [
            str(e.get("name", "")),
            QCoreApplication.translate("SharePresenter", "资源代码：%1").replace(
                "%1",
                str(
                    e.get("resource_code")
                    or QCoreApplication.translate("SharePresenter", "（未赋码）")
                ),
            ),
            QCoreApplication.translate("SharePresenter", "提供方：%1").replace(
                "%1", str(e.get("department_name", ""))
            ),
            QCoreApplication.translate("SharePresenter", "共享类型：%1").replace(
                "%1", label_of(ShareType, e.get("share_type"))
            ),
        ]
        return "\n".join(parts)

    def validate(
        self, values: RequestFormValues, *, today: date
    ) -> tuple[ShareRequestIn | None, list[FieldError]]:
        """The request to send, or the rule violations naming the field and the reason."""
        errors = validate_request_form(values.as_dict(), entry_share_type=self.entry_share_type)
        if errors:
            return None, errors
        data = {k: v for k, v in values.as_dict().items() if v not in ("", None)}
        data["entry_id"] = int(self.entry["id"])
        try:
            request = ShareRequestIn.model_validate(data)
        except ValidationError as exc:
            return None, [_pydantic_error(e) for e in exc.errors()]
        errors = validate_share_request(
            request,
            entry_share_type=self.entry_share_type,
            entry_items=self.item_share_types(),
            today=today,
        )
        return (None, errors) if errors else (request, [])


def _pydantic_error(error: Mapping[str, Any]) -> FieldError:
    loc = [str(p) for p in error.get("loc", ())]
    path = loc[0] if loc else ""
    if error.get("type") in ("missing", "string_too_short"):
        return field_error(path, "required")
    return field_error(path, "invalid_value", value=str(error.get("input", ""))[:40])


def result_text(detail: Mapping[str, Any], today: date, *, calendar: WorkdayCalendar) -> str:
    """What happened on submission: granted at once (无条件共享) or the review deadline (the
    platform's `due` and `working_days_left`)."""
    status = str(detail.get("status"))
    if status == RequestStatus.ACTIVE:
        return QCoreApplication.translate(
            "SharePresenter", "无条件共享：申请已自动通过，授权立即生效，可在“授权”页查看。"
        )
    head = QCoreApplication.translate("SharePresenter", "申请已提交，当前状态：%1。").replace(
        "%1", label_of(RequestStatus, status)
    )
    due, left = review_deadline(detail, today, calendar)
    if due is None or left is None:
        return head
    tail = QCoreApplication.translate(
        "SharePresenter", "须在 %1 前完成审核（剩 %2 个工作日，第二十七条）"
    ).replace("%1", due.isoformat())
    tail = tail.replace("%2", str(left))
    if detail.get("review_due_provisional"):
        tail += QCoreApplication.translate("SharePresenter", "（节假日安排暂定）")
    return head + tail + QCoreApplication.translate("SharePresenter", "。")


def created_text(request_id: int) -> str:
    """The request exists on the platform (created, its submission refused or not yet sent):
    the next submission submits it, never a second one."""
    return QCoreApplication.translate(
        "SharePresenter",
        "申请 #%1 已在共享平台上保存为草稿。修改后再次提交，将提交这份申请，不会重复创建。",
    ).replace("%1", str(request_id))


def default_end_date(today: date) -> date:
    return today + timedelta(days=365)
