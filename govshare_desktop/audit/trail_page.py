"""审计日志 (the audit admin's desk, 三员分立; 第二十六条, 第三十三条): the audit trail, newest
first, loaded as the list scrolls (keyset paging by `before_seq`: as fast at millions of events
as at the first page), filtered by time, actor, department, action, object and outcome; the selected
event's details (its JSON, hash and previous hash) beside the list; 导出 of the current filters
as CSV, XLSX or a signed bundle, streamed to disk in the background.

Reading the trail is itself audited by the platform (`audit_read`, `audit_export`).
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from govshare_core import clock
from govshare_desktop.api.errors import ApiError
from govshare_desktop.audit import labels, sending
from govshare_desktop.audit.filters import TrailFilters
from govshare_desktop.common.outcome import BUSY, ERROR, OK, clear_outcome, show_outcome
from govshare_desktop.common.paged_model import Column, PagedTableModel, Row
from govshare_desktop.common.tables import (
    Capped,
    ColumnDropper,
    Fit,
    Stretch,
    compact_rows,
    size_columns,
)
from govshare_desktop.context import AppContext
from govshare_desktop.i18n import module_tr, time_text
from govshare_desktop.tasks import Task

PAGE_SIZE = 200
EXPORT_SUFFIX = {"csv": ".csv", "xlsx": ".xlsx", "bundle": ".zip"}


def tr(text: str) -> str:
    return module_tr("AuditPages", text)


def error_text(exc: object) -> str:
    return exc.message() if isinstance(exc, ApiError) else str(exc)


def _object_text(row: Row) -> str:
    kind = labels.object_type_label(row.get("object_type"))
    oid = row.get("object_id")
    return f"{kind} #{oid}" if kind and oid else kind or (f"#{oid}" if oid else "")


class TrailPage(QWidget):
    """Signals:
    exported(object): an export finished (sending.Exported).
    export_failed(str): an export failed or was cancelled, and why.
    """

    exported = Signal(object)
    export_failed = Signal(str)

    def __init__(self, *, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("auditTrailPage")
        self.context = context
        self.departments: dict[int, str] = {}
        self.export_task: Task | None = None
        self.model = PagedTableModel(
            fetch_page=None,
            columns=self.columns(),
            page_size=PAGE_SIZE,
            runner=context.run,
            parent=self,
        )
        self._build()
        self.model.page_loaded.connect(self._on_page_loaded)
        self.model.failed.connect(self._on_model_failed)
        self.filters.changed.connect(self.reload)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.countButton.clicked.connect(self._on_count_button_clicked)
        self.cancelButton.clicked.connect(self._on_cancel_button_clicked)
        self._load_departments()
        self.reload()

    def columns(self) -> list[Column]:
        return [
            Column("seq", tr("序号")),
            Column("at", tr("时间"), render=lambda r: time_text(r.get("at"), seconds=True)),
            Column("actor_name", tr("操作人")),
            Column(
                "department_id",
                tr("部门"),
                render=lambda r: (
                    self.departments.get(int(r["department_id"]), "")
                    if r.get("department_id") is not None
                    else ""
                ),
            ),
            Column(
                "action",
                tr("操作"),
                render=lambda r: labels.action_label(r.get("action")),
                tooltip=lambda r: str(r.get("action") or ""),
            ),
            Column("object_id", tr("对象"), render=_object_text),
            Column("outcome", tr("结果"), render=lambda r: labels.outcome_label(r.get("outcome"))),
            Column("client_address", tr("客户端地址")),
        ]

    # --- widgets -----------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        self.filters = TrailFilters(self)
        layout.addWidget(self.filters)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("splitter")
        self.table = QTableView(self)
        self.table.setObjectName("trailView")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)  # 序号 is the event's own number
        compact_rows(self.table)
        widths = size_columns(
            self.table,
            [Fit(), Fit(), Capped(140), Capped(150), Capped(200), Stretch(), Fit(), Capped(120)],
        )
        # too narrow for all: the client address goes first, then the department (both are in
        # the detail beside the list)
        ColumnDropper(self.table, widths=widths, optional=(7, 3), stretch=5, min_stretch=120)
        self.detailView = QTextBrowser(self)
        self.detailView.setObjectName("detailView")
        self.detailView.setOpenLinks(False)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detailView)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([780, 330])
        layout.addWidget(self.splitter, 1)

        footer = QHBoxLayout()
        self.countLabel = QLabel(self)
        self.countLabel.setObjectName("countLabel")
        self.countButton = QPushButton(tr("统计总数"), self)
        self.countButton.setObjectName("countButton")
        self.countButton.setToolTip(tr("统计符合条件的事件总数（数据量大时较慢）"))
        # a push button with a menu: its style leaves room for the arrow (a QToolButton's
        # InstantPopup arrow overlapped the text)
        self.exportButton = QPushButton(tr("导出"), self)
        self.exportButton.setObjectName("exportButton")
        menu = QMenu(self.exportButton)
        for fmt, text in (
            ("csv", tr("CSV 文件…")),
            ("xlsx", tr("Excel 工作簿…")),
            ("bundle", tr("签名导出包（可独立校验）…")),
        ):
            action = menu.addAction(text)
            action.setObjectName(f"export_{fmt}")
            action.triggered.connect(lambda _c=False, f=fmt: self._on_export_chosen(f))
        self.exportButton.setMenu(menu)
        self.progressBar = QProgressBar(self)
        self.progressBar.setObjectName("progressBar")
        self.progressBar.setMaximumWidth(220)
        self.cancelButton = QPushButton(tr("取消导出"), self)
        self.cancelButton.setObjectName("cancelButton")
        footer.addWidget(self.countLabel, 1)
        footer.addWidget(self.countButton)
        footer.addWidget(self.progressBar)
        footer.addWidget(self.cancelButton)
        footer.addWidget(self.exportButton)
        layout.addLayout(footer)
        self._show_progress(False)
        self.outcomeLabel = QLabel(self)
        self.outcomeLabel.setObjectName("outcomeLabel")
        self.outcomeLabel.setWordWrap(True)
        layout.addWidget(self.outcomeLabel)
        clear_outcome(self.outcomeLabel)

    def _show_progress(self, on: bool) -> None:
        self.progressBar.setVisible(on)
        self.cancelButton.setVisible(on)
        self.exportButton.setEnabled(not on)

    # --- the list ----------------------------------------------------------------------------

    def reload(self) -> None:
        self.countLabel.setText(tr("正在加载……"))
        self.model.reset(sending.keyset_fetcher(self.context.client, self.filters.params()))
        self.show_event(None)

    def refresh(self) -> None:
        """视图 → 刷新 (F5) (RefreshablePage)."""
        self.reload()

    def focus_search(self) -> None:
        """Ctrl+F (SearchablePage): the actor box."""
        self.filters.actorEdit.setFocus()

    def _load_departments(self) -> None:
        cached = self.context.store.cache_get("departments")
        if cached and isinstance(cached[0], list):
            self._set_departments(cached[0])
        client = self.context.client
        self.context.run(
            lambda _t: client.departments(),
            success=self._set_departments,
            failure=lambda _exc: None,
        )

    def _set_departments(self, departments: Any) -> None:
        rows = [d for d in departments or [] if isinstance(d, dict) and "id" in d]
        self.departments = {int(d["id"]): str(d.get("name") or "") for d in rows}
        self.filters.set_departments(rows)
        if self.model.rowCount():
            self.model.dataChanged.emit(
                self.model.index(0, 0),
                self.model.index(self.model.rowCount() - 1, self.model.columnCount() - 1),
            )

    def _on_page_loaded(self, rows: int, total: object) -> None:
        if rows == 0:
            self.countLabel.setText(tr("没有符合条件的审计事件。"))
        elif self.model.complete:
            self.countLabel.setText(tr("共 %1 条").replace("%1", f"{rows:,}"))
        else:
            self.countLabel.setText(
                tr("已加载 %1 条，向下滚动加载更早的事件").replace("%1", f"{rows:,}")
            )

    def _on_model_failed(self, exc: object) -> None:
        self.countLabel.setText(tr("加载失败"))
        show_outcome(self.outcomeLabel, error_text(exc), ERROR)

    def _on_count_button_clicked(self) -> None:
        client, params = self.context.client, self.filters.params()
        self.countButton.setEnabled(False)

        def done(total: int) -> None:
            self.countButton.setEnabled(True)
            self.countLabel.setText(
                tr("符合条件的事件共 %1 条（已加载 %2 条）")
                .replace("%1", f"{total:,}")
                .replace("%2", f"{self.model.rowCount():,}")
            )

        def failed(exc: Exception) -> None:
            self.countButton.setEnabled(True)
            show_outcome(self.outcomeLabel, error_text(exc), ERROR)

        self.context.run(lambda _t: sending.count(client, params), success=done, failure=failed)

    # --- one event ---------------------------------------------------------------------------

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.show_event(self.model.row_data(current.row()) if current.isValid() else None)

    def show_event(self, row: Row | None) -> None:
        self.current = row
        self.detailView.setHtml(self.detail_html(row) if row else self._hint_html())

    def _hint_html(self) -> str:
        return f"<p style='color:#666'>{html.escape(tr('选择一条审计事件查看详情。'))}</p>"

    def detail_html(self, row: Row) -> str:
        e = html.escape
        dept_id = row.get("department_id")
        dept = self.departments.get(int(dept_id), "") if dept_id is not None else ""
        facts = [
            (tr("序号"), str(row.get("seq", ""))),
            (tr("时间"), time_text(row.get("at"), seconds=True) + tr("（北京时间）")),
            (tr("操作人"), f"{row.get('actor_name') or ''} (#{row.get('actor_id') or '—'})"),
            (tr("部门"), dept or str(row.get("department_id") or "—")),
            (tr("操作"), f"{labels.action_label(row.get('action'))} ({row.get('action')})"),
            (tr("对象"), _object_text(row) or "—"),
            (tr("结果"), labels.outcome_label(row.get("outcome"))),
            (tr("客户端地址"), str(row.get("client_address") or "—")),
        ]
        rows = "".join(
            f"<tr><td style='color:#555;padding-right:8px'>{e(k)}</td><td>{e(v)}</td></tr>"
            for k, v in facts
        )
        details = (
            json.dumps(row["details"], ensure_ascii=False, indent=2) if row.get("details") else "—"
        )
        mono = "font-family:monospace;font-size:9pt"
        return (
            f"<h3>{e(tr('审计事件'))} #{e(str(row.get('seq', '')))}</h3>"
            f"<table>{rows}</table>"
            f"<p><b>{e(tr('详细内容'))}</b></p><pre style='{mono}'>{e(details)}</pre>"
            f"<p><b>{e(tr('哈希'))}</b><br>"
            f"<span style='{mono}'>{e(str(row.get('hash')))}</span></p>"
            f"<p><b>{e(tr('前一事件哈希'))}</b><br>"
            f"<span style='{mono}'>{e(str(row.get('prev_hash')))}</span></p>"
        )

    # --- export ------------------------------------------------------------------------------

    def _on_export_chosen(self, fmt: str) -> None:
        stamp = clock.platform_time().strftime("%Y%m%d-%H%M")
        filters = {
            "csv": tr("CSV 文件 (*.csv)"),
            "xlsx": tr("Excel 工作簿 (*.xlsx)"),
            "bundle": tr("签名导出包 (*.zip)"),
        }
        name, _ = QFileDialog.getSaveFileName(
            self, tr("导出审计日志"), f"audit-{stamp}{EXPORT_SUFFIX[fmt]}", filters[fmt]
        )
        if name:
            self.export_to(Path(name), fmt)

    def export_to(self, target: Path, fmt: str) -> bool:
        """Stream the events of the current filters into `target` in the background."""
        if self.export_task is not None:
            return False
        client, params = self.context.client, self.filters.params()

        def op(task: Task) -> sending.Exported:
            def progress(done: int, total: int | None) -> None:
                task.report(min(100, done * 100 // total) if total else -1, str(done))

            return sending.download_export(
                client, fmt, params, target, progress=progress, cancelled=lambda: task.cancelled
            )

        self.progressBar.setRange(0, 0)
        self._show_progress(True)
        show_outcome(self.outcomeLabel, tr("正在导出到 %1…").replace("%1", str(target)), BUSY)
        self.export_task = self.context.run(
            op,
            success=self._on_export_done,
            failure=self._on_export_error,
            progress=self._on_export_progress,
        )
        return True

    def _on_export_progress(self, percent: int, done: str) -> None:
        if percent >= 0:
            self.progressBar.setRange(0, 100)
            self.progressBar.setValue(percent)
        mb = int(done or 0) / (1024 * 1024)
        self.progressBar.setFormat(f"{mb:.1f} MB" if percent < 0 else f"%p%  ({mb:.1f} MB)")

    def _on_export_done(self, result: sending.Exported) -> None:
        self.export_task = None
        self._show_progress(False)
        show_outcome(self.outcomeLabel, tr("已导出到 %1").replace("%1", str(result.path)), OK)
        self.exported.emit(result)

    def _on_export_error(self, exc: Exception) -> None:
        self.export_task = None
        self._show_progress(False)
        text = tr("已取消导出。") if isinstance(exc, sending.ExportCancelled) else error_text(exc)
        show_outcome(self.outcomeLabel, text, ERROR)
        self.export_failed.emit(text)

    def _on_cancel_button_clicked(self) -> None:
        if self.export_task is not None:
            self.export_task.cancel()
            self.export_task = None  # the task reports nothing once cancelled
            self._show_progress(False)
            show_outcome(self.outcomeLabel, tr("已取消导出。"), ERROR)
