"""Interface documents of an entry (接口规范说明文档, 第十九条): the entry form's list of them,
upload (its 添加 button asks for the file) and removal.

Uploads are binary, so they go to the platform directly and only online (the form asks to save
the entry first: `entry_id` is None until then); removal is an ordinary change through the
session's SyncEngine.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QListWidget, QListWidgetItem

from govshare_desktop.api import actions
from govshare_desktop.api.actions import JsonObject
from govshare_desktop.api.client import new_idempotency_key
from govshare_desktop.api.errors import ApiError
from govshare_desktop.common.uiload import Form
from govshare_desktop.context import AppContext
from govshare_desktop.sync.engine import Outcome, OutcomeStatus
from govshare_desktop.tasks import Task


def size_text(n: int) -> str:
    return f"{n / 1024:.0f} KB" if n >= 1024 else f"{n} B"


class AttachmentsPanel(QObject):
    """Keeps the form's attachmentsList showing the entry's documents; its
    addAttachmentButton and removeAttachmentButton upload and remove one.

    Signals:
        status(str): what to tell the user (uploading, updated, failed).
    """

    status = Signal(str)

    def __init__(
        self,
        *,
        context: AppContext,
        ui: Form,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.list: QListWidget = ui.attachmentsList
        self.files: list[JsonObject] = []
        self.entry_id: int | None = None  # the entry on the platform (None: not saved yet)
        ui.addAttachmentButton.clicked.connect(self._on_add_button_clicked)
        ui.removeAttachmentButton.clicked.connect(self._on_remove_button_clicked)

    def show_files(self, files: list[JsonObject]) -> None:
        self.files = files
        self.list.clear()
        for f in files:
            item = QListWidgetItem(f"{f['filename']}  ({size_text(int(f['size']))})")
            item.setData(Qt.ItemDataRole.UserRole, f["id"])
            self.list.addItem(item)

    def current_id(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def _on_add_button_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.list.window(),
            QCoreApplication.translate("EntryForm", "选择接口规范说明文档"),
            "",
            QCoreApplication.translate(
                "EntryForm", "文档 (*.pdf *.doc *.docx *.ofd *.wps *.txt *.md *.json *.yaml)"
            ),
        )
        if path:
            self.upload(Path(path))

    def _on_remove_button_clicked(self) -> None:
        attachment_id = self.current_id()
        if attachment_id is not None:
            self.remove(attachment_id)

    def upload(self, path: Path) -> None:
        """Upload the document at `path` (the entry must be on the platform: saved)."""
        entry_id, client = self.entry_id, self.context.client
        if entry_id is None:
            self.status.emit(
                QCoreApplication.translate("EntryForm", "请先保存目录，再上传接口文档。")
            )
            return
        ctype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"

        def op(_task: Task) -> list[JsonObject]:
            key = new_idempotency_key()
            client.upload_attachment(entry_id, path.name, path.read_bytes(), ctype, key=key)
            return client.attachments(entry_id)

        self.status.emit(QCoreApplication.translate("EntryForm", "正在上传…"))
        self.context.run(op, success=self._on_changed, failure=self._on_failed)

    def remove(self, attachment_id: int) -> None:
        entry_id = self.entry_id
        if entry_id is None:
            return
        names = {int(f["id"]): str(f["filename"]) for f in self.files}
        label = QCoreApplication.translate("EntryForm", "删除接口文档：%1")
        label = label.replace("%1", names.get(attachment_id, ""))

        def done(outcome: Outcome) -> None:
            if outcome.status == OutcomeStatus.SENT:
                self.reload(entry_id)
            else:
                self.status.emit(outcome.message)

        self.context.sync.submit(actions.delete_attachment(attachment_id, label=label), done=done)

    def reload(self, entry_id: int) -> None:
        client = self.context.client
        self.context.run(
            lambda _task: client.attachments(entry_id),
            success=self._on_changed,
            failure=self._on_failed,
        )

    def _on_changed(self, files: list[JsonObject]) -> None:
        self.show_files(files)
        self.status.emit(QCoreApplication.translate("EntryForm", "接口文档已更新。"))

    def _on_failed(self, exc: Exception) -> None:
        message = exc.message() if isinstance(exc, ApiError) else str(exc)
        self.status.emit(message)
