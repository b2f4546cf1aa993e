"""What a department's scorecard shows, without widgets (ScorecardOut as the platform sent it):
the indicators' rows (label, value formatted by its unit — ratios as percentages, counts, working
days —, score, article, the formula as tooltip, weak ones flagged), the result line, the
suggestions, the adjustment and the explanations (申辩), and the charts' points.

Nothing here computes an indicator: the definitions (label, formula, article, unit) come from
govshare_core.assessment.INDICATORS, every value and score from the platform.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication

from govshare_core.assessment import INDICATOR_BY_CODE, Group, IndicatorDef
from govshare_desktop.assessment.presenter import (
    NO_DATA,
    adjusted_tooltip,
    grade_colour,
    grade_text,
    group_label,
    is_adjusted,
    period_label,
    score_text,
)
from govshare_desktop.common.paged_model import Column, Row
from govshare_desktop.i18n import english, time_text

__all__ = ["NO_DATA"]


def definition(code: str) -> IndicatorDef | None:
    return INDICATOR_BY_CODE.get(code)


def indicator_label(code: str) -> str:
    d = definition(code)
    if d is None:
        return code
    return d.label_en if english() else d.label_zh


def formula(code: str) -> str:
    d = definition(code)
    if d is None:
        return ""
    return d.formula_en if english() else d.formula_zh


def value_text(code: str, value: Any, numerator: Any = None, denominator: Any = None) -> str:
    """A measured value by its unit: a ratio as a percentage (with its fraction), a count, or
    working days; "—" when the department has nothing to measure."""
    if value is None:
        return NO_DATA
    d = definition(code)
    unit = d.unit if d else "count"
    number = float(value)
    if unit == "ratio":
        text = f"{100 * number:.1f}%"
        if numerator is not None and denominator:
            text += f"（{_plain(numerator)}/{_plain(denominator)}）"
        return text
    if unit == "days":
        return QCoreApplication.translate("AssessmentPage", "%1 个工作日").replace(
            "%1", _plain(number)
        )
    return _plain(number)


def _plain(number: Any) -> str:
    value = float(number)
    return str(int(value)) if value.is_integer() else f"{value:.1f}"


def indicator_rows(indicators: Iterable[Mapping[str, Any]]) -> list[Row]:
    """The scorecard's table rows, in INDICATORS order as the platform sends them: group,
    label, value, score, article, and the formula (tooltip) and weakness."""
    rows: list[Row] = []
    for item in indicators:
        code = str(item.get("code"))
        d = definition(code)
        rows.append(
            {
                "code": code,
                "group": group_label(d.group.value) if d else "",
                "label": indicator_label(code),
                "value": value_text(
                    code, item.get("value"), item.get("numerator"), item.get("denominator")
                ),
                "score": score_text(item.get("score")) if (d is None or d.scored) else "",
                "article": d.article if d else "",
                "formula": formula(code),
                "weak": bool(item.get("weak")),
                "scored": bool(d.scored) if d else False,
            }
        )
    return rows


def indicator_columns() -> list[Column]:
    """分组, 指标, 数值, 得分, 依据 (the formula is each row's tooltip)."""
    tip = lambda r: str(r.get("formula") or "")  # noqa: E731
    return [
        Column("group", QCoreApplication.translate("AssessmentPage", "分组"), tooltip=tip),
        Column("label", QCoreApplication.translate("AssessmentPage", "指标"), tooltip=tip),
        Column("value", QCoreApplication.translate("AssessmentPage", "数值"), tooltip=tip),
        Column("score", QCoreApplication.translate("AssessmentPage", "得分"), tooltip=tip),
        Column("article", QCoreApplication.translate("AssessmentPage", "依据"), tooltip=tip),
    ]


def scorecard_header(card: Mapping[str, Any]) -> str:
    """部门, 得分 (computed beside an adjusted one), 等级 in its colour, 排名."""
    result = card.get("result") or {}
    colour = grade_colour(result) or "#000000"
    total = (card.get("round") or {}).get("department_count") or "—"
    parts = [
        f"<b>{html.escape(str(result.get('department_name') or ''))}</b>",
        QCoreApplication.translate("AssessmentPage", "得分 %1").replace(
            "%1", score_text(result.get("score"))
        ),
        f"<span style='color:{colour}; font-weight:bold'>{html.escape(grade_text(result))}</span>",
        QCoreApplication.translate("AssessmentPage", "第 %1 名 / %2")
        .replace("%1", str(result.get("rank") or "—"))
        .replace("%2", str(total)),
    ]
    if is_adjusted(result):
        parts.insert(
            2,
            QCoreApplication.translate("AssessmentPage", "（计算得分 %1）").replace(
                "%1", score_text(result.get("computed_score"))
            ),
        )
    return " · ".join(parts)


def _h4(text: str) -> str:
    return f"<h4>{html.escape(text)}</h4>"


def _p(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def notes_html(card: Mapping[str, Any]) -> str:
    """改进建议 (one per weak indicator), 分数调整 (reason), 申辩 (the department's)."""
    result = card.get("result") or {}
    parts = [_h4(QCoreApplication.translate("AssessmentPage", "改进建议"))]
    suggestions = card.get("suggestions") or []
    if suggestions:
        text = "text_en" if english() else "text_zh"
        parts.append("<ol>")
        parts += [
            f"<li><b>{html.escape(indicator_label(str(s.get('indicator'))))}</b>："
            f"{_p(str(s.get(text) or ''))}</li>"
            for s in suggestions
        ]
        parts.append("</ol>")
    else:
        none = QCoreApplication.translate("AssessmentPage", "各项指标均未低于60分，暂无改进建议。")
        parts.append(f"<p>{html.escape(none)}</p>")
    if is_adjusted(result):
        parts.append(_h4(QCoreApplication.translate("AssessmentPage", "分数调整")))
        parts.append(f"<p>{_p(adjusted_tooltip(result))}</p>")
    parts.append(_h4(QCoreApplication.translate("AssessmentPage", "申辩")))
    explanations = card.get("explanations") or []
    if not explanations:
        none = QCoreApplication.translate("AssessmentPage", "暂无申辩。")
        parts.append(f"<p>{html.escape(none)}</p>")
    for item in explanations:
        who = f"{time_text(item.get('at'))} {item.get('by_name') or ''}"
        parts.append(f"<p><b>{html.escape(who)}</b><br>{_p(str(item.get('text') or ''))}</p>")
    return "".join(parts)


def trend_points(card: Mapping[str, Any]) -> list[tuple[str, float]]:
    """(period label, score) of the department over past published rounds and this one."""
    out = []
    for point in card.get("trend") or []:
        out.append((period_label(point), float(point.get("score") or 0.0)))
    return out


def group_bars(result: Mapping[str, Any]) -> list[tuple[str, float | None]]:
    """(group label, score) of this round, in group order (None: no data)."""
    scores = result.get("group_scores") or {}
    return [(group_label(g.value), scores.get(g.value)) for g in Group]
