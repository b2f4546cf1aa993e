"""What the usage pages show, without widgets: the side and status filters, the list columns,
the detail texts, and the titles of the actions of usage inquiries (使用情况询问, 第二十二条) and
discrepancy reports (数据异议, 第二十条).

Which actions a user may take comes from the platform's `actions` list of each item (the
server decides; govshare_core.usage's state machines say the same). Sentences go through Qt's
translation (context "UsagePages").
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from govshare_core.usage import DiscrepancyStatus, InquiryStatus
from govshare_core.vocab import Role
from govshare_desktop.common.deadlines import deadline, deadline_column, deadline_text
from govshare_desktop.common.paged_model import Column, Row
from govshare_desktop.common.tables import Capped, Fit, Plan, Stretch
from govshare_desktop.i18n import label, label_of, time_text

CONTEXT = "UsagePages"
DEPARTMENT_WIDTH = 200


def translated(text: str) -> str:
    """A text marked with QT_TRANSLATE_NOOP("UsagePages", …), translated now."""
    return QCoreApplication.translate(CONTEXT, text)


@dataclass(frozen=True)
class Side:
    """A choice of the side filter: its title and the platform's `side` value."""

    title: str
    value: str


def inquiry_sides(roles: Iterable[str]) -> list[Side]:
    """我发出的 (a provider's resource admin asks), 我收到的 (the consumer answers); the platform
    admin: 全部."""
    held = set(roles)
    sides = []
    if Role.RESOURCE_ADMIN in held:
        sides.append(Side(QCoreApplication.translate("UsagePages", "我发出的"), "asked"))
    if held & {Role.RESOURCE_ADMIN, Role.APPLICANT}:
        sides.append(Side(QCoreApplication.translate("UsagePages", "我收到的"), "received"))
    if Role.PLATFORM_ADMIN in held:
        sides.append(Side(QCoreApplication.translate("UsagePages", "全部"), "all"))
    return sides


def discrepancy_sides(roles: Iterable[str]) -> list[Side]:
    """我提出的 (the consumer reports), 针对我方的 (the provider answers); platform admin: 全部."""
    held = set(roles)
    sides = []
    if held & {Role.RESOURCE_ADMIN, Role.APPLICANT}:
        sides.append(Side(QCoreApplication.translate("UsagePages", "我提出的"), "reported"))
    if Role.RESOURCE_ADMIN in held:
        sides.append(Side(QCoreApplication.translate("UsagePages", "针对我方的"), "received"))
    if Role.PLATFORM_ADMIN in held:
        sides.append(Side(QCoreApplication.translate("UsagePages", "全部"), "all"))
    return sides


def status_choices(statuses: Iterable[Any]) -> list[tuple[str, dict[str, Any]]]:
    """(title, query) of the status filter: 全部状态, each status, 已超期."""
    out: list[tuple[str, dict[str, Any]]] = [
        (QCoreApplication.translate("UsagePages", "全部状态"), {})
    ]
    out += [(label(s), {"status": s.value}) for s in statuses]
    out.append((QCoreApplication.translate("UsagePages", "已超期"), {"overdue": True}))
    return out


def counterpart_column(side: str, *, provider_sides: tuple[str, ...]) -> Column:
    """对方部门: the consumer on the provider's sides, the provider on the consumer's; on 全部
    (the platform admin) both, "provider → consumer"."""
    if side == "all":

        def both(row: Row) -> str:
            provider = row.get("provider_department_name") or ""
            return f"{provider} → {row.get('consumer_department_name') or ''}"

        return Column(
            "provider_department_name",
            QCoreApplication.translate("UsagePages", "提供部门 → 使用部门"),
            both,
            tooltip=both,
        )
    key = "consumer_department_name" if side in provider_sides else "provider_department_name"
    return Column(
        key,
        QCoreApplication.translate("UsagePages", "对方部门"),
        tooltip=lambda r: str(r.get(key) or ""),
    )


def _due(row: Row) -> str:
    return deadline(row) if row.get("due") else "—"


def _due_tooltip(row: Row) -> str:
    if row.get("due_provisional"):
        return QCoreApplication.translate("UsagePages", "本年度的工作日安排尚未公布，期限为暂定。")
    return ""


def _columns(status_enum: Any, department: Column, when: str, title: str) -> list[Column]:
    due = deadline_column("due", QCoreApplication.translate("UsagePages", "答复期限"))
    return [
        Column(
            "entry_name",
            QCoreApplication.translate("UsagePages", "信息资源"),
            tooltip=lambda r: str(r.get("entry_name") or ""),
        ),
        department,
        Column(when, title, lambda r: time_text(r.get(when))),
        Column("due", due.title, _due, tooltip=_due_tooltip, sort_key=due.sort_key),
        Column(
            "status",
            QCoreApplication.translate("UsagePages", "状态"),
            lambda r: label_of(status_enum, r.get("status")),
        ),
    ]


def inquiry_columns(side: str) -> list[Column]:
    """信息资源, the counterpart department, 询问时间, 答复期限 (working days left), 状态."""
    department = counterpart_column(side, provider_sides=("asked",))
    return _columns(
        InquiryStatus, department, "asked_at", QCoreApplication.translate("UsagePages", "询问时间")
    )


def discrepancy_columns(side: str) -> list[Column]:
    """信息资源, the counterpart department, 提出时间, 答复期限 (working days left), 状态."""
    department = counterpart_column(side, provider_sides=("received",))
    return _columns(
        DiscrepancyStatus,
        department,
        "reported_at",
        QCoreApplication.translate("UsagePages", "提出时间"),
    )


def column_plans(status_enum: Any) -> list[Plan]:
    return [
        Stretch(),
        Capped(DEPARTMENT_WIDTH),
        Fit(["2026-12-31 23:59"]),
        Fit([deadline_text("2026-12-31", -10)]),
        Fit([label(s) for s in status_enum]),
    ]


def is_overdue(row: Mapping[str, Any]) -> bool:
    return bool(row.get("overdue"))


# --- actions -----------------------------------------------------------------------------------

INQUIRY_ACTIONS: dict[str, Any] = {
    "answer": QT_TRANSLATE_NOOP("UsagePages", "答复…"),
    "withdraw": QT_TRANSLATE_NOOP("UsagePages", "撤回"),
}
DISCREPANCY_ACTIONS: dict[str, Any] = {
    "correct": QT_TRANSLATE_NOOP("UsagePages", "更正…"),
    "explain": QT_TRANSLATE_NOOP("UsagePages", "说明…"),
    "accept": QT_TRANSLATE_NOOP("UsagePages", "接受"),
    "dispute": QT_TRANSLATE_NOOP("UsagePages", "申请协调…"),
    "withdraw": QT_TRANSLATE_NOOP("UsagePages", "撤回"),
    "uphold": QT_TRANSLATE_NOOP("UsagePages", "维持…"),
    "order_correction": QT_TRANSLATE_NOOP("UsagePages", "责令更正…"),
}
"""Button texts, in the order the buttons stand (shown only for the item's `actions`)."""

REASON_PROMPTS: dict[str, Any] = {
    "answer": QT_TRANSLATE_NOOP(
        "UsagePages", "请说明本部门使用该共享信息的情况（用途、范围、安全措施等，第二十二条）："
    ),
    "explain": QT_TRANSLATE_NOOP("UsagePages", "请说明经核实数据无误的理由（第二十条）："),
    "dispute": QT_TRANSLATE_NOOP(
        "UsagePages", "对提供部门的答复有异议的，可申请信息化主管部门协调（第二十条）。请说明理由："
    ),
    "uphold": QT_TRANSLATE_NOOP("UsagePages", "维持提供部门的答复、办结该异议。请说明理由："),
    "order_correction": QT_TRANSLATE_NOOP(
        "UsagePages", "责令提供部门重新核实更正（重新计算答复期限）。请说明理由："
    ),
}
"""The reason dialog's prompt of each action whose transition needs_reason."""

CONFIRMED = ("withdraw", "accept")
"""Actions without a body: confirmed first."""


CREATES: dict[str, Any] = {
    "ask": QT_TRANSLATE_NOOP("UsagePages", "新建询问"),
    "report": QT_TRANSLATE_NOOP("UsagePages", "提出异议"),
}


def action_text(table: Mapping[str, Any], action: str) -> str:
    return translated(str(table.get(action) or CREATES.get(action) or action)).rstrip("…")


def done_text(kind: str, action: str, row: Mapping[str, Any]) -> str:
    """The outcome line after an action the platform took."""
    enum: Any = InquiryStatus if kind == "inquiry" else DiscrepancyStatus
    return (
        QCoreApplication.translate("UsagePages", "已办理：%1（%2），当前状态：%3。")
        .replace("%1", str(row.get("entry_name") or ""))
        .replace(
            "%2", action_text(INQUIRY_ACTIONS if kind == "inquiry" else DISCREPANCY_ACTIONS, action)
        )
        .replace("%3", label_of(enum, row.get("status")))
    )


# --- the detail ----------------------------------------------------------------------------------


def _p(title: str, value: Any) -> str:
    text = html.escape(str(value)).replace("\n", "<br>") if value not in (None, "") else "—"
    return f"<p><b>{html.escape(title)}</b>：{text}</p>"


def inquiry_detail(row: Mapping[str, Any]) -> str:
    """The inquiry as rich text: who asked whom about what, by when, and the answer."""
    parts = [
        f"<h3>{html.escape(str(row.get('entry_name') or ''))}</h3>",
        _p(
            QCoreApplication.translate("UsagePages", "提供部门"),
            row.get("provider_department_name"),
        ),
        _p(
            QCoreApplication.translate("UsagePages", "使用部门"),
            row.get("consumer_department_name"),
        ),
        _p(
            QCoreApplication.translate("UsagePages", "询问人"),
            f"{row.get('asked_by_name') or ''}  {time_text(row.get('asked_at'))}",
        ),
        _p(QCoreApplication.translate("UsagePages", "答复期限"), _due(dict(row))),
        _p(
            QCoreApplication.translate("UsagePages", "状态"),
            label_of(InquiryStatus, row.get("status")),
        ),
        _p(QCoreApplication.translate("UsagePages", "询问内容"), row.get("question")),
    ]
    if row.get("answer"):
        who = f"{row.get('answered_by_name') or ''}  {time_text(row.get('answered_at'))}"
        parts += [
            _p(QCoreApplication.translate("UsagePages", "答复人"), who),
            _p(QCoreApplication.translate("UsagePages", "答复内容"), row.get("answer")),
        ]
    return "".join(parts)


def discrepancy_detail(row: Mapping[str, Any]) -> str:
    """The report as rich text: what was found where, the evidence, the answer, the history."""
    keys = row.get("keys") or []
    evidence = row.get("evidence_filename")
    if evidence:
        evidence = f"{evidence}（{_size(row.get('evidence_size'))}）"
    parts = [
        f"<h3>{html.escape(str(row.get('entry_name') or ''))}</h3>",
        _p(
            QCoreApplication.translate("UsagePages", "提出部门"),
            row.get("consumer_department_name"),
        ),
        _p(
            QCoreApplication.translate("UsagePages", "提供部门"),
            row.get("provider_department_name"),
        ),
        _p(
            QCoreApplication.translate("UsagePages", "提出人"),
            f"{row.get('reported_by_name') or ''}  {time_text(row.get('reported_at'))}",
        ),
        _p(
            QCoreApplication.translate("UsagePages", "状态"),
            label_of(DiscrepancyStatus, row.get("status")),
        ),
        _p(QCoreApplication.translate("UsagePages", "答复期限"), _due(dict(row))),
        _p(QCoreApplication.translate("UsagePages", "交付批次"), row.get("delivery_id")),
        _p(QCoreApplication.translate("UsagePages", "信息项"), row.get("data_item")),
        _p(QCoreApplication.translate("UsagePages", "关键值"), "、".join(str(k) for k in keys)),
        _p(QCoreApplication.translate("UsagePages", "异议描述"), row.get("description")),
        _p(QCoreApplication.translate("UsagePages", "证据材料"), evidence),
    ]
    if row.get("correction_delivery_id"):
        parts.append(
            _p(
                QCoreApplication.translate("UsagePages", "更正交付批次"),
                row.get("correction_delivery_id"),
            )
        )
    if row.get("answer"):
        parts.append(
            _p(QCoreApplication.translate("UsagePages", "提供部门说明"), row.get("answer"))
        )
    history = row.get("history") or []
    if history:
        parts.append(
            f"<p><b>{html.escape(QCoreApplication.translate('UsagePages', '办理过程'))}</b></p><ol>"
        )
        parts += [f"<li>{html.escape(event_text(e))}</li>" for e in history]
        parts.append("</ol>")
    return "".join(parts)


def event_text(event: Mapping[str, Any]) -> str:
    """One step of the history: "2026-03-02 10:00 张三（某局）：说明 → 已说明：理由"."""
    action = str(event.get("action") or "")
    title = action_text(DISCREPANCY_ACTIONS, action) if action in DISCREPANCY_ACTIONS else ""
    title = title or (
        QCoreApplication.translate("UsagePages", "提出异议")
        if action in ("report", "reported")
        else action
    )
    text = (
        f"{time_text(event.get('at'))} {event.get('by_name') or ''}"
        f"（{event.get('department_name') or ''}）：{title} → "
        f"{label_of(DiscrepancyStatus, event.get('status'))}"
    )
    if event.get("delivery_id"):
        text += QCoreApplication.translate("UsagePages", "（交付批次 %1）").replace(
            "%1", str(event["delivery_id"])
        )
    if event.get("reason"):
        text += f"：{event['reason']}"
    return text


def _size(size: Any) -> str:
    if size is None:
        return "—"
    n = int(size)
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{max(n // 1024, 1)} KB"


def split_keys(text: str) -> list[str]:
    """Keys one per line (blank lines dropped)."""
    return [line.strip() for line in text.splitlines() if line.strip()]
