"""数据交付: my department's published entries with their next due delivery (更新周期,
第二十三条), the deliveries of the selected entry, and 上传数据… with a progress bar, cancel, the
local pre-check and the platform checker's report."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from govshare_core.exchange import CsvEncoding, DeliveryFormat
from govshare_desktop.api import exchange_paths
from govshare_desktop.api.errors import ApiError
from govshare_desktop.common.finder import ObjectSeeker
from govshare_desktop.common.outcome import BUSY, ERROR, OK, clear_outcome, show_outcome
from govshare_desktop.common.paged_model import PagedTableModel, Row, api_page_fetcher
from govshare_desktop.common.tables import (
    Capped,
    Fit,
    Stretch,
    enable_sorting,
    size_columns,
)
from govshare_desktop.context import AppContext
from govshare_desktop.exchange import files, transfer
from govshare_desktop.exchange.delivery_lists import (
    delivery_columns,
    list_view,
    overdue_role,
    schedule_columns,
)
from govshare_desktop.exchange.messages import error_text, size_text
from govshare_desktop.exchange.report_view import ReportView
from govshare_desktop.exchange.transfer_panel import TransferPanel


class PreCheckFailed(Exception):
    """The local pre-check found problems; `report` has the checker's report shape."""

    def __init__(self, report: dict[str, Any]) -> None:
        super().__init__("pre-check")
        self.report = report


class DeliveriesPage(QWidget):
    """Signals:
    delivered(object): a delivery was accepted (the platform's DeliveryOut).
    rejected(object): the platform (or the pre-check) refused the file: the report.
    object_missing(str, int): a to-do's entry is not listed.
    """

    delivered = Signal(object)
    rejected = Signal(object)
    object_missing = Signal(str, int)

    def __init__(self, *, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deliveriesPage")
        self.context = context
        self.keys = transfer.UploadKeys()
        self.seeker = ObjectSeeker(self)
        self.last_upload: tuple[Path, str] | None = None
        self._build()
        self.schedule.set_role_hook(overdue_role)
        self.schedule.failed.connect(self._on_model_failed)
        self.deliveries.failed.connect(self._on_model_failed)
        self.scheduleView.selectionModel().currentRowChanged.connect(self._on_selection_changed)
        self.overdueCheck.toggled.connect(self.reload)
        self.refreshButton.clicked.connect(self.reload)
        self.uploadButton.clicked.connect(self._on_upload_button_clicked)
        self.retryButton.clicked.connect(self.retry_upload)
        self.transfers.succeeded.connect(self._on_upload_succeeded)
        self.transfers.failed.connect(self._on_upload_failed)
        self.transfers.cancelled.connect(self._on_upload_cancelled)
        self.reload()

    def _build(self) -> None:
        self.schedule = PagedTableModel(
            fetch_page=None, columns=schedule_columns(), runner=self.context.run, parent=self
        )
        self.deliveries = PagedTableModel(
            fetch_page=None, columns=delivery_columns(), runner=self.context.run, parent=self
        )
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.overdueCheck = QCheckBox(QCoreApplication.translate("ExchangePages", "只看超期"), self)
        self.overdueCheck.setObjectName("overdueCheck")
        self.refreshButton = QPushButton(QCoreApplication.translate("ExchangePages", "刷新"), self)
        self.countLabel = QLabel(self)
        bar.addWidget(
            QLabel(
                QCoreApplication.translate(
                    "ExchangePages", "本部门已发布目录的数据交付（第二十三条）"
                ),
                self,
            )
        )
        bar.addStretch(1)
        bar.addWidget(self.countLabel)
        bar.addWidget(self.overdueCheck)
        bar.addWidget(self.refreshButton)
        layout.addLayout(bar)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.scheduleView = list_view(splitter, "scheduleView", self.schedule)
        enable_sorting(self.scheduleView, on_unavailable=self.countLabel.setText)
        size_columns(self.scheduleView, [Stretch(), Fit(), Fit(), Fit(), Fit(), Fit()])
        lower = QWidget(splitter)
        below = QVBoxLayout(lower)
        below.setContentsMargins(0, 0, 0, 0)
        actions = QHBoxLayout()
        self.entryLabel = QLabel(
            QCoreApplication.translate("ExchangePages", "请选择一个目录。"), lower
        )
        self.entryLabel.setObjectName("entryLabel")
        self.encodingCombo = QComboBox(lower)
        self.encodingCombo.setObjectName("encodingCombo")
        self.encodingCombo.addItem("UTF-8", CsvEncoding.UTF8.value)
        self.encodingCombo.addItem("GB18030", CsvEncoding.GB18030.value)
        self.uploadButton = QPushButton(
            QCoreApplication.translate("ExchangePages", "上传数据…"), lower
        )
        self.uploadButton.setObjectName("uploadButton")
        self.uploadButton.setEnabled(False)
        self.retryButton = QPushButton(QCoreApplication.translate("ExchangePages", "重试"), lower)
        self.retryButton.setObjectName("retryButton")
        self.retryButton.setVisible(False)
        actions.addWidget(self.entryLabel, 1)
        actions.addWidget(QLabel(QCoreApplication.translate("ExchangePages", "CSV 编码"), lower))
        actions.addWidget(self.encodingCombo)
        actions.addWidget(self.uploadButton)
        actions.addWidget(self.retryButton)
        below.addLayout(actions)
        self.transfers = TransferPanel(context=self.context, parent=lower)
        below.addWidget(self.transfers)
        self.outcomeLabel = QLabel(lower)
        self.outcomeLabel.setObjectName("outcomeLabel")
        self.outcomeLabel.setWordWrap(True)
        below.addWidget(self.outcomeLabel)
        sides = QSplitter(Qt.Orientation.Horizontal, lower)
        self.deliveriesView = list_view(sides, "deliveriesView", self.deliveries)
        size_columns(self.deliveriesView, [Fit(), Stretch(), Fit(), Fit(), Capped(120), Fit()])
        self.report = ReportView(sides)
        below.addWidget(sides, 1)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)
        clear_outcome(self.outcomeLabel)

    # --- lists -------------------------------------------------------------------------------

    def reload(self) -> None:
        overdue = "true" if self.overdueCheck.isChecked() else None
        self.schedule.reset(
            api_page_fetcher(
                self.context.client.get, exchange_paths.schedule_path(), overdue=overdue
            )
        )
        self.deliveries.reset(None, prefetch=False)
        self._on_selection_changed()

    def refresh(self) -> None:
        """视图 → 刷新 (F5) (RefreshablePage)."""
        self.reload()

    def current_entry(self) -> Row | None:
        index = self.scheduleView.currentIndex()
        return self.schedule.row_data(index.row()) if index.isValid() else None

    def select_row(self, row: int) -> None:
        self.scheduleView.selectRow(row)
        self.scheduleView.setCurrentIndex(self.schedule.index(row, 0))

    def _on_selection_changed(self, *_args: object) -> None:
        entry = self.current_entry()
        self.uploadButton.setEnabled(entry is not None and not self.transfers.busy)
        self.retryButton.setVisible(False)  # a retry is of the entry the upload was for
        if entry is None:
            self.entryLabel.setText(QCoreApplication.translate("ExchangePages", "请选择一个目录。"))
            return
        self.entryLabel.setText(str(entry["entry_name"]))
        path = exchange_paths.deliveries_path(int(entry["entry_id"]))
        self.deliveries.reset(api_page_fetcher(self.context.client.get, path))

    def _on_model_failed(self, exc: object) -> None:
        show_outcome(
            self.outcomeLabel, error_text(exc) if isinstance(exc, Exception) else "", ERROR
        )

    # --- opening a to-do's entry (shell ObjectPage) --------------------------------------------

    def show_object(self, kind: str, object_id: int) -> bool:
        """A delivery due (to-do "delivery_due"): select the entry in the schedule."""
        if kind != "delivery_due":
            return False
        self.overdueCheck.blockSignals(True)
        self.overdueCheck.setChecked(False)
        self.overdueCheck.blockSignals(False)
        self.reload()
        missing = partial(self.object_missing.emit, kind, object_id)
        self.seeker.seek(
            self.schedule, object_id, found=self.select_row, missing=missing, key="entry_id"
        )
        return True

    # --- upload ------------------------------------------------------------------------------

    def _on_upload_button_clicked(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            QCoreApplication.translate("ExchangePages", "选择要交付的数据文件"),
            "",
            QCoreApplication.translate(
                "ExchangePages", "数据文件 (*.csv *.xlsx);;CSV (*.csv);;Excel (*.xlsx)"
            ),
        )
        if name:
            self.upload(Path(name), str(self.encodingCombo.currentData()))

    def upload(self, path: Path, encoding: str = CsvEncoding.UTF8.value) -> bool:
        """Pre-check and deliver `path` for the selected entry in the background."""
        entry = self.current_entry()
        fmt = files.format_of(path)
        if entry is None or self.transfers.busy:
            return False
        if fmt is None:
            show_outcome(
                self.outcomeLabel,
                QCoreApplication.translate("ExchangePages", "只能交付 CSV 或 XLSX 文件。"),
                ERROR,
            )
            return False
        entry_id = int(entry["entry_id"])
        client = self.context.client
        keys = self.keys
        encoding_param = encoding if fmt == DeliveryFormat.CSV else None
        self.last_upload = (path, encoding)

        def op(progress: transfer.OnBytes, cancelled: transfer.IsCancelled) -> dict[str, Any]:
            items = client.entry(entry_id)["data_items"]
            checked = files.pre_check(path, fmt, encoding, items)
            if not checked.ok:
                problems = [
                    {"row": None, "column": c or None, "code": p.value} for p, c in checked.problems
                ]
                raise PreCheckFailed(
                    {"rows_checked": 0, "problem_count": len(problems), "problems": problems}
                )
            return transfer.upload_delivery(
                client,
                entry_id,
                path,
                fmt=fmt,
                encoding=encoding_param,
                keys=keys,
                progress=progress,
                cancelled=cancelled,
            )

        self.report.set_report(None)
        self.retryButton.setVisible(False)
        show_outcome(
            self.outcomeLabel,
            QCoreApplication.translate("ExchangePages", "正在上传 %1…").replace("%1", path.name),
            BUSY,
        )
        self.uploadButton.setEnabled(False)
        self.transfers.start(
            op, what=QCoreApplication.translate("ExchangePages", "上传 %1").replace("%1", path.name)
        )
        return True

    def retry_upload(self) -> bool:
        """重试 after a failed upload: the same file again; without an answer to the first
        attempt it carries the same Idempotency-Key, so it cannot make a second delivery."""
        return self.last_upload is not None and self.upload(*self.last_upload)

    def _on_upload_succeeded(self, delivery: object) -> None:
        assert isinstance(delivery, dict)
        text = QCoreApplication.translate(
            "ExchangePages", "已交付 %1 行（%2），交付编号 %3。"
        ).replace("%1", str(delivery["rows"]))
        text = text.replace("%2", size_text(int(delivery["bytes"]))).replace(
            "%3", str(delivery["id"])
        )
        show_outcome(self.outcomeLabel, text, OK)
        self._after_transfer()
        self._reload_keeping(int(delivery["entry_id"]))
        self.delivered.emit(delivery)

    def _reload_keeping(self, entry_id: int) -> None:
        """Reload the schedule (new last delivery, next due) and select the entry again."""
        self.schedule.reset()
        self.seeker.seek(
            self.schedule, entry_id, found=self.select_row, missing=lambda: None, key="entry_id"
        )

    def _on_upload_failed(self, exc: object) -> None:
        if isinstance(exc, PreCheckFailed | transfer.DeliveryRejected):
            local = isinstance(exc, PreCheckFailed)
            show_outcome(
                self.outcomeLabel,
                QCoreApplication.translate("ExchangePages", "文件表头与目录的信息项不符，未上传。")
                if local
                else error_text(ApiError(422, "delivery_rejected")),
                ERROR,
            )
            self.report.set_report(exc.report)
            self.rejected.emit(exc.report)
        else:
            show_outcome(
                self.outcomeLabel, error_text(exc) if isinstance(exc, Exception) else "", ERROR
            )
            self.retryButton.setVisible(self.last_upload is not None)
        self._after_transfer()

    def _on_upload_cancelled(self) -> None:
        show_outcome(self.outcomeLabel, error_text(transfer.TransferCancelled()), ERROR)
        self._after_transfer()

    def _after_transfer(self) -> None:
        self.uploadButton.setEnabled(self.current_entry() is not None)
