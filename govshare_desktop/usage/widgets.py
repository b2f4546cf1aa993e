"""Small widget helpers of the usage pages (built in code, not Designer forms)."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import QWidget

W = TypeVar("W", bound=QWidget)


def named(widget: W, name: str) -> W:
    """`widget` with its objectName (tests and the screenshots find children by it)."""
    widget.setObjectName(name)
    return widget
