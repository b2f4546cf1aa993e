"""Presentation logic of the share screens, free of widgets (testable without a window): who
may take which action, decision bodies, the texts the pages show about a request, and the share
catalog's search parameters and detail texts.

Labels come from `govshare_core.vocab`, rules from `govshare_core.validation` and
`govshare_core.workflow`. Deadlines: `deadlines.py`; the request form: `form_presenter.py`; the
lists' rows: `lists.py`. Sentences go through Qt's translation (contexts "SharePresenter",
"RequestsPage", "ShareCatalogPage"); rule messages are the core's in the UI language
(`i18n.message`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from govshare_core.validation import (
    FieldError,
    validate_decision,
    validate_mediation,
)
from govshare_core.vocab import (
    FormatClass,
    RejectionGround,
    RequestStatus,
    ResourceClass,
    ShareMode,
    ShareType,
    UpdateCycle,
)
from govshare_core.workflow import GRANT, SHARE_REQUEST, Actor, Parties, allowed_actions
from govshare_desktop.common.labels import format_type_label
from govshare_desktop.i18n import label, label_of, message

SIDES = ("provider", "consumer")

# --- the parties -----------------------------------------------------------------------------


def department_name(row: Mapping[str, Any], side: str, names: Mapping[int, str]) -> str:
    """The name of a request's (or grant's) `side` department ("provider" or "consumer"): the
    platform's `<side>_department_name`, else looked up by its id in `names`."""
    name = row.get(f"{side}_department_name")
    if name:
        return str(name)
    dept = row.get(f"{side}_department_id")
    return names.get(int(dept), "") if dept is not None else ""


def lacks_department_names(rows: Iterable[Mapping[str, Any]]) -> bool:
    """Whether some row lacks the platform's department names (then look them up)."""
    return any(not row.get(f"{side}_department_name") for row in rows for side in SIDES)


def request_parties(row: Mapping[str, Any]) -> Parties:
    """A share request's (or grant's) side of "who may act": the consumer and the provider."""
    consumer, provider = row.get("consumer_department_id"), row.get("provider_department_id")
    return Parties(
        owner_dept=int(consumer) if consumer is not None else None,
        provider_dept=int(provider) if provider is not None else None,
    )


# --- actions a user may take -----------------------------------------------------------------


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


# --- texts about a request -------------------------------------------------------------------


def _tr(text: str) -> str:
    """Translate a string marked with QT_TRANSLATE_NOOP("RequestsPage", ...)."""
    return QCoreApplication.translate("RequestsPage", text)


def request_name(detail: Mapping[str, Any]) -> str:
    """申请 #12（resource name）: the request a confirmation names."""
    return (
        QCoreApplication.translate("RequestsPage", "申请 #%1（%2）")
        .replace("%1", str(detail.get("id", "")))
        .replace("%2", str(detail.get("entry_name", "")))
    )


def request_summary(detail: Mapping[str, Any], names: Mapping[int, str]) -> str:
    """Who asks for what: the head of the decision and mediation dialogs (with the statutory
    citation of a request for a 不予共享 resource, 第五条, which the platform admin weighs)."""
    head = (
        QCoreApplication.translate("RequestsPage", "申请 #%1：%2 申请使用“%3”（%4）")
        .replace("%1", str(detail.get("id")))
        .replace("%2", department_name(detail, "consumer", names))
        .replace("%3", str(detail.get("entry_name", "")))
        .replace("%4", "、".join(detail.get("data_items", [])))
    )
    citation = str(detail.get("statutory_citation") or "").strip()
    if not citation:
        return head
    return (
        head
        + "\n"
        + QCoreApplication.translate("RequestsPage", "法定共享依据：%1").replace("%1", citation)
    )


def action_title(action: str, detail: Mapping[str, Any]) -> str:
    """The outbox label of an action on a request (what the 待发送 list shows)."""
    return (
        QCoreApplication.translate("RequestsPage", "%1：申请 #%2（%3）")
        .replace("%1", action_label(OUTBOX_ACTIONS.get(action, action)))
        .replace("%2", str(detail.get("id", "")))
        .replace("%3", str(detail.get("entry_name", "")))
    )


_DONE = {
    "withdraw": QT_TRANSLATE_NOOP("RequestsPage", "已撤回"),
    "dispute": QT_TRANSLATE_NOOP("RequestsPage", "已提出异议"),
    "decide": QT_TRANSLATE_NOOP("RequestsPage", "已作出审核决定"),
    "mediate": QT_TRANSLATE_NOOP("RequestsPage", "已作出协调结论"),
}


def action_done_text(action: str, detail: Mapping[str, Any]) -> str:
    """What became of an action: the request and its state now."""
    verb = _DONE.get(action)
    return (
        QCoreApplication.translate("RequestsPage", "%1：申请 #%2（%3），当前状态：%4。")
        .replace(
            "%1",
            _tr(str(verb)) if verb else QCoreApplication.translate("RequestsPage", "操作已完成"),
        )
        .replace("%2", str(detail.get("id", "")))
        .replace("%3", str(detail.get("entry_name", "")))
        .replace("%4", label_of(RequestStatus, detail.get("status")))
    )


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
    # recorded by platforms before the agreements were signed online: old histories show it
    "mark_agreement_signed": QT_TRANSLATE_NOOP("RequestsPage", "保密协议已签署"),
    # 第三十条: the third signature activates the request; a declined one sends it back
    "agreement_completed": QT_TRANSLATE_NOOP("RequestsPage", "三方保密协议签署完成"),
    "agreement_declined": QT_TRANSLATE_NOOP("RequestsPage", "保密协议被拒签"),
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
}


def action_label(action: str) -> str:
    text = _ACTIONS.get(action)
    return _tr(str(text)) if text else action


# --- the share catalog -----------------------------------------------------------------------


def search_params(q: str, filters: Mapping[str, Any]) -> dict[str, Any]:
    """Query parameters of the share catalog for a search text and the chosen facets."""
    params = {k: v for k, v in filters.items() if v not in (None, "")}
    if q.strip():
        params["q"] = q.strip()
    return params


def match_offline(row: Mapping[str, Any], q: str, filters: Mapping[str, Any]) -> bool:
    """Offline search over the cached rows: every facet equal, every word in the name."""
    for key, value in filters.items():
        if value not in (None, "") and str(row.get(key)) != str(value):
            return False
    text = f"{row.get('name', '')} {row.get('resource_code', '')} {row.get('department_name', '')}"
    return all(word in text for word in q.split())


def detail_fields(entry: Mapping[str, Any]) -> dict[str, str]:
    """The entry's core metadata as display texts, keyed like the .ui value labels."""
    yes, no = (
        QCoreApplication.translate("ShareCatalogPage", "是"),
        QCoreApplication.translate("ShareCatalogPage", "否"),
    )
    klass = "".join(
        str(entry.get(k) or "") for k in ("resource_class", "class_item", "class_catalog")
    )
    open_text = yes if entry.get("open_to_public") else no
    if entry.get("open_to_public") and entry.get("open_conditions"):
        open_text += f"（{entry['open_conditions']}）"
    return {
        "name": str(entry.get("name", "")),
        "code": str(entry.get("resource_code") or ""),
        "provider": str(entry.get("department_name", "")),
        "providerCode": str(entry.get("provider_code", "")),
        "class": f"{label_of(ResourceClass, entry.get('resource_class'))}（{klass}）",
        "summary": str(entry.get("summary", "")),
        "format": f"{label_of(FormatClass, entry.get('format_class'))} / "
        f"{format_type_label(str(entry.get('format_type') or ''))}",
        "shareType": label_of(ShareType, entry.get("share_type")),
        "conditions": str(entry.get("share_conditions") or "—"),
        "scope": str(entry.get("share_scope") or "—"),
        "mode": label_of(ShareMode, entry.get("share_mode")),
        "open": open_text,
        "cycle": label_of(UpdateCycle, entry.get("update_cycle")),
        "published": str(entry.get("published_on") or ""),
        "related": "、".join(entry.get("related_codes") or []) or "—",
    }
