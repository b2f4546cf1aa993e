"""我的目录's local drafts (本地草稿): entries drafted on this computer that the platform has not
got yet — listed with the time they were saved, opened in the entry form, or thrown away
together with the queued actions that would send them (after the user confirms).

    drafts = LocalDrafts(context=context, ui=page.ui, confirm=page.confirm, parent=page)
    drafts.open_requested.connect(lambda key: open_entry_form(context, draft_key=key))
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QListWidgetItem

from govshare_core import clock
from govshare_desktop.catalog.submission import DRAFT_KIND
from govshare_desktop.common.uiload import Form
from govshare_desktop.context import AppContext
from govshare_desktop.store.local import OPEN_STATES
from govshare_desktop.tasks import Task

Confirm = Callable[[str, str, Callable[[], None]], Any]
"""`confirm(title, text, then)`: ask the user; `then()` when they agree."""


class LocalDrafts(QObject):
    """Drives the page's draftsGroup: draftsList, openDraftButton and deleteDraftButton.

    Signals:
        open_requested(str): open the draft with this key in the entry form.
        discarded(): a draft was thrown away.
        failed(object): throwing it away failed (the exception).
    """

    open_requested = Signal(str)
    discarded = Signal()
    failed = Signal(object)

    def __init__(
        self, *, context: AppContext, ui: Form, confirm: Confirm, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.ui = ui
        self.confirm = confirm
        ui.draftsList.currentItemChanged.connect(self._update_buttons)
        ui.draftsList.itemActivated.connect(self._on_drafts_list_item_activated)
        ui.openDraftButton.clicked.connect(self._on_open_draft_button_clicked)
        ui.deleteDraftButton.clicked.connect(self._on_delete_draft_button_clicked)

    def refresh(self) -> None:
        """List the drafts of entries not on the platform yet (the group hides without any)."""
        lst = self.ui.draftsList
        lst.clear()
        drafts = [d for d in self.context.store.list_drafts(DRAFT_KIND) if d.server_id is None]
        for d in drafts:
            title = d.title or QCoreApplication.translate("MyEntriesPage", "未命名目录")
            saved = clock.platform_time(d.saved_at).strftime("%Y-%m-%d %H:%M")
            text = QCoreApplication.translate("MyEntriesPage", "%1（本地草稿，%2 保存）")
            item = QListWidgetItem(text.replace("%1", title).replace("%2", saved))
            item.setData(Qt.ItemDataRole.UserRole, d.key)
            lst.addItem(item)
        if drafts:
            lst.setCurrentRow(0)
        self.ui.draftsGroup.setVisible(bool(drafts))
        self._update_buttons()

    def _update_buttons(self, *_args: object) -> None:
        chosen = self.ui.draftsList.currentItem() is not None
        self.ui.openDraftButton.setEnabled(chosen)
        self.ui.deleteDraftButton.setEnabled(chosen)

    def _on_drafts_list_item_activated(self, item: QListWidgetItem) -> None:
        self.open_requested.emit(str(item.data(Qt.ItemDataRole.UserRole)))

    def _on_open_draft_button_clicked(self) -> None:
        item = self.ui.draftsList.currentItem()
        if item is not None:
            self._on_drafts_list_item_activated(item)

    def _on_delete_draft_button_clicked(self) -> None:
        item = self.ui.draftsList.currentItem()
        if item is None:
            return
        key = str(item.data(Qt.ItemDataRole.UserRole))
        text = QCoreApplication.translate(
            "MyEntriesPage",
            "确定删除本地草稿“%1”？草稿及其尚未发送的操作将被丢弃，无法恢复。",
        )
        self.confirm(
            QCoreApplication.translate("MyEntriesPage", "删除本地草稿"),
            text.replace("%1", item.text()),
            lambda: self.discard(key),
        )

    def discard(self, key: str) -> None:
        """Throw a local draft away, with the queued actions that would send it."""
        store = self.context.store

        def op(_task: Task) -> int:
            for queued in store.outbox(states=OPEN_STATES):
                if queued.draft_kind == DRAFT_KIND and queued.draft_key == key:
                    store.remove(queued.seq)
            store.delete_draft(DRAFT_KIND, key)
            return store.pending_count()

        def done(pending: int) -> None:
            self.context.outbox_changed.emit(pending)
            self.refresh()
            self.discarded.emit()

        self.context.run(op, success=done, failure=self.failed.emit)
