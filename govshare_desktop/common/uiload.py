"""Load Qt Designer forms from ui/ (the source of truth for static forms) at run time.

    self.ui = load_form("entry_form.ui", self)   # composition, as in the Qt examples
    self.ui.nameEdit.setText(...)                # children by objectName

QUiLoader translates the form's strings through the installed translators (context: the
form's class name), so .ui text goes through Qt Linguist like the rest of the UI.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QFile, QIODevice, QObject
from PySide6.QtUiTools import QUiLoader
from PySide6.QtWidgets import QVBoxLayout, QWidget

from govshare_desktop import host


def ui_dir() -> Path:
    """The forms (package data, also in a PyInstaller bundle)."""
    return host.ui_dir()


class Form:
    """A loaded form: `.widget` is its top-level widget; attributes find children by name."""

    def __init__(self, widget: QWidget) -> None:
        self.widget = widget

    def __getattr__(self, name: str) -> Any:
        child = self.widget.findChild(QObject, name)
        if child is None:
            raise AttributeError(f"form {self.widget.objectName()!r} has no child {name!r}")
        return child


def load_form(filename: str, parent: QWidget | None = None, *, embed: bool = True) -> Form:
    """Load ui/`filename`; with `embed`, put it in `parent`'s (new) zero-margin layout."""
    file = QFile(str(ui_dir() / filename))
    if not file.open(QIODevice.OpenModeFlag.ReadOnly):
        raise FileNotFoundError(ui_dir() / filename)
    try:
        widget = QUiLoader().load(file, parent)
    finally:
        file.close()
    if widget is None:
        raise RuntimeError(f"cannot load form {filename}")
    if embed and parent is not None:
        layout = parent.layout() or QVBoxLayout(parent)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(widget)
    return Form(widget)
