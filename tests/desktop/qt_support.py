"""Helpers for widget tests (no tests here): answering a confirmation box, and checking that a
window fits the smallest office screen (1366×768, 1366×728 without the taskbar)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox, QWidget

from govshare_desktop.common.sizing import SMALLEST_SCREEN, fit_to_screen

OFFICE = QRect(0, 0, SMALLEST_SCREEN.width(), SMALLEST_SCREEN.height())
LONG = "南通市人力资源和社会保障局关于城乡居民基本养老保险待遇领取资格认证的说明" * 3
"""A text longer than any real one, for labels that must wrap rather than widen a window."""


def accept_confirmation(box: QMessageBox) -> None:
    """Press the decision's button of a `common.confirm.confirm_decision` box."""
    button = box.findChild(QWidget, "confirmButton")
    assert isinstance(button, QAbstractButton)
    button.click()


def largest(widget: QWidget) -> QSize:
    """What the window needs at most: its size now, at least its minimum."""
    return widget.size().expandedTo(widget.minimumSizeHint()).expandedTo(widget.minimumSize())


def assert_fits(widget: QWidget, what: str) -> None:
    size = largest(widget)
    assert size.width() <= OFFICE.width() and size.height() <= OFFICE.height(), (what, size)


def assert_dialog_fits(dialog: QWidget, buttons: list[QAbstractButton], what: str) -> None:
    """Fitted to the office screen and shown, the dialog fits with all `buttons` inside it."""
    fit_to_screen(dialog, type(dialog).PREFERRED_SIZE, OFFICE)  # type: ignore[attr-defined]
    dialog.show()
    QApplication.processEvents()
    assert_fits(dialog, what)
    for button in buttons:
        assert button.isVisible(), (what, button.objectName())
        where = QRect(button.mapTo(dialog, QPoint(0, 0)), button.size())
        assert dialog.rect().contains(where), (what, button.objectName(), where, dialog.size())
