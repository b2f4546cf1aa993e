"""What the 整改 page shows, without widgets: the filters, the list columns, the detail of an
order, the titles of its actions, and the due date an order of n working days would get.

Rectification orders (督促纠正, 第三十六条): a supervisor issues one to a department citing the
item of 第三十六条 it breaches, the facts and a due date in working days; the department's
resource admin answers with the measures taken and evidence; the supervisor accepts or returns
it, or withdraws an order issued in error (govshare_core.assessment.RECTIFICATION). Which
actions a user may take comes from the platform's `actions` of each order. Sentences go through
Qt's translation (context "RectificationPage").
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from govshare_core.assessment import (
    RECTIFICATION_DUE_STATES,
    Article36Item,
    RectificationStatus,
)
from govshare_core.workdays import WorkdayCalendar, add_working_days
from govshare_desktop.common.deadlines import deadline_text
from govshare_desktop.common.paged_model import Column, Row
from govshare_desktop.common.tables import Fit, Plan, Stretch
from govshare_desktop.i18n import english, label, label_of, module_tr, time_text

CONTEXT = "RectificationPage"


def tr(text: str) -> str:
    return module_tr(CONTEXT, text)


# --- labels ------------------------------------------------------------------------------------


def item_short(code: Any) -> str:
    """ "第三十六条（三）" / "Art. 36 (3)"; the code itself when unknown."""
    try:
        item = Article36Item(str(code))
    except ValueError:
        return str(code or "")
    return f"Art. 36 ({item.value})" if english() else item.short_zh


def item_full(code: Any) -> str:
    """The cited item's full text (第三十六条第（三）项：…)."""
    try:
        return label(Article36Item(str(code)))
    except ValueError:
        return str(code or "")


def status_text(code: Any) -> str:
    return label_of(RectificationStatus, code)


# --- filters and columns -----------------------------------------------------------------------


def status_choices() -> list[tuple[str, dict[str, Any]]]:
    """(title, query) of the status filter: 全部状态, then each status."""
    out: list[tuple[str, dict[str, Any]]] = [
        (QCoreApplication.translate("RectificationPage", "全部状态"), {})
    ]
    out += [(label(s), {"status": s.value}) for s in RectificationStatus]
    return out


def due_text(row: Mapping[str, Any]) -> str:
    """ "2026-12-15（剩 3 个工作日）" while the department's deadline runs, "（超期 2 个工作日）"
    past it; the date alone in other states."""
    due = row.get("due")
    if not due:
        return "—"
    left = row.get("working_days_left")
    running = row.get("status") in RECTIFICATION_DUE_STATES
    return deadline_text(str(due), int(left) if running and left is not None else None)


def _due_tooltip(row: Row) -> str:
    if row.get("due_provisional"):
        return provisional_text()
    return ""


def provisional_text() -> str:
    return QCoreApplication.translate(
        "RectificationPage",
        "该年度的法定节假日安排尚未公布，期限按暂定工作日历计算，公布后可能调整。",
    )


def columns(*, supervisor: bool) -> list[Column]:
    """整改部门 (supervisors), 第三十六条, 状态, 整改期限 (days left; 逾期 red), 下发时间."""
    cols = [
        Column(
            "department_name",
            QCoreApplication.translate("RectificationPage", "整改部门"),
            tooltip=lambda r: str(r.get("department_name") or ""),
            server_sort=True,
        ),
        Column(
            "article_item",
            QCoreApplication.translate("RectificationPage", "第三十六条"),
            lambda r: item_short(r.get("article_item")),
            tooltip=lambda r: item_full(r.get("article_item")),
        ),
        Column(
            "status",
            QCoreApplication.translate("RectificationPage", "状态"),
            lambda r: status_text(r.get("status")),
        ),
        Column(
            "due",
            QCoreApplication.translate("RectificationPage", "整改期限"),
            due_text,
            tooltip=_due_tooltip,
            sort_key=lambda r: r.get("due"),
            server_sort=True,
        ),
        Column(
            "issued_at",
            QCoreApplication.translate("RectificationPage", "下发时间"),
            lambda r: time_text(r.get("issued_at")),
            server_sort=True,
        ),
    ]
    return cols if supervisor else cols[1:]


def plans(*, supervisor: bool) -> list[Plan]:
    fixed: list[Plan] = [
        Fit([item_short(i) for i in Article36Item]),
        Fit([label(s) for s in RectificationStatus]),
        Fit([deadline_text("2026-12-31", -10)]),
    ]
    if supervisor:
        return [Stretch(), *fixed, Fit(["2026-12-31 23:59"])]
    return [*fixed, Stretch()]


# --- actions -----------------------------------------------------------------------------------

ACTIONS: dict[str, Any] = {
    "answer": QT_TRANSLATE_NOOP("RectificationPage", "提交整改情况…"),
    "accept": QT_TRANSLATE_NOOP("RectificationPage", "验收通过"),
    "return": QT_TRANSLATE_NOOP("RectificationPage", "退回…"),
    "withdraw": QT_TRANSLATE_NOOP("RectificationPage", "撤销…"),
}
"""Button texts (source), in the order the buttons stand (shown for the order's `actions`)."""

PROMPTS: dict[str, Any] = {
    "return": QT_TRANSLATE_NOOP(
        "RectificationPage", "请说明整改措施不到位之处和需要补充的内容（第三十六条）："
    ),
    "withdraw": QT_TRANSLATE_NOOP("RectificationPage", "撤销误发的整改通知。请说明理由："),
}

EVENTS: dict[str, Any] = {
    "issue": QT_TRANSLATE_NOOP("RectificationPage", "下发整改通知"),
    "issued": QT_TRANSLATE_NOOP("RectificationPage", "下发整改通知"),
    "answer": QT_TRANSLATE_NOOP("RectificationPage", "提交整改情况"),
    "accept": QT_TRANSLATE_NOOP("RectificationPage", "验收通过"),
    "return": QT_TRANSLATE_NOOP("RectificationPage", "退回"),
    "withdraw": QT_TRANSLATE_NOOP("RectificationPage", "撤销"),
    "evidence": QT_TRANSLATE_NOOP("RectificationPage", "上传证据材料"),
}


def action_text(action: str) -> str:
    return tr(str(ACTIONS.get(action) or EVENTS.get(action) or action)).rstrip("…")


def done_text(action: str, row: Mapping[str, Any]) -> str:
    """The outcome line after an action the platform took."""
    return (
        QCoreApplication.translate("RectificationPage", "已办理：%1（%2），当前状态：%3。")
        .replace("%1", object_name(row))
        .replace("%2", action_text(action))
        .replace("%3", status_text(row.get("status")))
    )


def object_name(row: Mapping[str, Any]) -> str:
    """ "整改通知 #7（某局）"."""
    return (
        QCoreApplication.translate("RectificationPage", "整改通知 #%1（%2）")
        .replace("%1", str(row.get("id") or ""))
        .replace("%2", str(row.get("department_name") or ""))
    )


# --- the detail --------------------------------------------------------------------------------


def _p(title: str, value: Any) -> str:
    text = html.escape(str(value)).replace("\n", "<br>") if value not in (None, "") else "—"
    return f"<p><b>{html.escape(title)}</b>：{text}</p>"


def size_text(size: Any) -> str:
    if size is None:
        return "—"
    n = int(size)
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{max(n // 1024, 1)} KB"


def event_text(event: Mapping[str, Any]) -> str:
    """One step: "2026-12-01 10:00 张三：退回 → 退回重改：理由"."""
    text = (
        f"{time_text(event.get('at'))} {event.get('by_name') or ''}："
        f"{action_text(str(event.get('action') or ''))} → {status_text(event.get('status'))}"
    )
    if event.get("reason"):
        text += f"：{event['reason']}"
    return text


def detail_html(row: Mapping[str, Any]) -> str:
    """The order as rich text: whom, which item (its full text), the facts, the deadline, the
    department's measures and evidence, and the history."""
    due = due_text(row)
    if row.get("due_provisional"):
        due += QCoreApplication.translate("RectificationPage", "（暂定）")
    evidence = row.get("evidence_filename")
    if evidence:
        evidence = f"{evidence}（{size_text(row.get('evidence_size'))}）"
    parts = [
        f"<h3>{html.escape(object_name(row))}</h3>",
        _p(QCoreApplication.translate("RectificationPage", "整改部门"), row.get("department_name")),
        _p(QCoreApplication.translate("RectificationPage", "状态"), status_text(row.get("status"))),
        _p(
            QCoreApplication.translate("RectificationPage", "依据"),
            item_full(row.get("article_item")),
        ),
        _p(QCoreApplication.translate("RectificationPage", "问题事实"), row.get("facts")),
        _p(QCoreApplication.translate("RectificationPage", "整改期限"), due),
        _p(
            QCoreApplication.translate("RectificationPage", "下发"),
            f"{row.get('issued_by_name') or ''}  {time_text(row.get('issued_at'))}",
        ),
    ]
    if row.get("round_id"):
        parts.append(
            _p(QCoreApplication.translate("RectificationPage", "考核轮次"), row.get("round_id"))
        )
    parts += [
        _p(QCoreApplication.translate("RectificationPage", "整改措施"), row.get("measures")),
        _p(QCoreApplication.translate("RectificationPage", "证据材料"), evidence),
    ]
    if row.get("answered_at"):
        parts.append(
            _p(
                QCoreApplication.translate("RectificationPage", "提交时间"),
                time_text(row.get("answered_at")),
            )
        )
    if row.get("closed_at"):
        parts.append(
            _p(
                QCoreApplication.translate("RectificationPage", "办结时间"),
                time_text(row.get("closed_at")),
            )
        )
    events = row.get("events") or []
    if events:
        history = QCoreApplication.translate("RectificationPage", "办理过程")
        parts.append(f"<p><b>{html.escape(history)}</b></p><ol>")
        parts += [f"<li>{html.escape(event_text(e))}</li>" for e in events]
        parts.append("</ol>")
    return "".join(parts)


# --- the due date of a new order ---------------------------------------------------------------


@dataclass(frozen=True)
class DuePreview:
    due: date
    provisional: bool

    def text(self) -> str:
        out = QCoreApplication.translate("RectificationPage", "整改期限：%1").replace(
            "%1", self.due.isoformat()
        )
        if self.provisional:
            out += "\n" + provisional_text()
        return out


def due_preview(start: date, working_days: int, calendar: WorkdayCalendar) -> DuePreview:
    """The date `working_days` working days after `start` (the platform counts the same way:
    govshare_core.workdays), flagged provisional for a year without an official schedule."""
    due = add_working_days(start, working_days, calendar=calendar)
    years = range(start.year, due.year + 1)
    provisional = any(calendar.is_provisional(date(year, 1, 1)) for year in years)
    return DuePreview(due, provisional)
