"""Window and dialog sizes that fit the screen: every window must fit a 1366×768 office screen
(1366×728 without the taskbar) with its buttons visible. The one home of these helpers: the
shell's main window, the login dialog and every feature's dialogs use them.

    fit_to_screen(dialog, QSize(900, 860))   # preferred size, shrunk to the screen
    clamp_to(window, available_geometry(window))   # shrink and move a window onto the screen

Dialogs with many fields keep them in a scroll area (their buttons outside it), so their
minimum size stays small and shrinking never hides the buttons.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

SMALLEST_SCREEN = QSize(1366, 728)
"""1366×768 minus a 40 px taskbar: what every window and dialog must fit."""
MAIN_WINDOW_SIZE = QSize(1280, 800)
"""The main window's preferred size on a large screen."""
MARGIN = 24
"""Room left around a window or dialog for its window frame and a little desktop."""


def available_geometry(widget: QWidget | None = None) -> QRect:
    """The available geometry (without taskbars) of `widget`'s screen, or the primary one."""
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    if screen is None:
        return QRect(QPoint(0, 0), SMALLEST_SCREEN)
    return screen.availableGeometry()


def fitted_size(preferred: QSize, available: QRect, margin: int = MARGIN) -> QSize:
    """`preferred`, shrunk to leave `margin` px free on each side of `available`."""
    return QSize(
        max(1, min(preferred.width(), available.width() - 2 * margin)),
        max(1, min(preferred.height(), available.height() - 2 * margin)),
    )


def fit_to_screen(
    widget: QWidget,
    preferred: QSize | None = None,
    available: QRect | None = None,
    *,
    parent: QWidget | None = None,
) -> QSize:
    """Resize `widget` to `preferred` (default: its size now) within the available screen
    area (that of `parent`'s screen when given); never below its minimum size hint."""
    area = available or available_geometry(parent or widget.parentWidget() or widget)
    size = fitted_size(preferred or widget.size(), area)
    size = size.expandedTo(widget.minimumSizeHint()).expandedTo(widget.minimumSize())
    widget.resize(size)
    return size


def should_maximise(available: QRect) -> bool:
    """On a screen smaller than the preferred main window (plus margins), open maximised."""
    return (
        available.width() < MAIN_WINDOW_SIZE.width() + 2 * MARGIN
        or available.height() < MAIN_WINDOW_SIZE.height() + 2 * MARGIN
    )


def fits(geometry: QRect, available: QRect) -> bool:
    """Whether a window at `geometry` lies wholly within `available`."""
    return geometry.isValid() and available.contains(geometry)


def centre_on(widget: QWidget, available: QRect) -> None:
    """Move `widget` (a top-level window) to the centre of `available`, wholly inside it."""
    size = widget.frameGeometry().size().expandedTo(widget.size())
    x = available.x() + max(0, (available.width() - size.width()) // 2)
    y = available.y() + max(0, (available.height() - size.height()) // 2)
    widget.move(x, y)


def clamp_to(widget: QWidget, available: QRect, margin: int = MARGIN) -> None:
    """Shrink `widget` to fit `available` (never below its minimum size) and keep it inside."""
    size = fitted_size(widget.size(), available, margin).expandedTo(widget.minimumSize())
    if size != widget.size():
        widget.resize(size)
    frame = widget.frameGeometry()
    if not available.contains(frame):
        centre_on(widget, available)
