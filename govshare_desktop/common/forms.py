"""Inline field errors: a red border on the field and the message right under it, plus a summary.

    errors = FieldErrors(summary=self.ui.errorSummary, parent=self)
    errors.bind("name", self.ui.nameEdit, self.ui.nameError)   # field path, widget, message label
    errors.show({"name": "信息资源名称不能为空"})                    # from validate_entry or a 422

Paths like "data_items[2].name" fall back to their top field ("data_items") when no widget is
bound to the full path, so every message lands next to something. Messages never bound to a
field still appear in the summary, so nothing is silently dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget

ERROR_PROPERTY = "fieldError"
ERROR_STYLE = '*[fieldError="true"] { border: 1px solid #d93025; border-radius: 3px; }'
MESSAGE_STYLE = "color: #d93025;"


def top_field(path: str) -> str:
    """ "data_items[2].name" → "data_items"; "changes.share_type" → "changes"."""
    return re.split(r"[.\[]", path, maxsplit=1)[0]


def errors_by_field(errors: Iterable[Any], language: str = "zh") -> dict[str, str]:
    """FieldError objects or 422 dicts → {path: message}, several messages per path joined."""
    out: dict[str, str] = {}
    for e in errors:
        if isinstance(e, Mapping):
            path = str(e.get("field", ""))
            msg = str(e.get("message_en" if language == "en" else "message_zh") or "")
        else:
            path = e.field
            msg = e.message_en if language == "en" else e.message_zh
        out[path] = f"{out[path]}；{msg}" if path in out else msg
    return out


def mark(widget: QWidget, on: bool) -> None:
    """Set or clear the red error border of `widget` (a dynamic property + style sheet)."""
    if bool(widget.property(ERROR_PROPERTY)) == on:
        return
    widget.setProperty(ERROR_PROPERTY, on)
    if ERROR_STYLE not in (widget.styleSheet() or ""):
        widget.setStyleSheet((widget.styleSheet() or "") + ERROR_STYLE)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


_TEXT_ROLES = (
    QPalette.ColorRole.Text,
    QPalette.ColorRole.WindowText,
    QPalette.ColorRole.ButtonText,
)
READ_ONLY_PROPERTY = "readOnlyView"


def legible_when_disabled(widget: QWidget, on: bool) -> None:
    """While `on`, disabled children of `widget` (combos, check boxes shown read-only) keep the
    normal text colour instead of the pale grey of disabled controls."""
    if bool(widget.property(READ_ONLY_PROPERTY)) == on:
        return
    widget.setProperty(READ_ONLY_PROPERTY, on)
    palette = QPalette(widget.palette())
    default = QApplication.palette(widget)
    for role in _TEXT_ROLES:
        colour = default.color(
            QPalette.ColorGroup.Active if on else QPalette.ColorGroup.Disabled, role
        )
        palette.setColor(QPalette.ColorGroup.Disabled, role, colour)
    widget.setPalette(palette)


class FieldErrors(QObject):
    """Shows errors next to bound fields; remembers what is shown (for tests and screenshots)."""

    def __init__(self, *, summary: QLabel | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bindings: dict[str, tuple[QWidget, QLabel | None]] = {}
        self._summary = summary
        self.shown: dict[str, str] = {}
        self.unbound: list[str] = []
        if summary is not None:
            summary.setStyleSheet(MESSAGE_STYLE)
            summary.setWordWrap(True)
            summary.hide()

    def bind(self, path: str, widget: QWidget, message: QLabel | None = None) -> None:
        self._bindings[path] = (widget, message)
        if message is not None:
            message.setStyleSheet(MESSAGE_STYLE)
            message.setWordWrap(True)
            message.hide()

    def target(self, path: str) -> str | None:
        """The bound path that shows an error of `path` (itself or its top field)."""
        if path in self._bindings:
            return path
        top = top_field(path)
        return top if top in self._bindings else None

    def message_for(self, path: str) -> str:
        """The text shown under the field bound to `path` ("" when none)."""
        return self.shown.get(path, "")

    def show(self, errors: Mapping[str, str], *, summary_title: str = "") -> None:
        grouped: dict[str, list[str]] = {}
        unbound: list[str] = []
        for path, msg in errors.items():
            target = self.target(path)
            if target is None:
                unbound.append(msg)
            else:
                grouped.setdefault(target, []).append(msg)
        self.shown = {k: "；".join(v) for k, v in grouped.items()}
        for path, (widget, label) in self._bindings.items():
            text = self.shown.get(path, "")
            mark(widget, bool(text))
            if label is not None:
                label.setText(text)
                label.setVisible(bool(text))
        if self._summary is not None:
            lines = list(dict.fromkeys(list(self.shown.values()) + unbound))
            if lines:
                head = f"{summary_title}\n" if summary_title else ""
                self._summary.setText(head + "\n".join(f"• {line}" for line in lines))
            self._summary.setVisible(bool(lines))
        self.unbound = unbound

    def clear(self) -> None:
        self.show({})
