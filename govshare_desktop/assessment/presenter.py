"""What the assessment page shows, without widgets: the columns of the rounds list and of the
ranking, indicator values formatted by their unit, the scorecard's texts, and the titles and
outcome lines of the actions (考核评估, 第三十四条).

Nothing here computes an indicator: values, scores, grades and ranks are the platform's
(govshare_core.assessment.score_round); the definitions (label, formula, article, unit) and the
grade colours come from govshare_core.assessment. Which actions a user may take comes from the
round's `actions` (the server decides). Sentences go through Qt's translation (context
"AssessmentPage").
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from functools import partial
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from govshare_core.assessment import (
    Grade,
    Group,
    Period,
    PeriodKind,
    RoundStatus,
)
from govshare_desktop.common.paged_model import Column, Row
from govshare_desktop.i18n import english, label, label_of, module_tr, time_text

CONTEXT = "AssessmentPage"
NO_DATA = "—"


def tr(text: str) -> str:
    return module_tr(CONTEXT, text)


# --- rounds -----------------------------------------------------------------------------------


def round_title(row: Mapping[str, Any]) -> str:
    """The round's title, or its period's label."""
    return str(row.get("title") or period_label(row))


def period_label(row: Mapping[str, Any]) -> str:
    try:
        period = Period.parse(str(row.get("period") or ""))
    except ValueError:
        return str(row.get("period_label") or row.get("period") or "")
    return period.label_en if english() else period.label_zh


def status_text(row: Mapping[str, Any]) -> str:
    return label_of(RoundStatus, row.get("status"))


def round_columns() -> list[Column]:
    """考核期, 状态, 计算时间, 部门数."""
    return [
        Column(
            "period",
            QCoreApplication.translate("AssessmentPage", "考核期"),
            period_label,
            tooltip=round_title,
            sort_key=_period_key,
        ),
        Column("status", QCoreApplication.translate("AssessmentPage", "状态"), status_text),
        Column(
            "computed_at",
            QCoreApplication.translate("AssessmentPage", "计算时间"),
            lambda r: time_text(r.get("computed_at"))[:10],  # the day; the time in the tooltip
            tooltip=lambda r: time_text(r.get("computed_at")),
        ),
        Column("department_count", QCoreApplication.translate("AssessmentPage", "部门数")),
    ]


def _period_key(row: Row) -> str:
    return str(row.get("starts") or row.get("period") or "")


def is_draft(row: Mapping[str, Any] | None) -> bool:
    return row is not None and row.get("status") == RoundStatus.DRAFT


def round_summary(row: Mapping[str, Any]) -> str:
    """The round's header line: title, status, the data's day, who computed and published."""
    parts = [
        f"<b>{html.escape(round_title(row))}</b>",
        f"{html.escape(status_text(row))}",
        QCoreApplication.translate("AssessmentPage", "数据截至 %1").replace(
            "%1", str(row.get("asof") or "")
        ),
        QCoreApplication.translate("AssessmentPage", "%1 计算（%2）")
        .replace("%1", time_text(row.get("computed_at")))
        .replace("%2", html.escape(str(row.get("computed_by_name") or ""))),
    ]
    if row.get("published_at"):
        parts.append(
            QCoreApplication.translate("AssessmentPage", "%1 发布（%2）")
            .replace("%1", time_text(row.get("published_at")))
            .replace("%2", html.escape(str(row.get("published_by_name") or "")))
        )
    parts.append(
        QCoreApplication.translate("AssessmentPage", "%1 个部门").replace(
            "%1", str(row.get("department_count") or 0)
        )
    )
    if row.get("explanation_count"):
        parts.append(
            QCoreApplication.translate("AssessmentPage", "申辩 %1 条").replace(
                "%1", str(row["explanation_count"])
            )
        )
    if row.get("provisional"):
        parts.append(QCoreApplication.translate("AssessmentPage", "工作日安排暂定"))
    return " · ".join(parts)


def period_kinds() -> list[tuple[str, PeriodKind]]:
    """The period picker's kinds: 年度, 季度, 月度."""
    return [(label(k), k) for k in (PeriodKind.YEAR, PeriodKind.QUARTER, PeriodKind.MONTH)]


def period_numbers(kind: PeriodKind) -> list[tuple[str, int]]:
    """The picker's second choice: the quarters or months (none for a year)."""
    if kind is PeriodKind.QUARTER:
        return [
            (Period(kind, 2026, n).label_en if english() else f"第{'一二三四'[n - 1]}季度", n)
            for n in range(1, 5)
        ]
    if kind is PeriodKind.MONTH:
        return [(f"{n:02d}" if english() else f"{n}月", n) for n in range(1, 13)]
    return []


def default_period(today_: Any) -> Period:
    """The picker's first choice: the last quarter that has ended."""
    return Period(PeriodKind.QUARTER, today_.year, (today_.month - 1) // 3 + 1).previous()


# --- the ranking ------------------------------------------------------------------------------


def group_label(group: str) -> str:
    return label_of(Group, group)


def score_text(value: Any) -> str:
    return NO_DATA if value is None else f"{float(value):.2f}"


def is_adjusted(row: Mapping[str, Any]) -> bool:
    return row.get("adjusted_score") is not None


def effective_score_text(row: Mapping[str, Any]) -> str:
    """The effective score, marked when the supervisor adjusted it."""
    text = score_text(row.get("score"))
    marker = QCoreApplication.translate("AssessmentPage", "（调）")
    return f"{text} {marker}" if is_adjusted(row) else text


def adjusted_tooltip(row: Mapping[str, Any]) -> str:
    if not is_adjusted(row):
        return ""
    return (
        QCoreApplication.translate("AssessmentPage", "计算得分 %1，调整为 %2（%3）：%4")
        .replace("%1", score_text(row.get("computed_score")))
        .replace("%2", score_text(row.get("adjusted_score")))
        .replace("%3", str(row.get("adjusted_by_name") or ""))
        .replace("%4", str(row.get("adjust_reason") or ""))
    )


def grade_text(row: Mapping[str, Any]) -> str:
    return label_of(Grade, row.get("grade"))


def grade_colour(row: Mapping[str, Any]) -> str | None:
    try:
        return Grade(str(row.get("grade"))).colour
    except ValueError:
        return None


RANK, DEPARTMENT, SCORE, GRADE = 0, 1, 2, 3
"""The fixed columns of the ranking; the group scores and 申辩 follow."""


def ranking_columns() -> list[Column]:
    """排名, 部门, 得分 (adjusted marked), 等级, the seven group scores, 申辩."""
    columns = [
        Column("rank", QCoreApplication.translate("AssessmentPage", "排名")),
        Column(
            "department_name",
            QCoreApplication.translate("AssessmentPage", "部门"),
            tooltip=lambda r: str(r.get("department_name")),
        ),
        Column(
            "score",
            QCoreApplication.translate("AssessmentPage", "得分"),
            effective_score_text,
            tooltip=adjusted_tooltip,
            sort_key=lambda r: float(r.get("score") or 0),
        ),
        Column(
            "grade",
            QCoreApplication.translate("AssessmentPage", "等级"),
            grade_text,
            sort_key=lambda r: -float(r.get("score") or 0),
        ),
    ]
    for group in Group:
        columns.append(
            Column(
                f"group:{group.value}",
                group_label(group.value),
                partial(_group_text, group.value),
                sort_key=partial(_group_score, group.value),
            )
        )
    columns.append(
        Column("explanation_count", QCoreApplication.translate("AssessmentPage", "申辩"))
    )
    return columns


def _group_score(group: str, row: Row) -> float | None:
    value = (row.get("group_scores") or {}).get(group)
    return None if value is None else float(value)


def _group_text(group: str, row: Row) -> str:
    return score_text(_group_score(group, row))


# --- actions ----------------------------------------------------------------------------------

ACTIONS: dict[str, Any] = {
    "recompute": QT_TRANSLATE_NOOP("AssessmentPage", "重新计算"),
    "publish": QT_TRANSLATE_NOOP("AssessmentPage", "发布"),
    "adjust": QT_TRANSLATE_NOOP("AssessmentPage", "调整分数…"),
    "explain": QT_TRANSLATE_NOOP("AssessmentPage", "提交申辩…"),
    "open": QT_TRANSLATE_NOOP("AssessmentPage", "新建考核"),
}
CONFIRM: dict[str, Any] = {
    "recompute": QT_TRANSLATE_NOOP(
        "AssessmentPage", "按平台现有数据重新计算本轮考核（替换初稿中的得分，分数调整需重新核对）"
    ),
    "publish": QT_TRANSLATE_NOOP(
        "AssessmentPage", "发布本轮考核结果，向所有部门公布（第三十四条），发布后不能再修改"
    ),
}


def action_text(action: str) -> str:
    return tr(str(ACTIONS.get(action, action))).rstrip("…")


def no_result_text(row: Mapping[str, Any]) -> str:
    """Why a round shows no result to the user: a draft shows a department only its own."""
    if is_draft(row):
        return QCoreApplication.translate(
            "AssessmentPage",
            "本轮考核尚未发布：各部门只能查看本部门的结果，本部门不在本轮考核范围内。",
        )
    return QCoreApplication.translate("AssessmentPage", "本轮考核没有考核结果。")


def may_adjust(row: Mapping[str, Any] | None) -> bool:
    """The supervisor, while the round is a draft (the round's `actions`: the server says)."""
    return row is not None and "adjust" in (row.get("actions") or [])


def may_explain(row: Mapping[str, Any] | None, own: bool) -> bool:
    """The assessed department's resource admin, on its own scorecard, while a draft."""
    return row is not None and own and "explain" in (row.get("actions") or [])


def done_text(action: str, row: Mapping[str, Any], department: str = "") -> str:
    texts = {
        "open": QCoreApplication.translate("AssessmentPage", "已新建考核：%1，已按平台数据计算。"),
        "recompute": QCoreApplication.translate("AssessmentPage", "已重新计算：%1。"),
        "publish": QCoreApplication.translate("AssessmentPage", "已发布：%1，结果向所有部门公布。"),
        "adjust": QCoreApplication.translate("AssessmentPage", "已调整 %2 的得分：%1。"),
        "explain": QCoreApplication.translate("AssessmentPage", "已提交 %2 的申辩：%1。"),
    }
    return texts.get(action, "%1").replace("%1", round_title(row)).replace("%2", department)


def conflict_text() -> str:
    return QCoreApplication.translate(
        "AssessmentPage",
        "本轮考核已被他人更新（重新计算、调整或发布），您的操作未提交。"
        "已重新加载最新数据，请核对后重试。",
    )


def refused_text(message: str) -> str:
    return QCoreApplication.translate(
        "AssessmentPage", "操作未完成：%1 已重新加载最新数据。"
    ).replace("%1", message)
