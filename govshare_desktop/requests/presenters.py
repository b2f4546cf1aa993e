"""Presentation logic of the share screens, free of widgets (testable without a window).

Labels come from `govshare_core.vocab`, rules from `govshare_core.validation` and
`govshare_core.workflow`, deadlines from `govshare_core.workdays`; sentences go through Qt's
translation (context "SharePresenter").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from pydantic import ValidationError
from PySide6.QtCore import QCoreApplication, QLocale

from govshare_core.schemas import ShareRequestIn
from govshare_core.validation import FieldError, field_error, validate_share_request
from govshare_core.vocab import (
    GrantStatus,
    RejectionGround,
    RequestStatus,
    Role,
    ShareMode,
    ShareType,
)
from govshare_core.workdays import working_days_between
from govshare_core.workflow import SHARE_REQUEST, Party

EXPIRY_WARNING_DAYS = 14
"""Grants ending within this many days are highlighted."""


def language() -> str:
    """The UI language: "en" or "zh_CN" (the shell's i18n module once it exists)."""
    try:
        from govshare_desktop import i18n

        return str(i18n.language())
    except (ImportError, AttributeError):
        return "en" if QLocale().name().startswith("en") else "zh_CN"


def english() -> bool:
    return language().startswith("en")


def label(member: Any) -> str:
    """The UI-language label of a vocab enum member."""
    return str(member.label_en if english() else member.label_zh)


def label_of(enum: type[StrEnum], code: str | None) -> str:
    """The label of `code` in `enum`, or the code itself when unknown (or "" for None)."""
    if code is None:
        return ""
    try:
        return label(enum(code))
    except ValueError:
        return str(code)


def message(error: FieldError) -> str:
    return error.message_en if english() else error.message_zh


def parse_date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def local_time(value: Any) -> str:
    """A UTC ISO timestamp as local "yyyy-MM-dd HH:mm"."""
    if not value:
        return ""
    when = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return when.astimezone().strftime("%Y-%m-%d %H:%M")


# --- deadlines and expiry ------------------------------------------------------------------


@dataclass(frozen=True)
class DeadlineInfo:
    """A review deadline as shown: the text, working days left, and the flags behind it."""

    text: str
    days_left: int | None
    overdue: bool
    provisional: bool


def review_deadline_info(row: Mapping[str, Any], today: date) -> DeadlineInfo:
    """Review deadline of a request row with the working days left (第二十七条)."""
    due = parse_date(row.get("review_due"))
    provisional = bool(row.get("review_due_provisional"))
    if due is None or row.get("status") not in _WAITING:
        return DeadlineInfo("", None, False, False)
    overdue = bool(row.get("overdue")) or due < today
    mark = QCoreApplication.translate("SharePresenter", "（暂定）") if provisional else ""
    if overdue:
        late = working_days_between(due, today)
        text = (
            QCoreApplication.translate("SharePresenter", "%1 已超期 %2 个工作日")
            .replace("%1", due.isoformat())
            .replace("%2", str(late))
        )
        return DeadlineInfo(text + mark, -late, True, provisional)
    left = working_days_between(today, due)
    text = (
        QCoreApplication.translate("SharePresenter", "%1（剩 %2 个工作日）")
        .replace("%1", due.isoformat())
        .replace("%2", str(left))
    )
    return DeadlineInfo(text + mark, left, False, provisional)


_WAITING = {RequestStatus.SUBMITTED, RequestStatus.PROVIDER_APPROVED, RequestStatus.DISPUTED}


@dataclass(frozen=True)
class ExpiryInfo:
    text: str
    days_left: int | None
    expiring_soon: bool


def grant_expiry_info(row: Mapping[str, Any], today: date) -> ExpiryInfo:
    """Days until a grant ends; active grants ending within 14 days are flagged."""
    until = parse_date(row.get("valid_until"))
    if until is None or row.get("status") != GrantStatus.ACTIVE:
        return ExpiryInfo("", None, False)
    left = (until - today).days
    soon = left <= EXPIRY_WARNING_DAYS
    if left < 0:
        return ExpiryInfo(QCoreApplication.translate("SharePresenter", "已过期"), left, True)
    if left == 0:
        return ExpiryInfo(QCoreApplication.translate("SharePresenter", "今日到期"), 0, True)
    return ExpiryInfo(
        QCoreApplication.translate("SharePresenter", "剩 %1 天").replace("%1", str(left)),
        left,
        soon,
    )


# --- actions a user may take -----------------------------------------------------------------


def request_actions(
    row: Mapping[str, Any], *, roles: Iterable[str], department_id: int
) -> list[str]:
    """Actions of SHARE_REQUEST the user may take on the request (role AND party, as the platform
    checks them); the server still decides."""
    held = {Role(r) for r in roles if r in Role._value2member_map_}
    status = str(row.get("status"))
    allowed: list[str] = []
    for action in SHARE_REQUEST.actions_from(status, held):
        transition = SHARE_REQUEST.find(action, status)
        if transition.party is Party.PLATFORM:
            ok = True
        elif transition.party is Party.OWNER_DEPT:
            ok = row.get("consumer_department_id") == department_id
        else:  # provider department (or a listed platform admin)
            ok = (Role.PLATFORM_ADMIN in transition.roles and Role.PLATFORM_ADMIN in held) or (
                row.get("provider_department_id") == department_id
                and bool((transition.roles - {Role.PLATFORM_ADMIN}) & held)
            )
        if ok:
            allowed.append(action)
    return allowed


def can_revoke_grant(row: Mapping[str, Any], *, roles: Iterable[str], department_id: int) -> bool:
    """Provider's resource admin or the platform admin, on an active grant (第二十九条)."""
    held = set(roles)
    if row.get("status") != GrantStatus.ACTIVE:
        return False
    if Role.PLATFORM_ADMIN in held:
        return True
    return Role.RESOURCE_ADMIN in held and row.get("provider_department_id") == department_id


# --- decisions -------------------------------------------------------------------------------


def rejection_grounds() -> list[tuple[str, str]]:
    """(code, label) of every legal ground for refusing a request (第二十二条)."""
    return [(g.value, label(g)) for g in RejectionGround]


def decision_body(
    *, approve: bool | None, ground: str | None, comment: str
) -> tuple[dict[str, Any] | None, str]:
    """The DecisionIn body, or None and why not (a rejection needs its legal ground)."""
    if approve is None:
        return None, QCoreApplication.translate("SharePresenter", "请选择同意或拒绝。")
    if approve:
        return {"approve": True, "comment": comment.strip() or None}, ""
    if not ground:
        return None, QCoreApplication.translate(
            "SharePresenter", "拒绝须选择法定事由（第二十二条：非因法定事由不得拒绝）。"
        )
    return {"approve": False, "ground": ground, "comment": comment.strip() or None}, ""


def mediation_body(*, overturn: bool | None, comment: str) -> tuple[dict[str, Any] | None, str]:
    """The MediationIn body, or None and why not (第二十五条)."""
    if overturn is None:
        return None, QCoreApplication.translate("SharePresenter", "请选择维持拒绝或撤销拒绝。")
    if len(comment.strip()) < 2:
        return None, QCoreApplication.translate("SharePresenter", "请填写协调意见（至少 2 个字）。")
    return {"overturn": overturn, "comment": comment.strip()}, ""


def reason_error(text: str) -> str:
    """Why a free-text reason (dispute, revocation) is not acceptable, or ""."""
    return (
        QCoreApplication.translate("SharePresenter", "请填写理由（至少 2 个字）。")
        if len(text.strip()) < 2
        else ""
    )


# --- the request form ------------------------------------------------------------------------


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


_MIN_LENGTH = {"business": 2, "users": 2, "reason": 2}


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
        errors = self._structural(values)
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

    def _structural(self, values: RequestFormValues) -> list[FieldError]:
        errors: list[FieldError] = []
        if not values.data_items:
            errors.append(
                _custom(
                    "data_items",
                    QCoreApplication.translate("SharePresenter", "请至少选择一个要申请的信息项"),
                )
            )
        for name in ("business", "users", "reason"):
            text = getattr(values, name).strip()
            if not text:
                errors.append(field_error(name, "required"))
            elif len(text) < _MIN_LENGTH[name]:
                errors.append(_too_short(name))
        if values.share_mode not in ShareMode._value2member_map_:
            errors.append(field_error("share_mode", "required"))
        if values.end_date is None:
            errors.append(field_error("end_date", "required"))
        return errors


def _custom(fieldpath: str, text: str) -> FieldError:
    return FieldError(fieldpath, "custom", text, text)


def _too_short(name: str) -> FieldError:
    base = field_error(name, "required")
    label_zh = base.message_zh.removesuffix("不能为空")
    label_en = base.message_en.removesuffix(" is required")
    return FieldError(
        name,
        "too_short",
        QCoreApplication.translate("SharePresenter", "%1至少需要 2 个字").replace("%1", label_zh),
        f"{label_en} needs at least 2 characters",
    )


def _pydantic_error(error: Mapping[str, Any]) -> FieldError:
    loc = [str(p) for p in error.get("loc", ())]
    path = loc[0] if loc else ""
    if error.get("type") in ("missing", "string_too_short"):
        return field_error(path, "required")
    return field_error(path, "invalid_value", value=str(error.get("input", ""))[:40])


def result_text(detail: Mapping[str, Any], today: date) -> str:
    """What happened on submission: granted at once (无条件共享) or the review deadline."""
    status = str(detail.get("status"))
    if status == RequestStatus.ACTIVE:
        return QCoreApplication.translate(
            "SharePresenter", "无条件共享：申请已自动通过，授权立即生效，可在“授权”页查看。"
        )
    due = parse_date(detail.get("review_due"))
    head = QCoreApplication.translate("SharePresenter", "申请已提交，当前状态：%1。").replace(
        "%1", label_of(RequestStatus, status)
    )
    if due is None:
        return head
    left = working_days_between(today, due)
    tail = QCoreApplication.translate(
        "SharePresenter", "须在 %1 前完成审核（剩 %2 个工作日，第二十七条）"
    ).replace("%1", due.isoformat())
    tail = tail.replace("%2", str(left))
    if detail.get("review_due_provisional"):
        tail += QCoreApplication.translate("SharePresenter", "（节假日安排暂定）")
    return head + tail + QCoreApplication.translate("SharePresenter", "。")


def default_end_date(today: date) -> date:
    return today + timedelta(days=365)
