"""Presentation logic of the share screens, free of widgets (testable without a window).

Labels come from `govshare_core.vocab`, rules from `govshare_core.validation`,
`govshare_core.workflow` and `govshare_core.rules`; deadlines are the platform's (`due`,
`working_days_left`, `expiring_soon`, counted with its calendar), and only a cached row from before
the platform sent them is counted here, with the platform's calendar (`common.policy.calendar`).
Sentences go through Qt's translation (context "SharePresenter"); rule messages are the core's in
the UI language (`i18n.message`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from pydantic import ValidationError
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from govshare_core.rules import MIN_REASON_LENGTH, grant_expiring_soon
from govshare_core.schemas import ShareRequestIn
from govshare_core.validation import (
    FieldError,
    field_error,
    validate_decision,
    validate_mediation,
    validate_reason,
    validate_request_form,
    validate_share_request,
)
from govshare_core.vocab import (
    GrantStatus,
    RejectionGround,
    RequestStatus,
    Role,
    ShareMode,
    ShareType,
)
from govshare_core.workdays import WorkdayCalendar, working_days_left
from govshare_core.workflow import (
    GRANT,
    SHARE_REQUEST,
    Actor,
    Parties,
    allowed_actions,
    waiting_for_review,
)
from govshare_desktop.i18n import label, label_of, message, parse_date, rule_message

# --- deadlines and expiry ------------------------------------------------------------------


@dataclass(frozen=True)
class DeadlineInfo:
    """A review deadline as shown: the text, the due date, working days left, and the flags."""

    text: str
    days_left: int | None
    overdue: bool
    provisional: bool
    due: date | None = None


_NO_DEADLINE = DeadlineInfo("", None, False, False)


def _review_deadline(
    row: Mapping[str, Any], today: date, calendar: WorkdayCalendar
) -> tuple[date | None, int | None]:
    """(due, working days left): the platform's; counted here with the platform's `calendar`
    only for a row without them (cached before the platform sent them)."""
    if "working_days_left" in row or "due" in row:
        left = row.get("working_days_left")
        return parse_date(row.get("due")), int(left) if left is not None else None
    if not waiting_for_review(SHARE_REQUEST, str(row.get("status"))):
        return None, None
    due = parse_date(row.get("review_due"))
    return due, working_days_left(today, due, calendar=calendar)


def review_deadline_info(
    row: Mapping[str, Any], today: date, *, calendar: WorkdayCalendar
) -> DeadlineInfo:
    """Review deadline of a request row with the working days left (第二十七条)."""
    due, left = _review_deadline(row, today, calendar)
    if due is None or left is None:
        return _NO_DEADLINE
    provisional = bool(row.get("review_due_provisional"))
    mark = QCoreApplication.translate("SharePresenter", "（暂定）") if provisional else ""
    if left < 0 or due < today:
        late = max(-left, 0)
        text = (
            QCoreApplication.translate("SharePresenter", "%1 已超期 %2 个工作日")
            .replace("%1", due.isoformat())
            .replace("%2", str(late))
        )
        return DeadlineInfo(text + mark, -late, True, provisional, due)
    text = (
        QCoreApplication.translate("SharePresenter", "%1（剩 %2 个工作日）")
        .replace("%1", due.isoformat())
        .replace("%2", str(left))
    )
    return DeadlineInfo(text + mark, left, False, provisional, due)


@dataclass(frozen=True)
class ExpiryInfo:
    text: str
    days_left: int | None
    expiring_soon: bool


def grant_expiry_info(
    row: Mapping[str, Any], today: date, *, calendar: WorkdayCalendar
) -> ExpiryInfo:
    """Working days until an active grant ends, and whether it is flagged: the platform's
    `working_days_left` and `expiring_soon`; for a cached row without them, counted here with
    the platform's `calendar` and `govshare_core.rules.grant_expiring_soon`."""
    until = parse_date(row.get("valid_until"))
    if until is None or row.get("status") != GrantStatus.ACTIVE:
        return ExpiryInfo("", None, False)
    if "working_days_left" in row and "expiring_soon" in row:
        raw = row.get("working_days_left")
        left = int(raw) if raw is not None else working_days_left(today, until, calendar=calendar)
        soon = bool(row.get("expiring_soon"))
    else:
        left = working_days_left(today, until, calendar=calendar)
        soon = grant_expiring_soon(until, today)
    if until < today:
        return ExpiryInfo(QCoreApplication.translate("SharePresenter", "已过期"), left, True)
    if until == today:
        return ExpiryInfo(QCoreApplication.translate("SharePresenter", "今日到期"), 0, True)
    return ExpiryInfo(
        QCoreApplication.translate("SharePresenter", "剩 %1 个工作日").replace("%1", str(left)),
        left,
        soon,
    )


# --- actions a user may take -----------------------------------------------------------------


def request_parties(row: Mapping[str, Any]) -> Parties:
    """A share request's (or grant's) side of "who may act": the consumer and the provider."""
    consumer, provider = row.get("consumer_department_id"), row.get("provider_department_id")
    return Parties(
        owner_dept=int(consumer) if consumer is not None else None,
        provider_dept=int(provider) if provider is not None else None,
    )


def request_actions(row: Mapping[str, Any], actor: Actor) -> list[str]:
    """Actions of SHARE_REQUEST `actor` may take on the request: govshare_core.workflow's
    `allowed_actions` (role and party, as the platform checks them); the server still decides."""
    return allowed_actions(SHARE_REQUEST, str(row.get("status")), actor, request_parties(row))


def can_revoke_grant(row: Mapping[str, Any], actor: Actor) -> bool:
    """The provider's resource admin or the platform admin, on an active grant (第二十九条)."""
    return "revoke" in allowed_actions(GRANT, str(row.get("status")), actor, request_parties(row))


# --- decisions -------------------------------------------------------------------------------


def rejection_grounds() -> list[tuple[str, str]]:
    """(code, label) of every legal ground for refusing a request (第二十二条)."""
    return [(g.value, label(g)) for g in RejectionGround]


def _messages(errors: list[FieldError]) -> str:
    return "；".join(message(e) for e in errors)


def decision_body(
    *, approve: bool | None, ground: str | None, comment: str
) -> tuple[dict[str, Any] | None, str]:
    """The DecisionIn body, or None and why not (`validate_decision`: a rejection needs its
    legal ground, 第二十二条)."""
    errors = validate_decision(approve=approve, ground=ground or None)
    if errors:
        return None, _messages(errors)
    if approve:
        return {"approve": True, "comment": comment.strip() or None}, ""
    return {"approve": False, "ground": ground, "comment": comment.strip() or None}, ""


def mediation_body(*, overturn: bool | None, comment: str) -> tuple[dict[str, Any] | None, str]:
    """The MediationIn body, or None and why not (`validate_mediation`, 第二十五条)."""
    errors = validate_mediation(overturn=overturn, comment=comment)
    if errors:
        return None, _messages(errors)
    return {"overturn": overturn, "comment": comment.strip()}, ""


def reason_error(text: str) -> str:
    """Why a free-text reason (dispute, revocation) is not acceptable (`validate_reason`), or
    ""."""
    errors = validate_reason(text)
    if not errors:
        return ""
    what = QCoreApplication.translate("SharePresenter", "理由")
    return rule_message(errors[0].code, what, n=MIN_REASON_LENGTH)


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
        errors = validate_request_form(values.as_dict())
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
    due, left = _review_deadline(detail, today, calendar)
    if due is None or left is None:
        return head
    tail = QCoreApplication.translate(
        "SharePresenter", "须在 %1 前完成审核（剩 %2 个工作日，第二十七条）"
    ).replace("%1", due.isoformat())
    tail = tail.replace("%2", str(left))
    if detail.get("review_due_provisional"):
        tail += QCoreApplication.translate("SharePresenter", "（节假日安排暂定）")
    return head + tail + QCoreApplication.translate("SharePresenter", "。")


def default_end_date(today: date) -> date:
    return today + timedelta(days=365)


# --- the requests pages' lists ---------------------------------------------------------------


@dataclass(frozen=True)
class ListMode:
    """What a requests page lists: title, filter choices (label, query params), cache name."""

    key: str
    title: str
    filters: list[tuple[str, dict[str, Any]]]
    counterpart: str  # "provider" or "consumer": whose department name the list shows
    drafts: bool


def mine_mode() -> ListMode:
    filters: list[tuple[str, dict[str, Any]]] = [
        (QCoreApplication.translate("RequestsPage", "全部申请"), {})
    ]
    filters += [(label(s), {"status": s.value}) for s in RequestStatus if s != RequestStatus.DRAFT]
    filters.append((QCoreApplication.translate("RequestsPage", "已超期"), {"overdue": True}))
    return ListMode(
        "mine", QCoreApplication.translate("RequestsPage", "我的申请"), filters, "provider", True
    )


def inbox_mode(roles: set[str]) -> ListMode:
    filters: list[tuple[str, dict[str, Any]]] = []
    if Role.RESOURCE_ADMIN in roles:
        filters.append(
            (
                QCoreApplication.translate("RequestsPage", "待本部门审核"),
                {"side": "provider", "status": "submitted"},
            )
        )
    if Role.PLATFORM_ADMIN in roles:
        filters += [
            (
                QCoreApplication.translate("RequestsPage", "待平台审核"),
                {"status": "provider_approved"},
            ),
            (QCoreApplication.translate("RequestsPage", "争议待协调"), {"status": "disputed"}),
            (
                QCoreApplication.translate("RequestsPage", "待签署保密协议"),
                {"status": "awaiting_agreement"},
            ),
            (QCoreApplication.translate("RequestsPage", "已超期"), {"overdue": True}),
        ]
    if Role.RESOURCE_ADMIN in roles:
        filters.append(
            (
                QCoreApplication.translate("RequestsPage", "本部门资源的全部申请"),
                {"side": "provider"},
            )
        )
    return ListMode(
        "inbox", QCoreApplication.translate("RequestsPage", "待审申请"), filters, "consumer", False
    )


def days_left_text(info: DeadlineInfo) -> str:
    """The 剩余工作日 cell: the working days left, or how many are overdue."""
    if info.days_left is None:
        return ""
    if info.overdue:
        return QCoreApplication.translate("RequestsPage", "超期 %1").replace(
            "%1", str(abs(info.days_left))
        )
    mark = QCoreApplication.translate("RequestsPage", "（暂定）") if info.provisional else ""
    return f"{info.days_left}{mark}"


def enrich(
    rows: list[dict[str, Any]], names: dict[int, str], today: date, *, calendar: WorkdayCalendar
) -> list[dict[str, Any]]:
    """Add department names and the working-day deadline to request rows (background work;
    `calendar`: the platform's, for rows without its `working_days_left`)."""
    out = []
    for row in rows:
        info = review_deadline_info(row, today, calendar=calendar)
        out.append(
            dict(
                row,
                provider_name=names.get(int(row["provider_department_id"]), ""),
                consumer_name=names.get(int(row["consumer_department_id"]), ""),
                _deadline=info.text,
                _due=info.due.isoformat() if info.due is not None else "",
                _left=days_left_text(info),
                _days_left=info.days_left,
                _overdue=info.overdue,
            )
        )
    return out


_ACTIONS = {
    "create": QT_TRANSLATE_NOOP("RequestsPage", "创建申请"),
    "update": QT_TRANSLATE_NOOP("RequestsPage", "修改申请"),
    "submit": QT_TRANSLATE_NOOP("RequestsPage", "提交申请"),
    "auto_grant": QT_TRANSLATE_NOOP("RequestsPage", "无条件共享，自动授权"),
    "route_statutory": QT_TRANSLATE_NOOP("RequestsPage", "依法定依据转平台审核"),
    "provider_approve": QT_TRANSLATE_NOOP("RequestsPage", "提供方同意"),
    "provider_reject": QT_TRANSLATE_NOOP("RequestsPage", "提供方拒绝"),
    "platform_approve": QT_TRANSLATE_NOOP("RequestsPage", "平台同意"),
    "platform_approve_statutory": QT_TRANSLATE_NOOP("RequestsPage", "平台同意（法定共享）"),
    "platform_reject": QT_TRANSLATE_NOOP("RequestsPage", "平台拒绝"),
    "mark_agreement_signed": QT_TRANSLATE_NOOP("RequestsPage", "保密协议已签署"),
    "dispute": QT_TRANSLATE_NOOP("RequestsPage", "提出异议"),
    "mediate_uphold": QT_TRANSLATE_NOOP("RequestsPage", "协调：维持拒绝"),
    "mediate_overturn": QT_TRANSLATE_NOOP("RequestsPage", "协调：撤销拒绝"),
    "withdraw": QT_TRANSLATE_NOOP("RequestsPage", "撤回"),
    "revoke": QT_TRANSLATE_NOOP("RequestsPage", "撤销授权"),
    "expire": QT_TRANSLATE_NOOP("RequestsPage", "到期"),
    "escalate": QT_TRANSLATE_NOOP("RequestsPage", "超期督办"),
    "review": QT_TRANSLATE_NOOP("RequestsPage", "审核申请"),
    "mediate": QT_TRANSLATE_NOOP("RequestsPage", "争议协调"),
}


# endpoint suffix → the history action it records (for the outbox label)
OUTBOX_ACTIONS = {
    "provider-decision": "review",
    "platform-decision": "review",
    "mediate": "mediate",
    "agreement-signed": "mark_agreement_signed",
}


def action_label(action: str) -> str:
    text = _ACTIONS.get(action)
    return QCoreApplication.translate("RequestsPage", str(text)) if text else action
