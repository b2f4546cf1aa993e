"""The 待办 (to-do) home page without widgets: which inbox rows a user sees, and their texts.

Deadlines are in working days (第二十七条); `working_days_left` comes from the platform
(negative = overdue); `due_provisional` marks deadlines beyond the holiday calendar's data.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject

from govshare_core.agreements import AgreementStatus
from govshare_core.assessment import RectificationStatus, RoundStatus
from govshare_core.separation import AdminTodo, AdminTodoState
from govshare_core.usage import DiscrepancyStatus, InquiryStatus
from govshare_core.vocab import (
    ChangeReportStatus,
    EntryStatus,
    GrantStatus,
    RequestStatus,
    UpdateCycle,
)
from govshare_core.workdays import YearSchedule
from govshare_desktop import i18n

CONTEXT = "InboxPresenter"

KIND_LABELS: dict[str, object] = {
    "entry_returned": QT_TRANSLATE_NOOP("InboxPresenter", "目录被退回修改"),
    "entry_review": QT_TRANSLATE_NOOP("InboxPresenter", "目录待审核"),
    "entry_confirm": QT_TRANSLATE_NOOP("InboxPresenter", "目录待确认发布"),
    "change_report": QT_TRANSLATE_NOOP("InboxPresenter", "关键要素变更报告"),
    "request_decide": QT_TRANSLATE_NOOP("InboxPresenter", "共享申请待审核"),
    "request_platform_decide": QT_TRANSLATE_NOOP("InboxPresenter", "共享申请待复核"),
    "request_overdue": QT_TRANSLATE_NOOP("InboxPresenter", "共享申请逾期未办"),
    "dispute": QT_TRANSLATE_NOOP("InboxPresenter", "共享争议待协调"),
    "request_rejected": QT_TRANSLATE_NOOP("InboxPresenter", "共享申请被驳回"),
    "agreement_sign": QT_TRANSLATE_NOOP("InboxPresenter", "待签保密协议"),
    "grant_expiring": QT_TRANSLATE_NOOP("InboxPresenter", "授权即将到期"),
    "delivery_due": QT_TRANSLATE_NOOP("InboxPresenter", "数据待交付"),
    "inquiry_answer": QT_TRANSLATE_NOOP("InboxPresenter", "使用情况询问待答复"),
    "inquiry_overdue": QT_TRANSLATE_NOOP("InboxPresenter", "使用情况询问逾期未答复"),
    "discrepancy_answer": QT_TRANSLATE_NOOP("InboxPresenter", "数据异议待核实"),
    "discrepancy_review": QT_TRANSLATE_NOOP("InboxPresenter", "数据异议待确认"),
    "discrepancy_arbitrate": QT_TRANSLATE_NOOP("InboxPresenter", "数据异议待协调"),
    "assessment_explain": QT_TRANSLATE_NOOP("InboxPresenter", "考核结果待确认"),
    "assessment_explanation": QT_TRANSLATE_NOOP("InboxPresenter", "考核申辩待查阅"),
    "rectification_todo": QT_TRANSLATE_NOOP("InboxPresenter", "整改通知待办理"),
    "rectification_review": QT_TRANSLATE_NOOP("InboxPresenter", "整改情况待验收"),
    "rectification_overdue": QT_TRANSLATE_NOOP("InboxPresenter", "整改通知逾期未办"),
    "calendar_confirm": QT_TRANSLATE_NOOP("InboxPresenter", "工作日安排待确认"),
}

_STATE_ENUMS: dict[str, Any] = {
    "entry": EntryStatus,
    "change": ChangeReportStatus,
    "request": RequestStatus,
    "dispute": RequestStatus,
    "agreement": AgreementStatus,
    "grant": GrantStatus,
    "delivery": UpdateCycle,  # a delivery due: its state is the entry's 更新周期
    "inquiry": InquiryStatus,
    "discrepancy": DiscrepancyStatus,
    "assessment": RoundStatus,
    "rectification": RectificationStatus,
    "calendar": YearSchedule,  # a year's working days to confirm: its schedule (暂定)
}


class InboxPlurals(QObject):
    """Plural texts: pyside6-lupdate marks numerus forms only in a QObject's self.tr()."""

    def overdue(self, n: int) -> str:
        return self.tr("逾期 %n 个工作日", None, n)

    def left(self, n: int) -> str:
        return self.tr("剩余 %n 个工作日", None, n)


_PLURALS: list[InboxPlurals] = []


def _plurals() -> InboxPlurals:
    if not _PLURALS:
        _PLURALS.append(InboxPlurals())
    return _PLURALS[0]


def actionable(
    items: Iterable[dict[str, Any]], can_act: Callable[[str], bool] | None
) -> list[dict[str, Any]]:
    """The items the user can act on (`can_act(kind)`, the shell's rule: shell/pages.py): the
    platform may list more (an applicant's request waiting for the agreement, 第三十条, is the
    platform's to-do, not the applicant's)."""
    if can_act is None:
        return list(items)
    return [i for i in items if can_act(str(i.get("kind", "")))]


def kind_text(kind: str) -> str:
    if kind in AdminTodo._value2member_map_:  # the security and audit admins' (core labels)
        return i18n.label(AdminTodo(kind))
    label = KIND_LABELS.get(kind)
    return QCoreApplication.translate(CONTEXT, str(label)) if label else kind


def state_text(kind: str, state: str) -> str:
    admin = kind in AdminTodo._value2member_map_
    enum = AdminTodoState if admin else _STATE_ENUMS.get(kind.split("_", 1)[0])
    try:
        return i18n.label(enum(state)) if enum else state
    except ValueError:
        return state


def due_text(item: dict[str, Any]) -> str:
    due = item.get("due")
    if not due:
        return "—"
    text = str(due)
    if item.get("due_provisional"):
        text += " " + QCoreApplication.translate("InboxPresenter", "（暂定）")
    return text


def days_left_text(item: dict[str, Any]) -> str:
    left = item.get("working_days_left")
    if left is None:
        return "—"
    if left < 0:
        return _plurals().overdue(-left)
    if left == 0:
        return QCoreApplication.translate("InboxPresenter", "今天到期")
    return _plurals().left(left)


def is_overdue(item: dict[str, Any]) -> bool:
    left = item.get("working_days_left")
    return bool(item.get("overdue")) or (left is not None and left < 0)


def provisional_tooltip() -> str:
    return QCoreApplication.translate(
        "InboxPresenter", "截止日期超出节假日数据的年份，按暂定工作日计算，以平台公布的日历为准。"
    )


def parse_due(item: dict[str, Any]) -> date | None:
    due = item.get("due")
    return date.fromisoformat(due) if isinstance(due, str) and due else None
