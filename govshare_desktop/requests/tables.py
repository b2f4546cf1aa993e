"""Column sizing for the share pages' tables: measured from the texts a column can hold, so
the widths follow the UI font (CJK or Latin) and the language instead of fixed pixel counts.

    size_columns(view, [Fit(samples=["311010/000001"]), Stretch(), Capped(150), ...])
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

CELL_PADDING = 14
"""Horizontal room around a cell's text (margins, focus frame, sort indicator space)."""


@dataclass(frozen=True)
class Fit:
    """Fixed to the widest of `samples` and the header text; the user may still resize."""

    samples: Sequence[str] = field(default_factory=tuple)


@dataclass(frozen=True)
class Capped:
    """Sized to the header/samples but at most `max_width` px; longer texts are elided."""

    max_width: int
    samples: Sequence[str] = field(default_factory=tuple)


@dataclass(frozen=True)
class Stretch:
    """Takes the room the other columns leave."""


@dataclass(frozen=True)
class Contents:
    """Resized to the column's current contents (small, local models only)."""


Plan = Fit | Capped | Stretch | Contents


def text_width(view: QAbstractItemView, texts: Iterable[str], *, header: str = "") -> int:
    """Pixels a column needs for `texts` in the view's font and `header` in the header's."""
    body = view.fontMetrics()
    widths = [body.horizontalAdvance(t) for t in texts]
    if isinstance(view, QTableView) and header:
        bold = QFont(view.horizontalHeader().font())
        bold.setBold(True)  # some styles draw the header bold: measure the worst case
        widths.append(QFontMetrics(bold).horizontalAdvance(header) + 4)
    return max(widths, default=0) + CELL_PADDING


def compact_rows(view: QTableView) -> None:
    """Rows one text line high plus a little air (the default is tall for CJK fonts)."""
    header = view.verticalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    header.setDefaultSectionSize(view.fontMetrics().height() + 10)


def size_columns(view: QTableView, plans: Sequence[Plan]) -> dict[int, int]:
    """Apply one plan per model column; the view elides long texts at the right.

    Returns the widths given to the fixed (Fit/Capped) columns.
    """
    widths: dict[int, int] = {}
    model = view.model()
    header = view.horizontalHeader()
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    header.setMinimumSectionSize(text_width(view, ["……"]))
    for column, plan in enumerate(plans):
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        if isinstance(plan, Stretch):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        elif isinstance(plan, Contents):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        else:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            width = text_width(view, plan.samples, header=title)
            if isinstance(plan, Capped):
                width = min(width, plan.max_width)
            view.setColumnWidth(column, width)
            widths[column] = width
    return widths


class ColumnDropper(QObject):
    """Hides optional columns while the view is too narrow for them and the stretched column's
    `min_stretch` px, and shows them again when it widens (their values are in the detail).
    """

    def __init__(
        self,
        view: QTableView,
        *,
        widths: dict[int, int],
        optional: Sequence[int],
        stretch: int,
        min_stretch: int,
    ) -> None:
        super().__init__(view)
        self._view = view
        self._optional = list(optional)  # the first one is hidden first
        self._stretch = stretch
        self._min_stretch = min_stretch
        # what the columns need (not what they have: a hidden one has 0, the last one stretches)
        self._widths = dict(widths)
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.apply()
        return False

    def apply(self) -> None:
        view = self._view
        header = view.horizontalHeader()
        columns = range(header.count())
        fixed = {
            c: self._widths.get(c, header.sectionSize(c)) for c in columns if c != self._stretch
        }
        room = view.viewport().width() - self._min_stretch
        hidden: set[int] = set()
        for column in self._optional:
            if sum(w for c, w in fixed.items() if c not in hidden) <= room:
                break
            hidden.add(column)
        for column in self._optional:
            if view.isColumnHidden(column) != (column in hidden):
                view.setColumnHidden(column, column in hidden)
