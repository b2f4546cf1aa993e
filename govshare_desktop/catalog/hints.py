"""一数一源 hints (第十八条): which other departments already provide the data items being
registered, fetched while the registrar types and shown above the item table (the rows they
name tinted)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QLabel

from govshare_desktop.api.actions import JsonObject
from govshare_desktop.catalog.items_table import ItemTable
from govshare_desktop.context import AppContext
from govshare_desktop.tasks import Task

MAX_NAMES = 100
HINT_STYLE = "background: #e8f0fe; border: 1px solid #aecbfa; padding: 6px;"


def hint_lines(hints: list[JsonObject]) -> list[str]:
    return [
        QCoreApplication.translate("EntryForm", "%1《%2》%3：%4")
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
    head = QCoreApplication.translate("EntryForm", "一数一源提示（第十八条）：已有部门提供：")
    return f"<b>{escape(head, quote=False)}</b><br>" + "<br>".join(
        escape(t, quote=False) for t in hint_lines(hints)
    )


class SourceHints(QObject):
    """Fetches the hints for item names off the UI thread and shows them in `label`, tinting
    the rows of `items` they name.

    Signals:
        found(object): the hints (a list of SourceHint dicts; empty when none).
    """

    found = Signal(object)

    def __init__(
        self,
        *,
        context: AppContext,
        label: QLabel,
        items: ItemTable,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.label = label
        self.items = items
        self.hints: list[JsonObject] = []
        self.found.connect(self._on_found)

    def fetch(self, names: list[str], *, exclude_entry_id: int | None) -> None:
        if not names:
            self.found.emit([])
            return
        client, wanted = self.context.client, names[:MAX_NAMES]

        def op(_task: Task) -> list[JsonObject]:
            return client.source_hints(wanted, exclude_entry_id=exclude_entry_id)

        self.context.run(op, success=self.found.emit, failure=lambda _e: None)

    def _on_found(self, hints: list[JsonObject]) -> None:
        self.hints = hints
        self.items.highlight_names(n for h in hints for n in h.get("matching_items", []))
        self.label.setVisible(bool(hints))
        if hints:
            self.label.setText(hints_html(hints))
            self.label.setStyleSheet(HINT_STYLE)
