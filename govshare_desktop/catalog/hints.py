"""一数一源 hints (第十八条): which other departments already provide the data items being
registered, fetched while the registrar types and shown above the item table."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, QObject, Signal

from govshare_desktop.api.actions import JsonObject
from govshare_desktop.context import AppContext
from govshare_desktop.tasks import Task

MAX_NAMES = 100
HINT_STYLE = "background: #e8f0fe; border: 1px solid #aecbfa; padding: 6px;"


def _tr(text: str) -> str:
    return QCoreApplication.translate("EntryForm", text)


def hint_lines(hints: list[JsonObject]) -> list[str]:
    return [
        _tr("%1《%2》%3：%4")
        .replace("%1", str(h["department_name"]))
        .replace("%2", str(h["entry_name"]))
        .replace("%3", f"（{h['resource_code']}）" if h.get("resource_code") else "")
        .replace("%4", "、".join(h["matching_items"]))
        for h in hints
    ]


def hints_html(hints: list[JsonObject]) -> str:
    """The hint box's rich text ("" when there is nothing to say)."""
    if not hints:
        return ""
    head = _tr("一数一源提示（第十八条）：已有部门提供：")
    return f"<b>{escape(head, quote=False)}</b><br>" + "<br>".join(
        escape(t, quote=False) for t in hint_lines(hints)
    )


class SourceHints(QObject):
    """Fetches the hints for item names off the UI thread.

    Signals:
        found(object): the hints (a list of SourceHint dicts; empty when none).
    """

    found = Signal(object)

    def __init__(self, *, context: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.hints: list[JsonObject] = []
        self.found.connect(self._remember)

    def fetch(self, names: list[str], *, exclude_entry_id: int | None) -> None:
        if not names:
            self.found.emit([])
            return
        client, wanted = self.context.client, names[:MAX_NAMES]

        def op(_task: Task) -> list[JsonObject]:
            return client.source_hints(wanted, exclude_entry_id=exclude_entry_id)

        self.context.run(op, success=self.found.emit, failure=lambda _e: None)

    def _remember(self, hints: list[JsonObject]) -> None:
        self.hints = hints
