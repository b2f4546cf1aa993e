"""The report's charts (reportlab.graphics): every department's score as horizontal bars, a
page of up to `BARS_PER_PAGE` at a time, so that 100 departments stay readable (a
HorizontalBarChart); and one department's scores over past rounds as small vertical bars.
Bars take the grade's colour."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Final

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from govshare_core.assessment import Grade
from govshare_core.assessment_schemas import ResultOut, TrendPoint
from govshare_desktop.assessment.report_style import (
    FRAME_W,
    INK,
    MUTED,
    RULE,
    font,
    grade_colour,
    grade_label,
    truncate,
)
from govshare_desktop.assessment.report_text import wrap_lines

BARS_PER_PAGE: Final = 45
"""At most this many departments per page of the score chart (≈ 4.4 mm a bar on A4, room
left for the section heading on the first page)."""
BAR_PITCH: Final = 4.4 * mm
LABEL_W: Final = 62 * mm
"""Room for the rank and the (shortened) department name left of the bars."""
NAME_CHARS: Final = 22
TREND_POINTS: Final = 8
"""The trend chart shows at most this many rounds, the latest last."""


def score_chart_pages(
    results: Sequence[ResultOut], bands: Mapping[str, float], lang: str
) -> list[Drawing]:
    """One drawing per page, in rank order; the pages share the departments evenly (100:
    34, 33, 33), each at most `BARS_PER_PAGE`."""
    pages = max(1, math.ceil(len(results) / BARS_PER_PAGE))
    size = max(1, math.ceil(len(results) / pages))
    return [_score_chart(results[i : i + size], bands, lang) for i in range(0, len(results), size)]


def _score_chart(results: Sequence[ResultOut], bands: Mapping[str, float], lang: str) -> Drawing:
    cjk = font()
    top_room, axis_room = 8 * mm, 7 * mm
    plot_h = max(len(results), 3) * BAR_PITCH
    drawing = Drawing(FRAME_W, plot_h + top_room + axis_room, initialFontName=cjk)
    chart = HorizontalBarChart()
    chart.x, chart.y = LABEL_W, axis_room
    chart.width, chart.height = FRAME_W - LABEL_W - 12 * mm, plot_h
    chart.data = [[r.score for r in results]]
    chart.bars.strokeColor = None
    chart.barSpacing = 0
    chart.groupSpacing = 1.2 * mm
    for i, r in enumerate(results):
        chart.bars[(0, i)].fillColor = grade_colour(r.grade)
    axis = chart.categoryAxis
    axis.categoryNames = [f"{r.rank}  {truncate(r.department_name, NAME_CHARS)}" for r in results]
    axis.reverseDirection = 1  # rank 1 on top
    axis.labels.fontName, axis.labels.fontSize = cjk, 7
    axis.labels.boxAnchor, axis.labels.dx = "e", -3
    axis.strokeColor = RULE
    axis.tickLeft = 0
    values = chart.valueAxis
    values.valueMin, values.valueMax, values.valueStep = 0, 100, 10
    values.labels.fontName, values.labels.fontSize = cjk, 7
    values.strokeColor = RULE
    values.visibleGrid, values.gridStrokeColor, values.gridStrokeWidth = 1, RULE, 0.25
    chart.barLabelFormat = "%.1f"
    chart.barLabels.fontName, chart.barLabels.fontSize = cjk, 6.5
    chart.barLabels.boxAnchor, chart.barLabels.dx = "w", 2
    chart.barLabels.fillColor = colors.black
    drawing.add(chart)
    _band_lines(drawing, chart, bands, lang)
    return drawing


def _band_lines(
    drawing: Drawing, chart: HorizontalBarChart, bands: Mapping[str, float], lang: str
) -> None:
    """A dashed line at each grade's lower bound, labelled above the plot."""
    cjk = font()
    for grade in (Grade.PASS, Grade.GOOD, Grade.EXCELLENT):
        bound = bands.get(grade.value)
        if bound is None or not 0 < bound < 100:
            continue
        x = chart.x + chart.width * bound / 100
        top = chart.y + chart.height
        drawing.add(
            Line(
                x,
                chart.y,
                x,
                top + 1.5 * mm,
                strokeColor=grade_colour(grade),
                strokeWidth=0.6,
                strokeDashArray=[2, 2],
            )
        )
        label = f"{grade_label(grade, lang)} ≥ {bound:g}"
        drawing.add(
            String(
                x,
                top + 2.5 * mm,
                label,
                fontName=cjk,
                fontSize=7,
                fillColor=grade_colour(grade),
                textAnchor="middle",
            )
        )


class TrendBars(Flowable):
    """One department's score in its last `TREND_POINTS` rounds (this round last), as bars in
    the grade's colour over a 0–100 scale. Drawn straight on the canvas: a hundred of these
    as reportlab chart widgets took seconds."""

    MAX_POINTS: Final = TREND_POINTS

    def __init__(self, points: Sequence[TrendPoint], width: float, height: float = 36 * mm):
        super().__init__()
        self.points = list(points)[-TREND_POINTS:]
        self.width, self.height = width, height

    def wrap(self, *_args: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c, cjk = self.canv, font()
        left, bottom = 8 * mm, 9 * mm
        plot_w, plot_h = self.width - left - 2 * mm, self.height - bottom - 4 * mm
        c.setLineWidth(0.25)
        c.setStrokeColor(RULE)
        c.setFont(cjk, 6.5)
        c.setFillColor(MUTED)
        for tick in range(0, 101, 20):
            y = bottom + plot_h * tick / 100
            c.line(left, y, left + plot_w, y)
            c.drawRightString(left - 1.5 * mm, y - 2, str(tick))
        slot = plot_w / max(len(self.points), 1)
        bar_w = min(slot * 0.55, 14 * mm)
        for i, p in enumerate(self.points):
            x = left + slot * i + (slot - bar_w) / 2
            h = plot_h * max(0.0, min(p.score, 100.0)) / 100
            c.setFillColor(grade_colour(p.grade))
            c.rect(x, bottom, bar_w, h, stroke=0, fill=1)
            c.setFillColor(INK)
            c.drawCentredString(x + bar_w / 2, bottom + h + 1.2, f"{p.score:.1f}")
            c.setFillColor(MUTED)
            for j, line in enumerate(wrap_lines(p.period_label, slot - 1, 6.5)[:2]):
                c.drawCentredString(x + bar_w / 2, bottom - 3 * mm - j * 7.5, line)
