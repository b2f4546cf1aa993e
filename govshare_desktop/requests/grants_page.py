"""授权: the grants my department gives and receives, their expiry, and revocation with a reason
(第二十九条 column-level grants, 第三十条). The platform searches (`q`, debounced typing) and sorts
(a header click) each tab's list."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QTableView, QWidget

from govshare_core import rules
from govshare_core.vocab import GrantStatus, Role
from govshare_desktop.api import actions
from govshare_desktop.api.actions import JsonObject
from govshare_desktop.api.errors import ApiError
from govshare_desktop.common.debounce import Debouncer
from govshare_desktop.common.finder import ObjectSeeker
from govshare_desktop.common.outcome import OK, QUEUED, clear_outcome, show_outcome
from govshare_desktop.common.paged_model import PagedTableModel, Row
from govshare_desktop.common.uiload import load_form
from govshare_desktop.context import AppContext
from govshare_desktop.i18n import label_of
from govshare_desktop.requests import lists
from govshare_desktop.requests.dialogs import ReasonDialog
from govshare_desktop.requests.presenters import can_revoke_grant
from govshare_desktop.requests.tables import (
    ColumnDropper,
    compact_rows,
    enable_sorting,
    grant_column_plans,
    grant_columns,
    select_row,
    size_columns,
)
from govshare_desktop.sync.engine import Done

PAGE_SIZE = 100
EXPIRING_BACKGROUND = QColor("#fff3c4")


def _row_role(row: Row, role: int) -> Any:
    if role == Qt.ItemDataRole.BackgroundRole and row.get("_expiring"):
        return QBrush(EXPIRING_BACKGROUND)
    return None


class GrantsPage(QWidget):
    """Tabs of grants given / received (and all, for the platform admin) with revocation.

    Signals:
        revoked(object): a grant was revoked (the platform's GrantOut JSON).
        dialog_opened(object): the revocation reason dialog opened.
    """

    revoked = Signal(object)
    dialog_opened = Signal(object)
    object_missing = Signal(str, int)

    def __init__(self, *, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("grantsPage")
        self.context = context
        self.ui = load_form("grants.ui", self)
        legend = self.ui.legendLabel  # the warning window is the core's, not the form's
        legend.setText(legend.text().replace("%1", str(rules.GRANT_EXPIRY_WARNING_DAYS)))
        self.active_dialog: ReasonDialog | None = None
        self.seeker = ObjectSeeker(self)
        self.models: dict[str, PagedTableModel] = {}
        self._tab_chosen = False  # the user (or a to-do) picked a tab: keep it
        sides = ["given", "received"]
        if context.has(Role.PLATFORM_ADMIN):
            sides.append("all")
        else:
            self.ui.tabWidget.removeTab(self.ui.tabWidget.indexOf(self.ui.allTab))
        for side in sides:
            model = PagedTableModel(
                fetch_page=None,
                columns=grant_columns(),
                page_size=PAGE_SIZE,
                runner=context.run,
                parent=self,
            )
            model.set_role_hook(_row_role)
            model.failed.connect(self._on_model_failed)
            model.page_loaded.connect(self._on_model_page_loaded)
            view: QTableView = getattr(self.ui, f"{side}View")
            view.setModel(model)
            compact_rows(view)
            enable_sorting(view, on_unavailable=self._say)
            widths = size_columns(view, grant_column_plans())
            # narrow windows drop 撤销理由, 生效日期 and 共享方式 before squeezing the names
            ColumnDropper(view, widths=widths, optional=(9, 5, 4), stretch=0, min_stretch=140)
            view.selectionModel().currentRowChanged.connect(self._on_selection_changed)
            self.models[side] = model
        self._search = Debouncer(
            delay_ms=lists.SEARCH_DEBOUNCE_MS, callback=self._on_search_fired, parent=self
        )
        self.ui.searchEdit.setMaxLength(lists.SEARCH_MAX_LENGTH)
        self.ui.tabWidget.setCurrentWidget(getattr(self.ui, f"{self._first_side()}Tab"))
        clear_outcome(self.ui.statusLabel)
        self.ui.revokeButton.setVisible(context.has(Role.RESOURCE_ADMIN, Role.PLATFORM_ADMIN))
        self.ui.revokeButton.setEnabled(False)
        self.ui.tabWidget.currentChanged.connect(self._on_tab_changed)
        self.ui.tabWidget.tabBarClicked.connect(self._on_tab_bar_clicked)
        self.ui.searchEdit.textChanged.connect(self._search.push)
        self.ui.refreshButton.clicked.connect(self.reload)
        self.ui.revokeButton.clicked.connect(self._on_revoke_button_clicked)
        context.data_changed.connect(self._on_context_data_changed)
        self.reload()

    def _first_side(self) -> str:
        """The tab to open on: the platform admin's department neither gives nor receives
        grants (all of them are its to watch); a resource admin gives, an applicant receives."""
        if "all" in self.models:
            return "all"
        if self.context.has(Role.RESOURCE_ADMIN):
            return "given"
        return "received"

    def search_text(self) -> str | None:
        return lists.search_text(self.ui.searchEdit.text())

    def reload(self) -> None:
        """Reload every tab with the search text (the outcome line of the last revocation
        stays; so does the platform's sort a header asked for)."""
        for side, model in self.models.items():
            model.reset(lists.grant_fetcher(self.context, side, self.search_text()))

    def refresh(self) -> None:
        """视图 → 刷新 (F5) (RefreshablePage)."""
        self.reload()

    def focus_search(self) -> None:
        """编辑 → 查找 (Ctrl+F) (SearchablePage)."""
        self.ui.searchEdit.setFocus()
        self.ui.searchEdit.selectAll()

    def _say(self, text: str) -> None:
        self.ui.countLabel.setText(text)

    # --- search and empty lists --------------------------------------------------------------

    def _on_search_fired(self, _text: object) -> None:
        self.reload()
        self._update_empty_state()

    def _on_model_page_loaded(self, *_args: Any) -> None:
        if not self._tab_chosen:
            self._open_a_tab_with_content()
        self._update_empty_state()

    def _open_a_tab_with_content(self) -> None:
        """While the user has not picked a tab: if the current one stays empty, open the first
        one that has grants."""
        current = self.models[self.current_side()]
        if current.rowCount() > 0 or not current.complete:
            return
        for side, model in self.models.items():
            if model.rowCount() > 0:
                self.ui.tabWidget.blockSignals(True)
                self.ui.tabWidget.setCurrentWidget(getattr(self.ui, f"{side}Tab"))
                self.ui.tabWidget.blockSignals(False)
                self._on_selection_changed()
                return

    def empty_text(self, side: str) -> str:
        """What would appear on an empty tab, and why it is empty."""
        query = self.ui.searchEdit.text().strip()
        if query:
            return self.tr("没有符合“%1”的授权。").replace("%1", query)
        texts = {
            "given": self.tr(
                "本部门还没有提供给其他部门的授权。其他部门对本部门信息资源的共享申请获批后，"
                "授权将按信息项列在这里。"
            ),
            "received": self.tr(
                "本部门还没有获得授权。本部门的共享申请获批后（可在“共享目录”中申请），"
                "获得的授权将按信息项列在这里。"
            ),
            "all": self.tr("共享平台上还没有授权。共享申请获批后，授权将按信息项列在这里。"),
        }
        return texts.get(side, "")

    def _update_empty_state(self) -> None:
        side = self.current_side()
        model = self.models[side]
        empty = model.rowCount() == 0
        self.ui.emptyLabel.setText(self.empty_text(side) if empty else "")
        self.ui.emptyLabel.setVisible(empty and not model.is_loading)  # once the answer is in
        total = model.total
        if self.search_text() and total is not None:
            self._say(self.tr("筛选出 %1 条").replace("%1", str(total)))
        else:
            self._say(self.tr("共 %1 条").replace("%1", str(total)) if total else "")

    def _on_tab_bar_clicked(self, _index: int) -> None:
        self._tab_chosen = True

    def _on_tab_changed(self, _index: int) -> None:
        self._update_empty_state()
        self._on_selection_changed()

    # --- selection, opening a to-do's object ---------------------------------------------------

    def current_side(self) -> str:
        widget = self.ui.tabWidget.currentWidget()
        return {self.ui.givenTab: "given", self.ui.receivedTab: "received"}.get(widget, "all")

    def current_grant(self) -> Row | None:
        side = self.current_side()
        view: QTableView = getattr(self.ui, f"{side}View")
        index = view.currentIndex()
        return self.models[side].row_data(index.row()) if index.isValid() else None

    def select(self, side: str, row: int) -> None:
        self.ui.tabWidget.setCurrentWidget(getattr(self.ui, f"{side}Tab"))
        select_row(getattr(self.ui, f"{side}View"), row)

    def show_object(self, kind: str, object_id: int) -> bool:
        """ "grant_expiring" (a request id): the received tab with that request's grants, the
        soonest ending selected. False for other kinds or without a received tab."""
        if kind != "grant_expiring" or "received" not in self.models:
            return False
        self._tab_chosen = True
        self.ui.searchEdit.blockSignals(True)
        self.ui.searchEdit.clear()
        self.ui.searchEdit.blockSignals(False)
        self._search.cancel()
        self.ui.tabWidget.setCurrentWidget(self.ui.receivedTab)
        self.reload()
        self.seeker.seek(
            self.models["received"],
            object_id,
            key="request_id",
            found=lambda row: self.select("received", row),
            missing=lambda: self._object_missing(object_id),
        )
        return True

    def _object_missing(self, request_id: int) -> None:
        self._say(
            self.tr("申请 #%1 的授权已不在“本部门获得的授权”中。").replace("%1", str(request_id))
        )
        self.object_missing.emit("grant_expiring", request_id)

    def _on_selection_changed(self, *_args: Any) -> None:
        grant = self.current_grant()
        allowed = grant is not None and can_revoke_grant(grant, self.context.actor)
        self.ui.revokeButton.setEnabled(allowed)

    def _on_revoke_button_clicked(self) -> None:
        grant = self.current_grant()
        if grant is None:
            return
        grant_id = int(grant["id"])
        label = (
            self.tr("撤销授权：%1 / %2")
            .replace("%1", str(grant.get("entry_name", "")))
            .replace("%2", str(grant.get("data_item", "")))
        )

        def send(body: JsonObject | None, done: Done) -> None:
            self.context.sync.submit(
                actions.revoke_grant(grant_id, body or {}, label=label), done=done
            )

        dialog = ReasonDialog(
            context=self.context,
            title=self.tr("撤销授权"),
            prompt=self.tr("撤销“%1”对“%2”的授权，请说明理由：")
            .replace("%1", str(grant.get("consumer_department_name", "")))
            .replace("%2", f"{grant.get('entry_name')} / {grant.get('data_item')}"),
            send=send,
            parent=self,
        )
        dialog.confirm_with(
            object_name=f"{grant.get('entry_name')} / {grant.get('data_item')}",
            decision=self.tr("撤销“%1”的这项授权（第三十条）").replace(
                "%1", str(grant.get("consumer_department_name", ""))
            ),
            button=self.tr("撤销授权"),
        )
        dialog.sent.connect(self._on_dialog_sent)
        dialog.queued.connect(self._on_dialog_queued)
        clear_outcome(self.ui.statusLabel)
        self.active_dialog = dialog
        dialog.open()
        self.dialog_opened.emit(dialog)

    def _on_dialog_sent(self, answer: Any) -> None:
        """The outcome stays on the page until the next revocation (reloads keep it)."""
        grant = answer if isinstance(answer, dict) else {}
        text = (
            self.tr("已撤销授权：%1 / %2（%3）。")
            .replace("%1", str(grant.get("entry_name", "")))
            .replace("%2", str(grant.get("data_item", "")))
            .replace("%3", label_of(GrantStatus, grant.get("status")))
        )
        show_outcome(self.ui.statusLabel, text, OK)
        self.revoked.emit(answer)
        for kind in ("grant", "request"):
            self.context.data_changed.emit(kind)

    def _on_dialog_queued(self, text: str) -> None:
        show_outcome(self.ui.statusLabel, text, QUEUED)
        self.ui.revokeButton.setEnabled(False)

    def _on_context_data_changed(self, kind: str) -> None:
        if kind == "grant":
            self.reload()

    def _on_model_failed(self, exc: Exception) -> None:
        text = exc.message() if isinstance(exc, ApiError) else str(exc)
        self._say(self.tr("加载失败：%1").replace("%1", text))
