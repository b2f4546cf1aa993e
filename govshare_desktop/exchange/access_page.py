"""数据获取: what my department may fetch under its active grants (第二十二条, 第二十四条,
第二十九条): 下载… the latest delivery projected to the granted items (CSV/XLSX, streamed to the
chosen file with progress and cancel), 查询 by keys for 信息查询 grants, and the provider's own
endpoint for 接口服务 entries (called outside the platform)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from govshare_core.exchange import DeliveryFormat
from govshare_core.vocab import ShareMode
from govshare_desktop.api import exchange_paths
from govshare_desktop.common.outcome import BUSY, ERROR, OK, clear_outcome, show_outcome
from govshare_desktop.common.paged_model import Column, PagedTableModel, Row, api_page_fetcher
from govshare_desktop.common.tables import (
    Capped,
    Fit,
    Stretch,
    compact_rows,
    enable_sorting,
    size_columns,
)
from govshare_desktop.context import AppContext
from govshare_desktop.exchange import transfer
from govshare_desktop.exchange.messages import error_text, size_text
from govshare_desktop.exchange.query_panel import QueryPanel
from govshare_desktop.exchange.transfer_panel import TransferPanel
from govshare_desktop.i18n import label_of, time_text


def access_columns() -> list[Column]:
    def modes(row: Row) -> str:
        return "、".join(label_of(ShareMode, m) for m in row.get("share_modes", []))

    def latest(row: Row) -> str:
        if not row.get("latest_delivered_at"):
            return QCoreApplication.translate("ExchangePages", "尚未交付")
        rows = QCoreApplication.translate("ExchangePages", "%1 行").replace(
            "%1", str(row.get("latest_rows") or 0)
        )
        return f"{time_text(row['latest_delivered_at'])}（{rows}）"

    return [
        Column("entry_name", QCoreApplication.translate("ExchangePages", "目录名称")),
        Column("provider_department_name", QCoreApplication.translate("ExchangePages", "提供部门")),
        Column(
            "items",
            QCoreApplication.translate("ExchangePages", "已授权信息项"),
            render=lambda r: "、".join(r.get("items", [])),
        ),
        Column(
            "share_modes", QCoreApplication.translate("ExchangePages", "共享方式"), render=modes
        ),
        Column("valid_until", QCoreApplication.translate("ExchangePages", "有效期至")),
        Column(
            "latest_delivered_at",
            QCoreApplication.translate("ExchangePages", "最近交付"),
            render=latest,
        ),
    ]


class AccessPage(QWidget):
    """Signals:
    downloaded(object): a download completed (transfer.Downloaded).
    """

    downloaded = Signal(object)

    def __init__(self, *, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("accessPage")
        self.context = context
        self.last_target: tuple[Path, str] | None = None
        self.model = PagedTableModel(
            fetch_page=None, columns=access_columns(), runner=context.run, parent=self
        )
        self._build()
        self.model.failed.connect(self._on_model_failed)
        self.view.selectionModel().currentRowChanged.connect(self._on_selection_changed)
        self.refreshButton.clicked.connect(self.reload)
        self.downloadButton.clicked.connect(self._on_download_button_clicked)
        self.retryButton.clicked.connect(self.retry_download)
        self.transfers.succeeded.connect(self._on_download_succeeded)
        self.transfers.failed.connect(self._on_download_failed)
        self.transfers.cancelled.connect(self._on_download_cancelled)
        self.reload()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        bar.addWidget(
            QLabel(
                QCoreApplication.translate(
                    "ExchangePages", "本部门有效授权可获取的数据（第二十二条、第二十四条）"
                ),
                self,
            )
        )
        bar.addStretch(1)
        self.refreshButton = QPushButton(QCoreApplication.translate("ExchangePages", "刷新"), self)
        bar.addWidget(self.refreshButton)
        layout.addLayout(bar)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.view = QTableView(splitter)
        self.view.setObjectName("accessView")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.view.horizontalHeader().setStretchLastSection(True)
        compact_rows(self.view)
        enable_sorting(self.view, on_unavailable=lambda text: None)
        size_columns(self.view, [Stretch(), Capped(200), Capped(260), Fit(), Fit(), Fit()])
        lower = QWidget(splitter)
        below = QVBoxLayout(lower)
        below.setContentsMargins(0, 0, 0, 0)
        self.detailLabel = QLabel(
            QCoreApplication.translate("ExchangePages", "请选择一个目录。"), lower
        )
        self.detailLabel.setObjectName("detailLabel")
        self.detailLabel.setWordWrap(True)
        self.detailLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        self.formatCombo = QComboBox(lower)
        self.formatCombo.setObjectName("formatCombo")
        self.formatCombo.addItem("CSV", DeliveryFormat.CSV.value)
        self.formatCombo.addItem("XLSX", DeliveryFormat.XLSX.value)
        self.downloadButton = QPushButton(
            QCoreApplication.translate("ExchangePages", "下载…"), lower
        )
        self.downloadButton.setObjectName("downloadButton")
        self.retryButton = QPushButton(QCoreApplication.translate("ExchangePages", "重试"), lower)
        self.retryButton.setObjectName("retryButton")
        self.retryButton.setVisible(False)
        row.addWidget(self.detailLabel, 1)
        row.addWidget(QLabel(QCoreApplication.translate("ExchangePages", "格式"), lower))
        row.addWidget(self.formatCombo)
        row.addWidget(self.downloadButton)
        row.addWidget(self.retryButton)
        below.addLayout(row)
        self.transfers = TransferPanel(context=self.context, parent=lower)
        self.outcomeLabel = QLabel(lower)
        self.outcomeLabel.setObjectName("outcomeLabel")
        self.outcomeLabel.setWordWrap(True)
        below.addWidget(self.transfers)
        below.addWidget(self.outcomeLabel)
        self.query = QueryPanel(context=self.context, parent=lower)
        below.addWidget(self.query, 1)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout.addWidget(splitter, 1)
        clear_outcome(self.outcomeLabel)
        self._show_entry(None)

    def reload(self) -> None:
        self.model.reset(api_page_fetcher(self.context.client.get, exchange_paths.access_path()))
        self._show_entry(None)

    def refresh(self) -> None:
        """视图 → 刷新 (F5) (RefreshablePage)."""
        self.reload()

    def current_entry(self) -> Row | None:
        index = self.view.currentIndex()
        return self.model.row_data(index.row()) if index.isValid() else None

    def select_row(self, row: int) -> None:
        self.view.selectRow(row)
        self.view.setCurrentIndex(self.model.index(row, 0))

    def _on_selection_changed(self, *_args: object) -> None:
        self._show_entry(self.current_entry())

    def _show_entry(self, entry: Row | None) -> None:
        can_download = bool(entry and entry.get("can_download"))
        can_query = bool(entry and entry.get("can_query"))
        self.downloadButton.setEnabled(can_download and not self.transfers.busy)
        self.formatCombo.setEnabled(can_download)
        self.query.setVisible(can_query)
        self.query.set_entry(
            int(entry["entry_id"]) if can_query and entry else None,
            entry.get("key_item") if entry else None,
        )
        self.detailLabel.setText(self.detail_text(entry))

    def detail_text(self, entry: Row | None) -> str:
        if entry is None:
            return QCoreApplication.translate("ExchangePages", "请选择一个目录。")
        parts = [
            QCoreApplication.translate("ExchangePages", "已授权信息项：%1").replace(
                "%1", "、".join(entry.get("items", []))
            ),
            QCoreApplication.translate("ExchangePages", "有效期至 %1").replace(
                "%1", str(entry.get("valid_until", ""))
            ),
        ]
        if entry.get("interface_endpoint"):
            parts.append(
                QCoreApplication.translate(
                    "ExchangePages",
                    "接口服务地址：%1（调用提供部门自己的服务，不经本平台传输数据）",
                ).replace("%1", str(entry["interface_endpoint"]))
            )
        if not entry.get("can_download") and not entry.get("can_query"):
            parts.append(QCoreApplication.translate("ExchangePages", "本授权不含下载或查询方式。"))
        return "；".join(parts)

    def _on_model_failed(self, exc: object) -> None:
        show_outcome(
            self.outcomeLabel, error_text(exc) if isinstance(exc, Exception) else "", ERROR
        )

    # --- download ----------------------------------------------------------------------------

    def _on_download_button_clicked(self) -> None:
        entry = self.current_entry()
        if entry is None:
            return
        fmt = str(self.formatCombo.currentData())
        suggested = f"{entry['entry_name']}.{fmt}"
        name, _ = QFileDialog.getSaveFileName(
            self,
            QCoreApplication.translate("ExchangePages", "保存数据"),
            suggested,
            QCoreApplication.translate("ExchangePages", "%1 文件 (*.%2)")
            .replace("%1", fmt.upper())
            .replace("%2", fmt),
        )
        if name:
            self.download_to(Path(name), fmt)

    def download_to(self, target: Path, fmt: str) -> bool:
        """Download the selected entry's granted columns into `target` in the background."""
        entry = self.current_entry()
        if entry is None or self.transfers.busy or not entry.get("can_download"):
            return False
        self.last_target = (target, fmt)
        client, path = self.context.client, exchange_paths.data_path(int(entry["entry_id"]))

        def op(progress: transfer.OnBytes, cancelled: transfer.IsCancelled) -> Any:
            return transfer.download(
                client,
                path,
                {"format": fmt},
                target,
                fmt=fmt,
                progress=progress,
                cancelled=cancelled,
            )

        self.retryButton.setVisible(False)
        self.downloadButton.setEnabled(False)
        show_outcome(
            self.outcomeLabel,
            QCoreApplication.translate("ExchangePages", "正在下载到 %1…").replace(
                "%1", str(target)
            ),
            BUSY,
        )
        self.transfers.start(
            op,
            what=QCoreApplication.translate("ExchangePages", "下载 %1").replace("%1", target.name),
        )
        return True

    def retry_download(self) -> bool:
        """重试: start the last download over (the part file of the failed one is gone)."""
        return self.last_target is not None and self.download_to(*self.last_target)

    def _on_download_succeeded(self, result: object) -> None:
        assert isinstance(result, transfer.Downloaded)
        text = QCoreApplication.translate("ExchangePages", "已下载 %1 行（%2）到 %3").replace(
            "%1", str(result.rows if result.rows is not None else "—")
        )
        text = text.replace("%2", size_text(result.bytes)).replace("%3", str(result.path))
        show_outcome(self.outcomeLabel, text, OK)
        self._show_entry(self.current_entry())
        self.downloaded.emit(result)

    def _on_download_failed(self, exc: object) -> None:
        show_outcome(
            self.outcomeLabel, error_text(exc) if isinstance(exc, Exception) else "", ERROR
        )
        self.retryButton.setVisible(self.last_target is not None)
        self._show_entry(self.current_entry())

    def _on_download_cancelled(self) -> None:
        show_outcome(self.outcomeLabel, error_text(transfer.TransferCancelled()), ERROR)
        self._show_entry(self.current_entry())
