"""A department's scorecard in a round (ScorecardOut, as the platform sent it): the result line
(score, the computed one beside an adjusted one, grade in its colour, rank), the indicators
(label, value by unit, score, article; the formula as tooltip; weak ones red), the improvement
suggestions, the adjustment and the explanations (申辩), the trend over past rounds and this
round's group scores. 调整分数 / 提交申辩 are the page's (it knows the round and who may).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from govshare_desktop.assessment import card_texts as C
from govshare_desktop.assessment import presenter as P
from govshare_desktop.assessment.charts import GroupScoreChart, TrendChart
from govshare_desktop.assessment.dialogs import named
from govshare_desktop.assessment.models import RowsModel, SortProxy, indicator_roles
from govshare_desktop.assessment.presenter import tr
from govshare_desktop.common.tables import Fit, Plan, Stretch, compact_rows, size_columns

INDICATOR_PLANS: list[Plan] = [
    Fit(["监督整改"]),
    Stretch(),
    Fit(["100.0%（99/99）"]),
    Fit(["100.00"]),
    Fit(["第二十七条"]),
]
"""分组, 指标 (the rest), 数值, 得分, 依据."""


class ScorecardPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scorecardPanel")
        self.card: dict[str, Any] | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        top = QHBoxLayout()
        self.headerLabel = named(QLabel(), "scorecardHeader")
        self.headerLabel.setTextFormat(Qt.TextFormat.RichText)
        self.headerLabel.setWordWrap(True)
        top.addWidget(self.headerLabel, 1)
        self.adjustButton = named(QPushButton(tr(str(P.ACTIONS["adjust"]))), "adjustButton")
        self.explainButton = named(QPushButton(tr(str(P.ACTIONS["explain"]))), "explainButton")
        top.addWidget(self.adjustButton)
        top.addWidget(self.explainButton)
        layout.addLayout(top)
        self.splitter = named(QSplitter(Qt.Orientation.Horizontal), "scorecardSplitter")
        self.model = RowsModel(C.indicator_columns(), role_hook=indicator_roles, parent=self)
        self.proxy = SortProxy(self.model, self)
        self.table = named(QTableView(), "indicatorTable")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        compact_rows(self.table)
        size_columns(self.table, INDICATOR_PLANS)
        self.splitter.addWidget(self.table)
        self.tabs = named(QTabWidget(), "scorecardTabs")
        self.notesView = named(QTextBrowser(), "notesView")
        self.trendChart = TrendChart()
        self.groupChart = GroupScoreChart()
        self.tabs.addTab(self.notesView, QCoreApplication.translate("AssessmentPage", "建议与申辩"))
        self.tabs.addTab(self.trendChart, QCoreApplication.translate("AssessmentPage", "得分趋势"))
        self.tabs.addTab(self.groupChart, QCoreApplication.translate("AssessmentPage", "分组得分"))
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([520, 340])
        layout.addWidget(self.splitter, 1)
        self.show_card(None)

    @property
    def department_id(self) -> int | None:
        if self.card is None:
            return None
        return int((self.card.get("result") or {}).get("department_id") or 0) or None

    @property
    def result(self) -> dict[str, Any]:
        return dict((self.card or {}).get("result") or {})

    def show_card(self, card: dict[str, Any] | None, empty: str = "") -> None:
        """The scorecard, or `empty` (what to say instead) when there is none."""
        self.card = card
        if card is None:
            self.headerLabel.setText(
                empty
                or QCoreApplication.translate("AssessmentPage", "在排名中选择一个部门查看评分卡。")
            )
            self.model.set_rows([])
            self.notesView.setHtml("")
            self.trendChart.set_points("", [])
            self.groupChart.set_bars("", [])
            return
        self.headerLabel.setText(C.scorecard_header(card))
        self.model.set_rows(C.indicator_rows(card.get("indicators") or []))
        self.notesView.setHtml(C.notes_html(card))
        name = str((card.get("result") or {}).get("department_name") or "")
        self.trendChart.set_points(
            QCoreApplication.translate("AssessmentPage", "%1 得分趋势").replace("%1", name),
            C.trend_points(card),
        )
        self.groupChart.set_bars(
            QCoreApplication.translate("AssessmentPage", "%1 本轮分组得分").replace("%1", name),
            C.group_bars(card.get("result") or {}),
        )

    def weak_codes(self) -> list[str]:
        return [str(r["code"]) for r in self.model.rows() if r.get("weak")]
