"""The lasting outcome line of a page: what became of the user's last action (sent, queued,
refused), shown until the next action starts — list reloads do not clear it.

    show_outcome(self.ui.outcomeLabel, "已确认发布《户籍人口信息》，信息资源代码：…", OK)
    clear_outcome(self.ui.outcomeLabel)      # when the next action starts
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QLabel, QSizePolicy

OK: Final = "ok"
QUEUED: Final = "queued"
ERROR: Final = "error"
BUSY: Final = "busy"

_STYLES = {
    OK: "background: #e6f4ea; border: 1px solid #81c995; color: #0d652d;",
    QUEUED: "background: #fef7e0; border: 1px solid #fdd663; color: #7a4f01;",
    ERROR: "background: #fce8e6; border: 1px solid #f28b82; color: #a50e0e;",
    BUSY: "color: #5f6368;",
}


def show_outcome(label: QLabel, text: str, kind: str = OK) -> None:
    label.setText(text)
    label.setProperty("outcome", kind)
    label.setStyleSheet(f"QLabel {{ {_STYLES.get(kind, '')} padding: 6px; border-radius: 3px; }}")
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    policy = label.sizePolicy()  # keeps height-for-width: as tall as the text at its width
    policy.setVerticalPolicy(QSizePolicy.Policy.Maximum)
    label.setSizePolicy(policy)
    if label.findChild(_HeightFitter, "outcomeFitter") is None:
        _HeightFitter(label)
    label.setVisible(bool(text))
    _fit_height(label)


def _fit_height(label: QLabel) -> None:
    """As tall as the wrapped text at the label's width (a word-wrapped label's size hint is
    taller: nested layouts would hand it that much room)."""
    if label.width() > 40:
        label.setMaximumHeight(max(label.heightForWidth(label.width()), 1))


class _HeightFitter(QObject):
    def __init__(self, label: QLabel) -> None:
        super().__init__(label)
        self.setObjectName("outcomeFitter")
        label.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and isinstance(watched, QLabel):
            _fit_height(watched)
        return False


def clear_outcome(label: QLabel) -> None:
    show_outcome(label, "", BUSY)
