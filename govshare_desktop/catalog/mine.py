"""我的目录: my department's entries (lazy, server-paged, filtered, searched), local drafts,
and the actions the workflow allows; the first page is cached for offline browsing."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHeaderView, QListWidgetItem, QMessageBox, QWidget

from govshare_core.vocab import EntryStatus, ShareType, UpdateCycle
from govshare_desktop.api.errors import ApiError
from govshare_desktop.catalog import presenter as P
from govshare_desktop.catalog.entry_form import DRAFT_KIND, EntryFormDialog, open_entry_form
from govshare_desktop.common.offline import engine_for, outcome_status
from govshare_desktop.common.paged_model import Column, Debouncer, PagedTableModel
from govshare_desktop.common.uiload import load_form
from govshare_desktop.context import AppContext
from govshare_desktop.store.local import OPEN_STATES

CACHE_NAME = "my_entries"
ENTRIES = "/api/v1/catalog/entries"
STATUS_COLOURS = {
    EntryStatus.RETURNED: "#d93025",
    EntryStatus.PUBLISHED: "#188038",
    EntryStatus.SUBMITTED: "#1a73e8",
    EntryStatus.DEPT_APPROVED: "#1a73e8",
}


def entry_columns() -> list[Column]:
    return [
        Column("name", QCoreApplication.translate("MyEntriesPage", "信息资源名称")),
        Column("resource_code", QCoreApplication.translate("MyEntriesPage", "信息资源代码")),
        Column(
            "status",
            QCoreApplication.translate("MyEntriesPage", "状态"),
            render=lambda r: P.status_label(r["status"]),
        ),
        Column(
            "share_type",
            QCoreApplication.translate("MyEntriesPage", "共享类型"),
            render=lambda r: P.show_value(r["share_type"]),
        ),
        Column(
            "update_cycle",
            QCoreApplication.translate("MyEntriesPage", "更新周期"),
            render=lambda r: P.show_value(r["update_cycle"]),
        ),
        Column(
            "updated_at",
            QCoreApplication.translate("MyEntriesPage", "更新时间"),
            render=lambda r: P.local_time(r.get("updated_at")),
        ),
    ]


class MyEntriesPage(QWidget):
    """The registrar's list ("catalog.mine").

    Workflow actions and deletions go through the session's SyncEngine when there is one
    (queued offline, 412 → compare view), else straight to the platform.
    """

    def __init__(
        self, *, context: AppContext, sync: Any = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self._sync = sync
        self.confirm_box: QMessageBox | None = None
        self.conflict_dialog: QWidget | None = None
        self.ui = load_form("my_entries.ui", self)
        self.model = PagedTableModel(
            fetch_page=self._fetcher(), columns=entry_columns(), runner=context.run
        )
        self.model.set_role_hook(self._role_hook)
        view = self.ui.entriesView
        view.setModel(self.model)
        header = view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col, width in ((1, 150), (2, 90), (3, 100), (4, 80), (5, 130)):
            view.setColumnWidth(col, width)
        view.verticalHeader().hide()
        self._search = Debouncer(delay_ms=250, callback=self._on_search_fired, parent=self)
        self._setup_filters()
        self._connect()
        self.refresh_drafts()
        self.reload()

    def _setup_filters(self) -> None:
        ui = self.ui
        ui.statusCombo.addItem(self.tr("全部状态"), None)
        for s in EntryStatus:
            ui.statusCombo.addItem(P.label(s), s.value)
        ui.shareTypeCombo.addItem(self.tr("全部共享类型"), None)
        for t in ShareType:
            ui.shareTypeCombo.addItem(P.label(t), t.value)
        ui.updateCycleCombo.addItem(self.tr("全部更新周期"), None)
        for c in UpdateCycle:
            ui.updateCycleCombo.addItem(P.label(c), c.value)

    def _connect(self) -> None:
        ui = self.ui
        ui.searchEdit.textChanged.connect(self._search.push)
        for combo in (ui.statusCombo, ui.shareTypeCombo, ui.updateCycleCombo):
            combo.currentIndexChanged.connect(lambda *_: self.reload())
        ui.refreshButton.clicked.connect(self.reload)
        ui.newButton.clicked.connect(lambda: self._open(None))
        ui.editButton.clicked.connect(self._on_edit_button_clicked)
        ui.submitButton.clicked.connect(lambda: self.act("submit"))
        ui.recallButton.clicked.connect(lambda: self.act("recall"))
        ui.changeReportButton.clicked.connect(self._on_change_report_button_clicked)
        ui.deleteButton.clicked.connect(self._on_delete_button_clicked)
        ui.openDraftButton.clicked.connect(self._on_open_draft_button_clicked)
        ui.deleteDraftButton.clicked.connect(self._on_delete_draft_button_clicked)
        ui.draftsList.currentItemChanged.connect(self._update_buttons)
        ui.entriesView.doubleClicked.connect(lambda _i: self._on_edit_button_clicked())
        ui.entriesView.selectionModel().selectionChanged.connect(self._update_buttons)
        ui.draftsList.itemActivated.connect(self._on_drafts_list_item_activated)
        self.model.page_loaded.connect(self._on_model_page_loaded)
        self.model.failed.connect(self._on_model_failed)
        self.model.loading.connect(self._on_model_loading)
        self.model.modelReset.connect(self._update_buttons)
        self.context.data_changed.connect(self._on_context_data_changed)
        self._update_buttons()

    # --- data --------------------------------------------------------------------------------

    def filters(self) -> dict[str, Any]:
        ui = self.ui
        return {
            "q": ui.searchEdit.text().strip() or None,
            "status": ui.statusCombo.currentData(),
            "share_type": ui.shareTypeCombo.currentData(),
            "update_cycle": ui.updateCycleCombo.currentData(),
            "department_id": self.context.department_id,
        }

    def _fetcher(self) -> Any:
        client, params = self.context.client, self.filters()

        def fetch(offset: int, limit: int) -> tuple[list[dict[str, Any]], int | None]:
            page = client.get("/api/v1/catalog/entries", offset=offset, limit=limit, **params)
            return list(page["items"]), int(page["total"])

        return fetch

    def reload(self) -> None:
        self.model.reset(self._fetcher())

    def refresh_drafts(self) -> None:
        lst = self.ui.draftsList
        lst.clear()
        drafts = [d for d in self.context.store.list_drafts(DRAFT_KIND) if d.server_id is None]
        for d in drafts:
            item = QListWidgetItem(
                self.tr("%1（本地草稿，%2 保存）")
                .replace("%1", d.title or self.tr("未命名目录"))
                .replace("%2", d.saved_at.astimezone().strftime("%Y-%m-%d %H:%M"))
            )
            item.setData(Qt.ItemDataRole.UserRole, d.key)
            lst.addItem(item)
        if drafts:
            lst.setCurrentRow(0)
        self.ui.draftsGroup.setVisible(bool(drafts))

    def _on_search_fired(self, _text: object) -> None:
        self.reload()

    def _on_model_page_loaded(self, loaded: int, total: object) -> None:
        if loaded == 0:
            self.ui.statusLabel.setText(self.tr("没有符合条件的目录。点击“新建”登记第一条。"))
        else:
            self.ui.statusLabel.setText(
                self.tr("共 %1 条，已显示 %2 条")
                .replace("%1", str(total))
                .replace("%2", str(loaded))
            )
        self.ui.asOfLabel.setText("")
        if loaded <= 200 and not any(self.filters()[k] for k in ("q", "status", "share_type")):
            rows, store = self.model.rows(), self.context.store
            self.context.run(lambda _t: store.cache_put(CACHE_NAME, rows))

    def _on_model_failed(self, exc: object) -> None:
        if isinstance(exc, ApiError) and exc.is_network:
            cached = self.context.store.cache_get(CACHE_NAME)
            if cached is not None:
                items, as_of = cached
                self.model.set_rows(list(items))
                self.ui.asOfLabel.setText(
                    self.tr("离线：显示 %1 的缓存").replace(
                        "%1", as_of.astimezone().strftime("%Y-%m-%d %H:%M")
                    )
                )
        message = exc.message() if isinstance(exc, ApiError) else str(exc)
        self.ui.statusLabel.setText(message)

    def _on_model_loading(self, loading: bool) -> None:
        if loading:
            self.ui.statusLabel.setText(self.tr("正在加载…"))

    def _on_context_data_changed(self, kind: str) -> None:
        if kind == "entry":
            self.refresh_drafts()
            self.reload()

    # --- actions -----------------------------------------------------------------------------

    def selected(self) -> dict[str, Any] | None:
        rows = self.ui.entriesView.selectionModel().selectedRows()
        return self.model.row_data(rows[0].row()) if rows else None

    def select_row(self, row: int) -> None:
        self.ui.entriesView.selectRow(row)

    def _update_buttons(self, *_args: Any) -> None:
        ui, entry = self.ui, self.selected()
        ui.newButton.setEnabled(self.context.has("registrar"))
        actions = (
            P.entry_actions(entry, self.context.roles, user_id=self.context.user_id)
            if entry
            else []
        )
        ui.editButton.setEnabled(entry is not None)
        ui.editButton.setText(
            self.tr("编辑") if entry is None or P.editable(entry) else self.tr("查看")
        )
        ui.deleteButton.setEnabled(
            entry is not None
            and entry.get("status") == EntryStatus.DRAFT
            and self.context.has("registrar")
        )
        has_draft = ui.draftsList.currentItem() is not None
        ui.openDraftButton.setEnabled(has_draft)
        ui.deleteDraftButton.setEnabled(has_draft)
        ui.submitButton.setEnabled("submit" in actions)
        ui.recallButton.setEnabled("recall" in actions)
        ui.changeReportButton.setEnabled(
            entry is not None
            and entry.get("status") == EntryStatus.PUBLISHED
            and self.context.has("registrar")
        )

    def _open(self, entry_id: int | None, draft_key: str | None = None) -> EntryFormDialog:
        self.last_dialog = open_entry_form(
            self.context, entry_id, self.window(), draft_key=draft_key
        )
        return self.last_dialog

    def _on_edit_button_clicked(self) -> None:
        entry = self.selected()
        if entry is not None:
            self._open(int(entry["id"]))

    def _on_drafts_list_item_activated(self, item: QListWidgetItem) -> None:
        self._open(None, draft_key=str(item.data(Qt.ItemDataRole.UserRole)))

    def _on_change_report_button_clicked(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        dialog = self._open(int(entry["id"]))
        dialog.form.saved.connect(lambda _e: None)
        dialog.form.ui.statusLabel.setText(
            self.tr("修改关键要素后点击“变更报告…”报送（第十七条）。")
        )

    @property
    def engine(self) -> Any:
        return engine_for(self.context, self, self._sync)

    def act(self, action: str) -> None:
        """Submit or recall the selected entry (queued in the outbox when offline)."""
        entry = self.selected()
        if entry is None:
            return
        entry_id, version = int(entry["id"]), int(entry["version"])
        path = f"{ENTRIES}/{entry_id}/{action}"
        verb = self.tr("提交目录：%1") if action == "submit" else self.tr("撤回目录：%1")
        self._send("POST", path, version, verb.replace("%1", str(entry.get("name", ""))))

    def _send(self, method: str, path: str, version: int, label: str) -> None:
        engine = self.engine
        if engine is not None:
            engine.submit_or_queue(
                method, path, None, if_match=version, label=label, done=self._on_outcome
            )
            return
        client = self.context.client

        def op(_task: object) -> Any:
            if method == "DELETE":
                return client.delete(path, if_match=version)
            return client.post(path, None, if_match=version)

        self.context.run(op, success=self._on_done, failure=self._on_action_failed)

    def _on_done(self, _result: Any = None) -> None:
        self.ui.statusLabel.setText(self.tr("操作已完成。"))
        self.context.data_changed.emit("entry")

    def _on_outcome(self, outcome: Any) -> None:
        status = outcome_status(outcome)
        if status == "sent":
            self.ui.statusLabel.setText(self.tr("操作已完成。"))
        elif status == "queued":
            self.ui.statusLabel.setText(outcome.message)
        elif status == "conflict":
            from govshare_desktop.common.conflict import open_conflict_dialog

            self.ui.statusLabel.setText(self.tr("该目录已被他人修改，请在对比窗口中处理。"))
            self.conflict_dialog = open_conflict_dialog(
                self.engine, outcome.item, outcome.server_object, self
            )
        else:
            self.ui.statusLabel.setText(self.tr("操作未完成：%1").replace("%1", outcome.message))

    def _on_action_failed(self, exc: Exception) -> None:
        text = exc.message() if isinstance(exc, ApiError) else str(exc)
        self.ui.statusLabel.setText(self.tr("操作未完成：%1").replace("%1", text))

    # --- deleting drafts ---------------------------------------------------------------------

    def confirm(self, title: str, text: str, then: Any) -> QMessageBox:
        """Ask before a deletion (window-modal, not blocking); `then()` runs on 删除."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=self)
        yes = box.addButton(self.tr("删除"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(self.tr("取消"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(QMessageBox.StandardButton.NoButton)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(lambda button: then() if button is yes else None)
        self.confirm_box = box
        box.open()
        return box

    def _on_delete_button_clicked(self) -> None:
        entry = self.selected()
        if entry is None or entry.get("status") != EntryStatus.DRAFT:
            return
        name = str(entry.get("name") or self.tr("未命名目录"))
        self.confirm(
            self.tr("删除草稿目录"),
            self.tr("确定删除草稿目录《%1》？删除后无法恢复。").replace("%1", name),
            lambda: self.delete_server_draft(entry),
        )

    def delete_server_draft(self, entry: dict[str, Any]) -> None:
        """DELETE the platform draft with If-Match, and its local copy."""
        entry_id, store = int(entry["id"]), self.context.store
        self.context.run(lambda _t: store.delete_draft(DRAFT_KIND, f"entry-{entry_id}"))
        name = str(entry.get("name", ""))
        label = self.tr("删除草稿目录：%1").replace("%1", name)
        self._send("DELETE", f"{ENTRIES}/{entry_id}", int(entry["version"]), label)

    def _on_open_draft_button_clicked(self) -> None:
        item = self.ui.draftsList.currentItem()
        if item is not None:
            self._on_drafts_list_item_activated(item)

    def _on_delete_draft_button_clicked(self) -> None:
        item = self.ui.draftsList.currentItem()
        if item is None:
            return
        key = str(item.data(Qt.ItemDataRole.UserRole))
        self.confirm(
            self.tr("删除本地草稿"),
            self.tr("确定删除本地草稿“%1”？草稿及其尚未发送的操作将被丢弃，无法恢复。").replace(
                "%1", item.text()
            ),
            lambda: self.discard_local_draft(key),
        )

    def discard_local_draft(self, key: str) -> None:
        """Throw a local draft away, with the queued actions that would send it."""
        store = self.context.store

        def op(_task: object) -> int:
            for queued in store.outbox(states=OPEN_STATES):
                if queued.draft_kind == DRAFT_KIND and queued.draft_key == key:
                    store.remove(queued.seq)
            store.delete_draft(DRAFT_KIND, key)
            return store.pending_count()

        def done(pending: int) -> None:
            self.context.outbox_changed.emit(pending)
            self.refresh_drafts()
            self.ui.statusLabel.setText(self.tr("本地草稿已删除。"))

        self.context.run(op, success=done, failure=self._on_action_failed)

    def _role_hook(self, row: dict[str, Any], role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole:
            colour = STATUS_COLOURS.get(row.get("status", ""))
            return QColor(colour) if colour else None
        return None
