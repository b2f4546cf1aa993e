"""我的目录: my department's entries (lazy, server-paged, filtered, searched), local drafts,
and the actions the workflow allows; the first page is cached for offline browsing."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QListWidgetItem, QMessageBox, QWidget

from govshare_core.vocab import EntryStatus, ShareType, UpdateCycle
from govshare_desktop import i18n
from govshare_desktop.api import actions
from govshare_desktop.api.errors import ApiError
from govshare_desktop.catalog import presenter as P
from govshare_desktop.catalog.entry_form import DRAFT_KIND, EntryFormDialog, open_entry_form
from govshare_desktop.common.conflict import open_conflict_dialog
from govshare_desktop.common.finder import RowFinder, find_object
from govshare_desktop.common.outcome import ERROR, OK, QUEUED, clear_outcome, show_outcome
from govshare_desktop.common.paged_model import Column, Debouncer, PagedTableModel
from govshare_desktop.common.tables import ColumnSizer, Fit, Stretch, compact_rows, enable_sorting
from govshare_desktop.common.uiload import load_form
from govshare_desktop.context import AppContext
from govshare_desktop.store.local import OPEN_STATES
from govshare_desktop.sync.engine import Outcome, OutcomeStatus

CACHE_NAME = "my_entries"
STATUS_COLOURS = {
    EntryStatus.RETURNED: "#d93025",
    EntryStatus.PUBLISHED: "#188038",
    EntryStatus.SUBMITTED: "#1a73e8",
    EntryStatus.DEPT_APPROVED: "#1a73e8",
}


def entry_columns() -> list[Column]:
    return [
        Column(
            "name",
            QCoreApplication.translate("MyEntriesPage", "信息资源名称"),
            tooltip=lambda r: str(r.get("name", "")),
        ),
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
            render=lambda r: i18n.local_time(r.get("updated_at")),
            sort_key=lambda r: str(r.get("updated_at") or ""),
        ),
    ]


def entry_plans() -> list[Any]:
    """The name stretches; the other columns fit their contents (the longest label)."""
    return [
        Stretch(),
        Fit(["311010/000001"]),
        Fit([i18n.label(s) for s in EntryStatus]),
        Fit([i18n.label(t) for t in ShareType]),
        Fit([i18n.label(c) for c in UpdateCycle]),
        Fit(["2026-12-31 23:59"]),
    ]


class MyEntriesPage(QWidget):
    """The registrar's list ("catalog.mine").

    Workflow actions and deletions go through the session's SyncEngine when there is one
    (queued offline, 412 → compare view), else straight to the platform.
    """

    object_missing = Signal(str, int)
    """show_object looked in vain (kind, id): the object is no longer listed."""

    def __init__(self, *, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.confirm_box: QMessageBox | None = None
        self.conflict_dialog: QWidget | None = None
        self.last_dialog: EntryFormDialog | None = None
        self.finder: RowFinder | None = None
        self.ui = load_form("my_entries.ui", self)
        self.model = PagedTableModel(
            fetch_page=self._fetcher(), columns=entry_columns(), runner=context.run
        )
        self.model.set_role_hook(self._role_hook)
        view = self.ui.entriesView
        view.setModel(self.model)
        view.verticalHeader().hide()
        compact_rows(view)
        enable_sorting(view, on_unavailable=self.ui.statusLabel.setText)
        ColumnSizer(view, entry_plans())
        clear_outcome(self.ui.outcomeLabel)
        self._search = Debouncer(delay_ms=250, callback=self._on_search_fired, parent=self)
        self._setup_filters()
        self._connect()
        self.refresh_drafts()
        self.reload()

    def _setup_filters(self) -> None:
        ui = self.ui
        ui.statusCombo.addItem(self.tr("全部状态"), None)
        for s in EntryStatus:
            ui.statusCombo.addItem(i18n.label(s), s.value)
        ui.shareTypeCombo.addItem(self.tr("全部共享类型"), None)
        for t in ShareType:
            ui.shareTypeCombo.addItem(i18n.label(t), t.value)
        ui.updateCycleCombo.addItem(self.tr("全部更新周期"), None)
        for c in UpdateCycle:
            ui.updateCycleCombo.addItem(i18n.label(c), c.value)

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
            page = client.entries(offset=offset, limit=limit, **params)
            return list(page["items"]), int(page["total"])

        return fetch

    def reload(self) -> None:
        self.model.reset(self._fetcher())

    def refresh(self) -> None:
        """视图 → 刷新 (F5): the list and the local drafts (RefreshablePage)."""
        self.refresh_drafts()
        self.reload()

    def focus_search(self) -> None:
        """编辑 → 查找 (Ctrl+F) (SearchablePage)."""
        self.ui.searchEdit.setFocus()
        self.ui.searchEdit.selectAll()

    def save_draft(self) -> bool:
        """文件 → 保存草稿 (Ctrl+S): the open entry form's draft (DraftPage)."""
        dialog = self.last_dialog
        try:
            open_form = dialog is not None and dialog.isVisible()
        except RuntimeError:  # closed and deleted
            open_form = False
        return bool(open_form and dialog is not None and dialog.form.save_draft())

    def create_new(self) -> EntryFormDialog:
        """文件 → 新建目录条目 (Ctrl+N)."""
        return self._open(None)

    # --- opening a to-do's object (shell ObjectPage) -----------------------------------------

    def show_object(self, kind: str, object_id: int) -> bool:
        """A returned entry (to-do "entry_returned"): list the returned entries, select it and
        open it with the reason. Any other kind names no entry of this list: False."""
        if kind != "entry_returned":
            return False
        if self.finder is not None:
            self.finder.cancel()
        ui = self.ui
        for widget in (ui.searchEdit, ui.statusCombo, ui.shareTypeCombo, ui.updateCycleCombo):
            widget.blockSignals(True)
        ui.searchEdit.clear()
        ui.statusCombo.setCurrentIndex(max(ui.statusCombo.findData(EntryStatus.RETURNED.value), 0))
        ui.shareTypeCombo.setCurrentIndex(0)
        ui.updateCycleCombo.setCurrentIndex(0)
        for widget in (ui.searchEdit, ui.statusCombo, ui.shareTypeCombo, ui.updateCycleCombo):
            widget.blockSignals(False)
        self._search.cancel()
        self.reload()
        self.finder = find_object(
            self.model,
            object_id,
            found=self._on_object_found,
            missing=lambda: self._on_object_missing(object_id),
            parent=self,
        )
        return True

    def _on_object_found(self, row: int) -> None:
        self.select_row(row)
        entry = self.model.row_data(row)
        self._open(int(entry["id"]))

    def _on_object_missing(self, object_id: int) -> None:
        self.ui.statusLabel.setText(
            self.tr("编号 %1 的目录已不在退回列表中，可能已重新提交。").replace(
                "%1", str(object_id)
            )
        )
        self.object_missing.emit("entry_returned", object_id)

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
        view = self.ui.entriesView
        view.setCurrentIndex(self.model.index(row, 0))
        view.selectRow(row)
        view.scrollTo(self.model.index(row, 0))

    def _update_buttons(self, *_args: Any) -> None:
        ui, entry = self.ui, self.selected()
        ui.newButton.setEnabled(self.context.has("registrar"))
        actions = P.entry_actions(entry, self.context.actor) if entry else []
        ui.editButton.setEnabled(entry is not None)
        can_edit = entry is None or P.editable(entry, self.context.actor)
        ui.editButton.setText(self.tr("编辑") if can_edit else self.tr("查看"))
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

    def act(self, action: actions.EntryAction) -> None:
        """Submit or recall the selected entry (queued in the outbox when offline)."""
        entry = self.selected()
        if entry is None:
            return
        entry_id, version = int(entry["id"]), int(entry["version"])
        verb = self.tr("提交目录：%1") if action == "submit" else self.tr("撤回目录：%1")
        label = verb.replace("%1", str(entry.get("name", "")))
        done = (
            self.tr("已提交《%1》，等待本部门审核。")
            if action == "submit"
            else self.tr("已撤回《%1》，可以修改后重新提交。")
        ).replace("%1", str(entry.get("name", "")))
        clear_outcome(self.ui.outcomeLabel)
        self.context.sync.submit(
            actions.entry_action(entry_id, action, version=version, label=label),
            done=lambda outcome: self._on_outcome(outcome, done),
        )

    def _on_outcome(self, outcome: Outcome, done_text: str = "") -> None:
        """The outcome stays on the page until the next action (list reloads keep it)."""
        label = self.ui.outcomeLabel
        if outcome.status == OutcomeStatus.SENT:
            show_outcome(label, done_text or self.tr("操作已完成。"), OK)
        elif outcome.status == OutcomeStatus.QUEUED:
            show_outcome(label, outcome.message, QUEUED)
        elif outcome.status == OutcomeStatus.CONFLICT and outcome.item is not None:
            show_outcome(label, self.tr("该目录已被他人修改，请在对比窗口中处理。"), QUEUED)
            self.conflict_dialog = open_conflict_dialog(
                self.context.sync, outcome.item, outcome.server_object, self
            )
        else:
            show_outcome(label, self.tr("操作未完成：%1").replace("%1", outcome.message), ERROR)

    def _on_action_failed(self, exc: Exception) -> None:
        text = exc.message() if isinstance(exc, ApiError) else str(exc)
        show_outcome(self.ui.outcomeLabel, self.tr("操作未完成：%1").replace("%1", text), ERROR)

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
        action = actions.delete_entry(entry_id, version=int(entry["version"]), label=label)
        done = self.tr("已删除草稿目录《%1》。").replace("%1", name)
        clear_outcome(self.ui.outcomeLabel)
        self.context.sync.submit(action, done=lambda outcome: self._on_outcome(outcome, done))

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
            show_outcome(self.ui.outcomeLabel, self.tr("本地草稿已删除。"), OK)

        self.context.run(op, success=done, failure=self._on_action_failed)

    def _role_hook(self, row: dict[str, Any], role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole:
            colour = STATUS_COLOURS.get(row.get("status", ""))
            return QColor(colour) if colour else None
        return None
