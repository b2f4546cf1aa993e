"""The assessment page's charts (PySide6.QtCharts, from PySide6-Addons): a department's trend
over past rounds (a line), its group scores in this round (bars), and the round's scores of
every department shown (horizontal bars in their grade's colour, Grade.colour).

Each view takes what the platform sent (nothing is computed here) and keeps its series
reachable for tests (`series`).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalStackedBarSeries,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QWidget

from govshare_core.assessment import Grade
from govshare_desktop.i18n import label

SCORE_MAX = 100.0
LINE_COLOUR = "#1f5fa8"


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setBackgroundRoundness(0)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    return chart


def _score_axis(ticks: int = 6) -> QValueAxis:
    axis = QValueAxis()
    axis.setRange(0, SCORE_MAX)
    axis.setTickCount(ticks)
    axis.setLabelFormat("%d")
    return axis


class _ChartView(QChartView):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(160)

    def replace_chart(self, chart: QChart) -> None:
        old = self.chart()
        self.setChart(chart)
        if old is not None and old is not chart:
            old.deleteLater()


class TrendChart(_ChartView):
    """得分趋势: the department's score in each past published round and this one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("trendChart", parent)
        self.series = QLineSeries()
        self.set_points("", [])

    def set_points(self, title: str, points: Sequence[tuple[str, float]]) -> None:
        chart = _chart(title)
        chart.legend().hide()
        self.series = QLineSeries()
        self.series.setPointsVisible(True)
        self.series.setPointLabelsVisible(True)
        self.series.setPointLabelsFormat("@yPoint")
        self.series.setPen(QPen(QColor(LINE_COLOUR), 2))
        for n, (_name, score) in enumerate(points):
            self.series.append(float(n), float(score))
        chart.addSeries(self.series)
        categories = QBarCategoryAxis()
        categories.append([name for name, _ in points] or [""])
        chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
        self.series.attachAxis(categories)
        scores = _score_axis()
        chart.addAxis(scores, Qt.AlignmentFlag.AlignLeft)
        self.series.attachAxis(scores)
        self.replace_chart(chart)


class GroupScoreChart(_ChartView):
    """本轮分组得分: the department's score in each group of indicators (no data: 0, named)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("groupChart", parent)
        self.set_bars("", [])

    def set_bars(self, title: str, bars: Sequence[tuple[str, float | None]]) -> None:
        chart = _chart(title)
        chart.legend().hide()
        bar_set = QBarSet(title)
        bar_set.setColor(QColor(LINE_COLOUR))
        for _name, score in bars:
            bar_set.append(float(score or 0.0))
        self.series = QBarSeries()
        self.series.append(bar_set)
        self.series.setLabelsVisible(True)
        self.series.setLabelsFormat("@value")
        chart.addSeries(self.series)
        categories = QBarCategoryAxis()
        categories.append([name for name, _ in bars] or [""])
        chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
        self.series.attachAxis(categories)
        scores = _score_axis()
        chart.addAxis(scores, Qt.AlignmentFlag.AlignLeft)
        self.series.attachAxis(scores)
        self.replace_chart(chart)


class RoundScoreChart(_ChartView):
    """本轮得分: one bar per department shown, in rank order, coloured by its grade (one bar
    set per grade, stacked: each department has its score in its grade's set only)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("roundChart", parent)
        self.departments: list[str] = []
        self.set_results("", [])

    def set_results(self, title: str, results: Sequence[tuple[str, float, str]]) -> None:
        """`results`: (department, score, grade) in rank order."""
        chart = _chart(title)
        self.series = QHorizontalStackedBarSeries()
        ordered = list(reversed(results))  # the first rank at the top
        for grade in Grade:
            bar_set = QBarSet(label(grade))
            bar_set.setColor(QColor(grade.colour))
            for _name, score, of in ordered:
                bar_set.append(float(score) if of == grade.value else 0.0)
            self.series.append(bar_set)
        self.series.setBarWidth(0.7)
        chart.addSeries(self.series)
        self.departments = [name for name, _score, _grade in ordered]
        categories = QBarCategoryAxis()
        categories.append(self.departments or [""])
        chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
        self.series.attachAxis(categories)
        scores = _score_axis(11)
        chart.addAxis(scores, Qt.AlignmentFlag.AlignBottom)
        self.series.attachAxis(scores)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.setMinimumHeight(max(160, 22 * len(results) + 90))
        self.replace_chart(chart)
