"""考核评估 (第三十四条): the rounds (lazy, paged) beside the chosen round — its header and
actions (重新计算, 发布; the reports), the ranking (sortable, grades in their colours), the
round's score chart and a department's scorecard.

The supervisor opens rounds (新建考核), recomputes and publishes drafts and adjusts scores with a
reason; a department's resource admin files an explanation (申辩) while the round is a draft.
Departments see their own result in a draft and every result once published (the platform
decides what it sends). A to-do (assessment_explain / assessment_explanation) opens its round
(`show_object`). Reads run in the background pool; changes go through the session's
SyncEngine with If-Match on the round's version: a 412 (someone else recomputed, adjusted or
published) or a 409 shows what happened and reloads (assessment/actions.py).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from govshare_core.assessment import RoundStatus
from govshare_core.vocab import Role
from govshare_desktop.api.errors import ApiError
from govshare_desktop.assessment import presenter as P
from govshare_desktop.assessment import sending
from govshare_desktop.assessment.actions import RoundActions
from govshare_desktop.assessment.charts import RoundScoreChart
from govshare_desktop.assessment.dialogs import named
from govshare_desktop.assessment.models import RowsModel, SortProxy, ranking_roles
from govshare_desktop.assessment.presenter import tr
from govshare_desktop.assessment.printing import ReportButtons
from govshare_desktop.assessment.scorecard import ScorecardPanel
from govshare_desktop.common.outcome import ERROR, clear_outcome, show_outcome
from govshare_desktop.common.paged_model import PagedTableModel, Row
from govshare_desktop.common.tables import (
    Capped,
    ColumnDropper,
    Fit,
    Plan,
    Stretch,
    compact_rows,
    enable_sorting,
    size_columns,
)
from govshare_desktop.context import AppContext

PAGE_SIZE = 50
DEPARTMENT_WIDTH = 230
RANKING_TAB, CHART_TAB, SCORECARD_TAB = 0, 1, 2
RANKING_PLANS: list[Plan] = [Fit(["100"]), Capped(DEPARTMENT_WIDTH), Fit(["100.00 （调）"])]
RANKING_PLANS += [Fit(["不合格"])] + [Fit(["100.00"])] * 7 + [Stretch()]  # groups, 申辩
"""The department's name is never squeezed; the group scores scroll when the page is narrow
(they are on the scorecard too)."""


class AssessmentPage(QWidget):
    """Signals:
    round_loaded(object): a round and its results are shown (the round's JSON).
    scorecard_loaded(object): a department's scorecard is shown (its JSON).
    action_done(str, object): an action and the platform's answer.
    action_queued(str, str): an action kept in the outbox and what the user was told.
    action_refused(str, str): an action refused (412, 409, ...) and what the user was told.
    dialog_opened(object): a dialog or confirmation opened.
    """

    round_loaded = Signal(object)
    scorecard_loaded = Signal(object)
    action_done = Signal(str, object)
    action_queued = Signal(str, str)
    action_refused = Signal(str, str)
    dialog_opened = Signal(object)

    def __init__(self, *, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("assessmentPage")
        self.context = context
        self.round: Row | None = None
        self.results: list[Row] = []
        self._round_generation = 0
        self._card_generation = 0
        self._wanted_department: int | None = None
        self._wanted_round: int | None = None  # a to-do's round, selected once listed
        self._wanted_explained = False  # then show the first department that explained
        self.supervisor = Role.SUPERVISOR.value in context.roles
        self._build()
        self.round_actions = RoundActions(self)
        self.reports = ReportButtons(self, self.reportBar)
        self._connect()
        self.show_round(None, [])
        self.reload()

    # --- the widgets ---------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        bar = QHBoxLayout()
        self.statusCombo = named(QComboBox(), "statusCombo")
        self.statusCombo.addItem(QCoreApplication.translate("AssessmentPage", "全部状态"), "")
        for status in RoundStatus:
            self.statusCombo.addItem(P.status_text({"status": status.value}), status.value)
        self.refreshButton = named(
            QPushButton(QCoreApplication.translate("AssessmentPage", "刷新")), "refreshButton"
        )
        self.countLabel = named(QLabel(), "countLabel")
        self.newButton = named(QPushButton(tr(str(P.ACTIONS["open"])) + "…"), "newButton")
        self.newButton.setVisible(self.supervisor)
        bar.addWidget(QLabel(QCoreApplication.translate("AssessmentPage", "状态")))
        bar.addWidget(self.statusCombo)
        bar.addWidget(self.refreshButton)
        bar.addWidget(self.countLabel, 1)
        bar.addWidget(self.newButton)
        layout.addLayout(bar)

        self.splitter = named(QSplitter(Qt.Orientation.Horizontal), "splitter")
        self.roundsTable = named(QTableView(), "roundsTable")
        self.roundsTable.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.roundsTable.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.roundsTable.verticalHeader().hide()
        self.splitter.addWidget(self.roundsTable)

        detail = named(QWidget(), "detailPanel")
        panel = QVBoxLayout(detail)
        panel.setContentsMargins(4, 0, 0, 0)
        self.roundLabel = named(QLabel(), "roundLabel")
        self.roundLabel.setTextFormat(Qt.TextFormat.RichText)
        self.roundLabel.setWordWrap(True)
        panel.addWidget(self.roundLabel)
        buttons = QHBoxLayout()
        self.recomputeButton = named(QPushButton(P.action_text("recompute")), "recomputeButton")
        self.publishButton = named(QPushButton(P.action_text("publish")), "publishButton")
        buttons.addWidget(self.recomputeButton)
        buttons.addWidget(self.publishButton)
        buttons.addStretch(1)
        self.reportBar = buttons  # the report buttons go here (printing.ReportButtons)
        panel.addLayout(buttons)

        self.tabs = named(QTabWidget(), "detailTabs")
        self.rankingModel = RowsModel(P.ranking_columns(), role_hook=ranking_roles, parent=self)
        self.rankingProxy = SortProxy(self.rankingModel, self)
        self.rankingTable = named(QTableView(), "rankingTable")
        self.rankingTable.setModel(self.rankingProxy)
        self.rankingTable.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.rankingTable.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.rankingTable.setSortingEnabled(True)
        self.rankingTable.sortByColumn(P.RANK, Qt.SortOrder.AscendingOrder)
        self.rankingTable.verticalHeader().hide()
        compact_rows(self.rankingTable)
        self.tabs.addTab(self.rankingTable, QCoreApplication.translate("AssessmentPage", "排名"))
        self.roundChart = RoundScoreChart()
        scroll = named(QScrollArea(), "roundChartArea")
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.roundChart)
        self.tabs.addTab(scroll, QCoreApplication.translate("AssessmentPage", "得分图"))
        self.scorecard = ScorecardPanel()
        self.tabs.addTab(self.scorecard, QCoreApplication.translate("AssessmentPage", "评分卡"))
        if not self.supervisor:  # a department: its own scorecard first
            self.tabs.setCurrentIndex(SCORECARD_TAB)
        panel.addWidget(self.tabs, 1)
        self.splitter.addWidget(detail)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([330, 770])
        layout.addWidget(self.splitter, 1)
        self.outcomeLabel = named(QLabel(), "outcomeLabel")
        clear_outcome(self.outcomeLabel)
        layout.addWidget(self.outcomeLabel)

        self.model = PagedTableModel(
            fetch_page=None,
            columns=P.round_columns(),
            page_size=PAGE_SIZE,
            runner=self.context.run,
            parent=self,
        )
        self.roundsTable.setModel(self.model)
        compact_rows(self.roundsTable)
        enable_sorting(self.roundsTable, on_unavailable=self.countLabel.setText)
        plans: list[Plan] = [Stretch(), Fit(["已发布"]), Fit(["2026-12-31"]), Fit(["100"])]
        widths = size_columns(self.roundsTable, plans)
        # a narrow list drops 计算时间 (it is in the round's header) before the period
        ColumnDropper(self.roundsTable, widths=widths, optional=(2,), stretch=0, min_stretch=110)
        size_columns(self.rankingTable, RANKING_PLANS)

    def _connect(self) -> None:
        self.statusCombo.currentIndexChanged.connect(lambda _i: self.reload())
        self.refreshButton.clicked.connect(self.refresh)
        self.roundsTable.selectionModel().currentRowChanged.connect(self._on_round_changed)
        self.rankingTable.selectionModel().currentRowChanged.connect(self._on_ranking_changed)
        self.rankingTable.doubleClicked.connect(lambda _i: self.tabs.setCurrentIndex(SCORECARD_TAB))
        self.model.page_loaded.connect(self._on_page_loaded)
        self.model.failed.connect(self._on_failed)
        self.newButton.clicked.connect(self.round_actions.start_new)
        self.recomputeButton.clicked.connect(lambda: self.round_actions.confirm("recompute"))
        self.publishButton.clicked.connect(lambda: self.round_actions.confirm("publish"))
        self.scorecard.adjustButton.clicked.connect(self.round_actions.start_adjust)
        self.scorecard.explainButton.clicked.connect(self.round_actions.start_explain)
        self.context.data_changed.connect(self._on_data_changed)

    # --- the rounds ----------------------------------------------------------------------------

    def reload(self) -> None:
        self.countLabel.setText(QCoreApplication.translate("AssessmentPage", "正在加载……"))
        status = str(self.statusCombo.currentData() or "")
        params = {"status": status} if status else {}
        client = self.context.client

        def fetch(offset: int, limit: int, sort: str | None = None) -> tuple[list[Row], int | None]:
            return sending.rounds_page(client, offset, limit, **params)

        self.model.reset(fetch)

    def refresh(self) -> None:
        """The list, and the round shown (F5)."""
        self.reload()
        if self.round is not None:
            self.open_round(int(self.round["id"]))

    def _on_page_loaded(self, *_args: Any) -> None:
        total = self.model.total or 0
        self.countLabel.setText(
            QCoreApplication.translate("AssessmentPage", "共 %1 轮").replace("%1", str(total))
            if total
            else QCoreApplication.translate("AssessmentPage", "还没有考核。")
        )
        shown = int(self.round["id"]) if self.round is not None else None
        wanted = self._wanted_round or shown
        if wanted is not None:
            if self._select_round_row(wanted) and wanted == shown:
                self._wanted_round = None
        elif self.model.rowCount() > 0:
            self.roundsTable.selectRow(0)  # the newest round

    def _select_round_row(self, round_id: int) -> bool:
        for n, row in enumerate(self.model.rows()):
            if int(row["id"]) == round_id:
                if self.roundsTable.currentIndex().row() != n:
                    self.roundsTable.blockSignals(True)
                    self.roundsTable.selectRow(n)
                    self.roundsTable.blockSignals(False)
                return True
        return False

    def _on_failed(self, exc: Exception) -> None:
        text = exc.message() if isinstance(exc, ApiError) else str(exc)
        self.countLabel.setText(
            QCoreApplication.translate("AssessmentPage", "加载失败：%1").replace("%1", text)
        )

    def _on_round_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        round_id = int(self.model.row_data(current.row())["id"]) if current.isValid() else 0
        if round_id and round_id != self._wanted_round:  # (a to-do's round is being opened)
            self._wanted_round = None
            self.open_round(round_id)

    def _on_data_changed(self, kind: str) -> None:
        if kind in ("assessment", "other"):  # ours, and the outbox's replays
            self.refresh()

    def show_object(self, kind: str, object_id: int) -> bool:
        """A to-do opens its round (ObjectPage): selected in the list (all states, when on its
        first page) and shown on the 评分卡 tab — for assessment_explain the department's own
        scorecard, for assessment_explanation the first department that filed an explanation."""
        self._wanted_round = object_id
        self._wanted_explained = kind == "assessment_explanation"
        if self.statusCombo.currentIndex() != 0:
            self.statusCombo.setCurrentIndex(0)  # reloads; the round is selected once listed
        else:
            self._select_round_row(object_id)
        self.tabs.setCurrentIndex(SCORECARD_TAB)
        self.scorecard.tabs.setCurrentIndex(0)  # 建议与申辩
        own = self.context.department_id if kind == "assessment_explain" else None
        self.open_round(object_id, own)
        return True

    # --- one round -----------------------------------------------------------------------------

    def open_round(self, round_id: int, department_id: int | None = None) -> None:
        """Read the round and its results afresh and show them (then a scorecard)."""
        self._round_generation += 1
        generation = self._round_generation
        client = self.context.client
        if department_id is not None:
            self._wanted_department = department_id

        def done(answer: tuple[Row, list[Row]]) -> None:
            if generation == self._round_generation:
                self.show_round(*answer)

        def failed(exc: Exception) -> None:
            if generation == self._round_generation:
                self._wanted_round = None
                text = exc.message() if isinstance(exc, ApiError) else str(exc)
                show_outcome(
                    self.outcomeLabel,
                    QCoreApplication.translate("AssessmentPage", "无法打开：%1").replace(
                        "%1", text
                    ),
                    ERROR,
                )

        self.context.run(
            lambda _t: sending.round_details(client, round_id), success=done, failure=failed
        )

    def show_round(self, row: Row | None, results: list[Row]) -> None:
        same = self.round is not None and row is not None and self.round["id"] == row["id"]
        keep = self._wanted_department or (self.scorecard.department_id if same else None)
        if self._wanted_explained and not keep:  # assessment_explanation: who explained
            keep = next(
                (int(r["department_id"]) for r in results if r.get("explanation_count")), None
            )
        self._wanted_department, self._wanted_explained = None, False
        self.round, self.results = row, list(results)
        self.roundLabel.setText(
            P.round_summary(row)
            if row
            else QCoreApplication.translate("AssessmentPage", "请在左侧选择一轮考核。")
        )
        allowed = set(row.get("actions") or []) if row else set()
        self.recomputeButton.setVisible("recompute" in allowed)
        self.publishButton.setVisible("publish" in allowed)
        self.rankingModel.set_rows(results)
        self.roundChart.set_results(
            P.round_title(row) if row else "",
            [(str(r["department_name"]), float(r["score"]), str(r["grade"])) for r in results],
        )
        self.reports.update_for(row, results)
        if row is None:
            self.scorecard.show_card(None)
            self._update_scorecard_buttons()
            return
        if int(row["id"]) == self._wanted_round and self._select_round_row(int(row["id"])):
            self._wanted_round = None  # a to-do's round, listed: now selected
        ids = [int(r["department_id"]) for r in results]
        target = keep if keep in ids else None
        if target is None and self.context.department_id in ids and not self.supervisor:
            target = self.context.department_id
        if target is None and ids:
            target = ids[0]
        if target is not None:
            self._select_ranking_row(target)
            self.open_scorecard(target)
        else:
            self.scorecard.show_card(None, P.no_result_text(row))
            self._update_scorecard_buttons()
        self.round_loaded.emit(row)

    def _select_ranking_row(self, department_id: int) -> None:
        for n in range(self.rankingProxy.rowCount()):
            if int(self.rankingProxy.source_row(n)["department_id"]) == department_id:
                self.rankingTable.blockSignals(True)
                self.rankingTable.selectRow(n)
                self.rankingTable.blockSignals(False)
                return

    def _on_ranking_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            row = self.rankingProxy.source_row(current.row())
            self.open_scorecard(int(row["department_id"]))

    def open_scorecard(self, department_id: int) -> None:
        if self.round is None:
            return
        self._card_generation += 1
        generation = self._card_generation
        client, round_id = self.context.client, int(self.round["id"])

        def done(card: Row) -> None:
            if generation == self._card_generation:
                self.scorecard.show_card(card)
                self._update_scorecard_buttons()
                self.scorecard_loaded.emit(card)

        def failed(exc: Exception) -> None:
            if generation == self._card_generation:
                text = exc.message() if isinstance(exc, ApiError) else str(exc)
                show_outcome(
                    self.outcomeLabel,
                    QCoreApplication.translate("AssessmentPage", "无法打开评分卡：%1").replace(
                        "%1", text
                    ),
                    ERROR,
                )

        self.context.run(
            lambda _t: sending.scorecard(client, round_id, department_id),
            success=done,
            failure=failed,
        )

    def _update_scorecard_buttons(self) -> None:
        card = self.scorecard.card
        own = card is not None and self.scorecard.department_id == self.context.department_id
        self.scorecard.adjustButton.setVisible(card is not None and P.may_adjust(self.round))
        self.scorecard.explainButton.setVisible(card is not None and P.may_explain(self.round, own))

    # --- for the actions -----------------------------------------------------------------------

    def after_change(self, department_id: int | None = None) -> None:
        """Reload the list and the round (and the department's scorecard) after a change."""
        self.reload()
        if self.round is not None:
            self.open_round(int(self.round["id"]), department_id)
