"""我的申请's local drafts: the share requests typed on this computer (草稿) and those waiting in
the outbox (待发送), and continuing a draft in the request form. Texts: translation context
"RequestsPage".
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QListWidgetItem, QWidget

from govshare_desktop.common.uiload import Form
from govshare_desktop.context import AppContext
from govshare_desktop.i18n import time_text
from govshare_desktop.requests import submission
from govshare_desktop.requests.request_form import RequestFormDialog
from govshare_desktop.store.local import Draft
from govshare_desktop.tasks import run_in_background


class RequestDraftsPanel(QObject):
    """The drafts list of a requests page (its `ui`: draftsGroup, draftsList,
    continueDraftButton).

    Signals:
        opened(object): the request form of a draft the user continues.
    """

    opened = Signal(object)

    def __init__(self, *, context: AppContext, ui: Form, parent: QWidget) -> None:
        super().__init__(parent)
        self.page = parent
        self.context = context
        self.ui = ui
        ui.continueDraftButton.clicked.connect(self._on_continue_draft_button_clicked)
        ui.draftsList.itemDoubleClicked.connect(self._on_drafts_list_double_clicked)
        ui.draftsList.currentRowChanged.connect(self._on_drafts_list_row_changed)

    def reload(self) -> None:
        store = self.context.store
        run_in_background(lambda task: submission.list_drafts(store), success=self._on_drafts)

    def _on_drafts(self, drafts: list[Draft]) -> None:
        ui = self.ui
        ui.draftsList.clear()
        for draft in drafts:
            state = (
                QCoreApplication.translate("RequestsPage", "待发送")
                if draft.data.get("queued")
                else QCoreApplication.translate("RequestsPage", "草稿")
            )
            text = f"[{state}] {draft.title}  ·  {time_text(draft.saved_at.isoformat())}"
            if draft.data.get("error"):
                text += f"  ·  {draft.data['error']}"
            item = QListWidgetItem(text, ui.draftsList)
            item.setData(Qt.ItemDataRole.UserRole, draft)
        ui.draftsGroup.setVisible(bool(drafts))
        ui.continueDraftButton.setEnabled(False)

    def _selected_draft(self) -> Draft | None:
        item = self.ui.draftsList.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _on_drafts_list_row_changed(self, _row: int) -> None:
        draft = self._selected_draft()
        self.ui.continueDraftButton.setVisible(True)
        self.ui.continueDraftButton.setEnabled(draft is not None and not draft.data.get("queued"))

    def _on_drafts_list_double_clicked(self, _item: QListWidgetItem) -> None:
        self._on_continue_draft_button_clicked()

    def _on_continue_draft_button_clicked(self) -> None:
        draft = self._selected_draft()
        if draft is not None and not draft.data.get("queued"):
            self.open_draft(draft)

    def open_draft(self, draft: Draft) -> RequestFormDialog:
        """Continue `draft` in the request form (the request it created, if any, included)."""
        dialog = RequestFormDialog.from_draft(context=self.context, draft=draft, parent=self.page)
        dialog.finished.connect(lambda _code: self.reload())
        dialog.open()
        self.opened.emit(dialog)
        return dialog
