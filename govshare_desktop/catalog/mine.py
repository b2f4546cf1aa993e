"""我的目录: my department's entries (lazy, server-paged, filtered, searched, sorted by the
platform), local drafts, and the actions the workflow allows; the first rows are cached for
offline browsing. The list as data is in `entry_list`, the local drafts in `local_drafts`."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from govshare_core import clock
from govshare_core.vocab import EntryStatus, ShareType, UpdateCycle
from govshare_desktop import i18n
from govshare_desktop.api import actions
from govshare_desktop.api.errors import ApiError
from govshare_desktop.catalog import presenter as P
from govshare_desktop.catalog.entry_form import EntryFormDialog, open_entry_form
from govshare_desktop.catalog.entry_list import (
    CACHE_NAME,
    cacheable,
    entries_fetcher,
    entry_columns,
    entry_plans,
    status_colour,
)
from govshare_desktop.catalog.local_drafts import LocalDrafts
from govshare_desktop.catalog.submission import DRAFT_KIND
from govshare_desktop.catalog.workbook_actions import WorkbookActions
from govshare_desktop.common.conflict import open_conflict_dialog
from govshare_desktop.common.debounce import Debouncer
from govshare_desktop.common.finder import ObjectSeeker
from govshare_desktop.common.outcome import ERROR, OK, QUEUED, clear_outcome, show_outcome
from govshare_desktop.common.paged_model import MoreThan, PagedTableModel
from govshare_desktop.common.tables import ColumnSizer, compact_rows, enable_sorting
from govshare_desktop.common.uiload import load_form
from govshare_desktop.context import AppContext
from govshare_desktop.sync.engine import Outcome, OutcomeStatus


class MyEntriesPage(QWidget):
    """The registrar's list ("catalog.mine").

    Workflow actions and deletions go through the session's SyncEngine when there is one
    (queued offline, 412 → compare view), else straight to the platform.
    """

    object_missing = Signal(str, int)
    """show_object looked in vain (kind, id): the object is no longer listed."""

    def __init__(
        self, *, context: AppContext, page_size: int = 100, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.confirm_box: QMessageBox | None = None
        self.conflict_dialog: QWidget | None = None
        self.last_dialog: EntryFormDialog | None = None
        self.seeker = ObjectSeeker(self)
        self.ui = load_form("my_entries.ui", self)
        self.drafts = LocalDrafts(context=context, ui=self.ui, confirm=self.confirm, parent=self)
        self.model = PagedTableModel(
            fetch_page=self._fetcher(),
            columns=entry_columns(),
            page_size=page_size,
            runner=context.run,
            parent=self,
        )
        self.model.set_role_hook(status_colour)
        view = self.ui.entriesView
        view.setModel(self.model)
        view.verticalHeader().hide()
        compact_rows(view)
        enable_sorting(view, on_unavailable=self.ui.statusLabel.setText)
        ColumnSizer(view, entry_plans())
        clear_outcome(self.ui.outcomeLabel)
        self._search = Debouncer(delay_ms=250, callback=self._on_search_fired, parent=self)
        # 导入/导出 (Excel, issue 12), after 删除 in the button row
        self.workbook = WorkbookActions(context=context, status=self.ui.outcomeLabel, parent=self)
        row = self.ui.buttonRow
        row.insertWidget(row.indexOf(self.ui.deleteButton) + 1, self.workbook.button)
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
        ui.entriesView.doubleClicked.connect(lambda _i: self._on_edit_button_clicked())
        ui.entriesView.selectionModel().selectionChanged.connect(self._update_buttons)
        self.drafts.open_requested.connect(lambda key: self._open(None, draft_key=key))
        self.drafts.discarded.connect(self._on_drafts_discarded)
        self.drafts.failed.connect(self._on_action_failed)
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
        return entries_fetcher(self.context.client, self.filters())

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
        self.seeker.cancel()
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
        missing = partial(self._on_object_missing, object_id)
        self.seeker.seek(self.model, object_id, found=self._on_object_found, missing=missing)
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
        self.drafts.refresh()

    def _on_search_fired(self, _text: object) -> None:
        self.reload()

    def _on_model_page_loaded(self, loaded: int, total: object) -> None:
        if loaded == 0:
            self.ui.statusLabel.setText(self.tr("没有符合条件的目录。点击“新建”登记第一条。"))
        elif isinstance(total, MoreThan):  # the platform stopped counting: a bound
            self.ui.statusLabel.setText(
                self.tr("超过 %1 条，已显示 %2 条")
                .replace("%1", f"{int(total):,}")
                .replace("%2", str(loaded))
            )
        else:
            self.ui.statusLabel.setText(
                self.tr("共 %1 条，已显示 %2 条")
                .replace("%1", str(total))
                .replace("%2", str(loaded))
            )
        self.ui.asOfLabel.setText("")
        if cacheable(loaded, self.filters()):
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
                        "%1", clock.platform_time(as_of).strftime("%Y-%m-%d %H:%M")
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

    def _on_drafts_discarded(self) -> None:
        show_outcome(self.ui.outcomeLabel, self.tr("本地草稿已删除。"), OK)

    def _on_action_failed(self, exc: Exception) -> None:
        text = exc.message() if isinstance(exc, ApiError) else str(exc)
        show_outcome(self.ui.outcomeLabel, self.tr("操作未完成：%1").replace("%1", text), ERROR)

    # --- deleting drafts (the platform's here; local ones: LocalDrafts) -----------------------

    def confirm(self, title: str, text: str, then: Callable[[], None]) -> QMessageBox:
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
