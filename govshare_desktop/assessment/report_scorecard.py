"""One department's pages of the printed report: its score, grade and rank (with a supervisor's
adjustment beside the computed score), group scores, every indicator (value by its unit, score,
weak ones marked), its trend over past rounds, the improvement suggestions and its explanations
(申辩). Printed as the report data says: nothing here computes an indicator."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer, Table

from govshare_core.assessment import INDICATOR_BY_CODE, Group
from govshare_core.assessment_schemas import ScorecardOut
from govshare_desktop.assessment.report_charts import TrendBars
from govshare_desktop.assessment.report_sections import grid_table, header_row, plain_table
from govshare_desktop.assessment.report_style import (
    FRAME_W,
    MUTED,
    WEAK_FILL,
    WEAK_INK,
    day_text,
    grade_colour,
    grade_label,
    group_label,
    indicator_label,
    score_text,
    tint,
    value_text,
    word,
)
from govshare_desktop.assessment.report_text import cell_text, text


class Bookmark(Flowable):
    """An outline entry (PDF bookmark) at this point of the story; takes no room."""

    def __init__(self, key: str, title: str, level: int = 0) -> None:
        super().__init__()
        self.key, self.title, self.level = key, title, level
        self.width = self.height = 0

    def wrap(self, *_args: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.bookmarkPage(self.key)
        self.canv.addOutlineEntry(self.title, self.key, level=self.level, closed=True)


def scorecard(
    card: ScorecardOut, department_count: int, lang: str, *, outline_level: int = 1
) -> list[Flowable]:
    """The department's pages (starting on a new page)."""
    r = card.result
    title = f"{r.rank}. {r.department_name}"
    story: list[Flowable] = [
        PageBreak(),
        Bookmark(f"dept-{r.department_id}", title, level=outline_level),
        KeepTogether([text(r.department_name, "dept"), _headline(card, department_count, lang)]),
    ]
    if r.adjusted_score is not None:
        story.append(_adjustment(card, lang))
    story += [text(word("groups", lang), "h2"), _groups(card, lang)]
    story += [text(word("indicators", lang), "h2"), _indicators(card, lang)]
    story.append(KeepTogether([text(word("trend", lang), "h2"), _trend(card, lang)]))
    story += _headed(word("suggestions", lang), _suggestions(card, lang))
    story += _headed(word("explanations", lang), _explanations(card, lang))
    return story


def _headed(title: str, blocks: list[Flowable]) -> list[Flowable]:
    """A heading kept on the page of its first block (never alone at a page's foot)."""
    return [KeepTogether([text(title, "h2"), *blocks[:1]]), *blocks[1:]]


def _headline(card: ScorecardOut, department_count: int, lang: str) -> Table:
    r = card.result
    colour = grade_colour(r.grade)
    cells = [
        f"{word('score', lang)}：{r.score:.2f}（{word('score_of', lang)}）",
        f"{word('grade', lang)}：{grade_label(r.grade, lang)}",
        f"{word('rank', lang)}：{r.rank} / {department_count}",
    ]
    table = grid_table(
        [cells],
        [FRAME_W * 0.4, FRAME_W * 0.3, FRAME_W * 0.3],
        header_rows=0,
        zebra=False,
        extra=[
            ("FONTSIZE", (0, 0), (-1, -1), 10.5),
            ("LEADING", (0, 0), (-1, -1), 14),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ("BACKGROUND", (0, 0), (-1, -1), tint(colour, 0.08)),
            ("TEXTCOLOR", (1, 0), (1, 0), colour),
        ],
    )
    return table


def _adjustment(card: ScorecardOut, lang: str) -> Flowable:
    r = card.result
    line = (
        f"{word('computed_score', lang)}：{r.computed_score:.2f}；"
        f"{word('adjusted_to', lang)}：{score_text(r.adjusted_score, 2)}"
    )
    if r.adjusted_by_name:
        line += f"（{word('adjusted_by', lang)}：{r.adjusted_by_name}）"
    line += f"。{word('adjust_reason', lang)}：{r.adjust_reason or '—'}"
    return KeepTogether([Spacer(1, 2 * mm), text(line)])


def _groups(card: ScorecardOut, lang: str) -> Table:
    groups = list(Group)
    widths = [FRAME_W / len(groups)] * len(groups)
    rows = [
        header_row([group_label(g, lang) for g in groups], widths),
        [score_text(card.result.group_scores.get(g.value)) for g in groups],
    ]
    return grid_table(rows, widths, extra=[("ALIGN", (0, 1), (-1, -1), "CENTER")])


EMPTY: tuple[()] = ()
"""An empty table cell: no flowables, so the table draws no (empty) string there."""
INDICATOR_WIDTHS = [20 * mm, 46 * mm, 19 * mm, 0.0, 17 * mm, 14 * mm]
INDICATOR_WIDTHS[3] = FRAME_W - sum(INDICATOR_WIDTHS)


def _indicators(card: ScorecardOut, lang: str) -> Flowable:
    if not card.indicators:
        return text(word("no_indicators", lang))
    w = INDICATOR_WIDTHS
    keys = ("group", "indicator", "article", "value", "score", "assessment")
    rows: list[list[Any]] = [header_row([word(k, lang) for k in keys], w)]
    extra: list[tuple[Any, ...]] = [
        ("ALIGN", (2, 1), (2, -1), "CENTER"),
        ("ALIGN", (4, 1), (-1, -1), "CENTER"),
        ("VALIGN", (0, 1), (0, -1), "TOP"),
    ]
    start, last_group = 1, None
    for i, v in enumerate(card.indicators, start=1):
        d = INDICATOR_BY_CODE.get(v.code)
        group = d.group.value if d is not None else ""
        if group != last_group:
            extra += _span(start, i - 1)
            start, last_group = i, group
        scored = d is None or d.scored
        rows.append(
            [cell_text(group_label(group, lang), w[0]) if i == start else EMPTY,
             cell_text(indicator_label(v.code, lang), w[1]), d.article if d else "",
             cell_text(value_text(v, d, lang), w[3]),
             score_text(v.score) if scored else word("not_scored", lang),
             word("weak", lang) if v.weak else EMPTY]
        )  # fmt: skip
        if not scored:
            extra.append(("TEXTCOLOR", (4, i), (4, i), MUTED))
        if v.weak:
            extra += [("BACKGROUND", (1, i), (-1, i), WEAK_FILL)]
            extra += [("TEXTCOLOR", (5, i), (5, i), WEAK_INK)]
    extra += _span(start, len(rows) - 1)
    return grid_table(rows, w, extra=extra, zebra=False)


def _span(first: int, last: int) -> list[tuple[Any, ...]]:
    """The group column's cell spanning a group's rows."""
    return [("SPAN", (0, first), (0, last))] if last > first else []


def _trend(card: ScorecardOut, lang: str) -> Flowable:
    if not card.trend:
        return text(word("no_trend", lang))
    points = card.trend[-TrendBars.MAX_POINTS :]
    chart_w = FRAME_W * 0.58
    side_w = FRAME_W - chart_w - 4 * mm
    widths = [side_w * 0.37, side_w * 0.2, side_w * 0.18, side_w * 0.25]
    keys = ("period", "score", "grade", "rank")
    rows: list[list[Any]] = [header_row([word(k, lang) for k in keys], widths)]
    extra: list[tuple[Any, ...]] = [("ALIGN", (1, 1), (-1, -1), "CENTER")]
    for i, p in enumerate(points, start=1):
        rows.append(
            [cell_text(p.period_label, widths[0]), f"{p.score:.2f}",
             cell_text(grade_label(p.grade, lang), widths[2]), f"{p.rank} / {p.department_count}"]
        )  # fmt: skip
        extra.append(("TEXTCOLOR", (2, i), (2, i), grade_colour(p.grade)))
    table = grid_table(rows, widths, extra=extra)
    return plain_table(
        [[TrendBars(points, chart_w), table]],
        [chart_w + 4 * mm, side_w],
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ],
    )


def _suggestions(card: ScorecardOut, lang: str) -> list[Flowable]:
    if not card.suggestions:
        return [text(word("no_suggestions", lang))]
    return [
        text(
            f"{i}. {indicator_label(s.indicator, lang)}："
            f"{s.text_zh if lang == 'zh' else s.text_en}",
            "item",
        )
        for i, s in enumerate(card.suggestions, start=1)
    ]


def _explanations(card: ScorecardOut, lang: str) -> list[Flowable]:
    if not card.explanations:
        return [text(word("no_explanations", lang))]
    return [
        KeepTogether(
            [text(f"{e.by_name}（{day_text(e.at, lang)}）：", "small"), text(e.text, "item")]
        )
        for e in card.explanations
    ]
