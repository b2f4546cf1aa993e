"""Opening a 待办 (to-do) item's object from the home page (the main window's double-click).

The page that handles the kind (shell/pages.py `TODO_TARGETS`) selects the object itself when
it implements `ObjectPage.show_object`. Until then the window switches the page's list filter
to the one under which the object is listed (`ListFilter`), so the user at least lands on a
list that contains it, and the status bar says to pick it there.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtWidgets import QComboBox, QTabWidget, QWidget

from govshare_desktop.shell.pages import ListFilter, ObjectPage


class Opened(Enum):
    SELECTED = "selected"  # the page selected the object
    NOT_LISTED = "not_listed"  # the page looked and the object is not (any longer) there
    LISTED = "listed"  # the page cannot select yet; its filter shows the object's list


def apply_filter(page: QWidget, flt: ListFilter, state: str) -> bool:
    """Choose `flt` in the page's filter widget; False when the page has no such choice."""
    widget = page.findChild(QWidget, flt.widget)
    value = flt.resolved(state)
    if isinstance(widget, QComboBox):
        index = next((i for i in range(widget.count()) if widget.itemData(i) == value), -1)
        if index >= 0:
            widget.setCurrentIndex(index)
        return index >= 0
    if isinstance(widget, QTabWidget):
        tab = page.findChild(QWidget, str(value))
        index = widget.indexOf(tab) if tab is not None else -1
        if index >= 0:
            widget.setCurrentIndex(index)
        return index >= 0
    return False


def open_object(
    page: QWidget, kind: str, object_id: int, state: str, flt: ListFilter | None
) -> Opened:
    """Ask `page` to show the object; else put its list under `flt`."""
    if isinstance(page, ObjectPage):
        return Opened.SELECTED if page.show_object(kind, object_id) else Opened.NOT_LISTED
    if flt is not None:
        apply_filter(page, flt, state)
    return Opened.LISTED
