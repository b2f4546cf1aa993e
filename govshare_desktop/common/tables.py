"""Table views that fit their content and sort: every list of the desktop uses these.

    compact_rows(view)
    sizer = size_columns(view, [Stretch(), Fit(["311010/000001"]), Capped(240), ...])
    ColumnDropper(view, widths=sizer, optional=(5, 4), stretch=0, min_stretch=150)
    enable_sorting(view, on_unavailable=page.show_status)

Widths are measured from the texts a column holds — the header, `samples` and the rows loaded
so far — so they follow the UI font (CJK or Latin) and the language instead of fixed pixel
counts. `Capped` columns grow with their contents up to `max_width` (longer texts elide, the
full text is the tooltip); the `Stretch` column (the long name) takes the rest. Sorting is the
model's (`PagedTableModel.sort`): on the platform for `server_sort` columns, see there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

CELL_PADDING = 14
"""Horizontal room around a cell's text (margins, focus frame)."""
SORT_ARROW = 18
"""Room for the header's sort indicator."""
FIT_MAX = 320
"""The widest a `Fit` column grows with its contents."""
MEASURED_ROWS = 500
"""Rows measured for a column's width (the first ones loaded: a page or a few)."""


@dataclass(frozen=True)
class Fit:
    """At least the widest of `samples` and the header; grows with the contents up to
    `FIT_MAX`; the user may still resize."""

    samples: Sequence[str] = field(default_factory=tuple)


@dataclass(frozen=True)
class Capped:
    """Sized to the header and the contents but at most `max_width` px; longer texts elide.
    `samples` only count up to the cap (e.g. the longest department name: the cap is used)."""

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
        extra = SORT_ARROW if view.isSortingEnabled() else 4
        widths.append(QFontMetrics(bold).horizontalAdvance(header) + extra)
    return max(widths, default=0) + CELL_PADDING


def compact_rows(view: QTableView) -> None:
    """Rows one text line high plus a little air (the default is tall for CJK fonts)."""
    header = view.verticalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    header.setDefaultSectionSize(view.fontMetrics().height() + 10)


class ColumnSizer(QObject):
    """Applies one plan per model column and refits the Fit/Capped columns to the rows as they
    arrive (never narrower than the header and samples). `widths` holds what each fixed
    column needs (a ColumnDropper reads it)."""

    def __init__(self, view: QTableView, plans: Sequence[Plan]) -> None:
        super().__init__(view)
        self.setObjectName("columnSizer")
        self._view = view
        self._plans = list(plans)
        self.widths: dict[int, int] = {}
        self.dropper: ColumnDropper | None = None
        self._pending = False
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = view.horizontalHeader()
        header.setStretchLastSection(False)  # only the Stretch column takes the rest
        header.setMinimumSectionSize(text_width(view, ["……"]))
        model = view.model()
        for signal in (model.modelReset, model.rowsInserted, model.layoutChanged):
            signal.connect(self._later)
        self.set_plans(plans)

    def set_plans(self, plans: Sequence[Plan]) -> None:
        """New plans (the model shows other columns now)."""
        self._plans = list(plans)
        self.widths.clear()
        header = self._view.horizontalHeader()
        for column, plan in enumerate(self._plans):
            if isinstance(plan, Stretch):
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
            elif isinstance(plan, Contents):
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
            else:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        self.refit()

    def _later(self, *_args: object) -> None:
        if not self._pending:
            self._pending = True
            QTimer.singleShot(0, self, self.refit)  # dropped when the view is gone

    def needed(self, column: int) -> int:
        """What a Fit/Capped column needs now: header, samples and loaded contents, capped."""
        plan = self._plans[column] if column < len(self._plans) else Fit()
        view = self._view
        title = str(view.model().headerData(column, Qt.Orientation.Horizontal) or "")
        samples = list(plan.samples) if isinstance(plan, Fit | Capped) else []
        model = view.model()
        rows = min(model.rowCount(), MEASURED_ROWS)
        texts = [str(model.index(r, column).data() or "") for r in range(rows)]
        width = text_width(view, samples + texts, header=title)
        cap = plan.max_width if isinstance(plan, Capped) else FIT_MAX
        return min(width, max(cap, text_width(view, [], header=title)))

    def refit(self) -> None:
        self._pending = False
        view = self._view
        if view.model() is None:
            return
        for column, plan in enumerate(self._plans):
            if not isinstance(plan, Fit | Capped) or column >= view.model().columnCount():
                continue
            width = self.needed(column)
            self.widths[column] = width
            if not view.isColumnHidden(column) and view.columnWidth(column) != width:
                view.setColumnWidth(column, width)
        if self.dropper is not None:
            self.dropper.apply()


def size_columns(view: QTableView, plans: Sequence[Plan]) -> dict[int, int]:
    """Apply one plan per model column (a ColumnSizer on the view); the view elides long texts
    at the right. Returns the widths of the fixed (Fit/Capped) columns, kept up to date."""
    return ColumnSizer(view, plans).widths


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
        self._widths = widths
        sizer = view.findChild(ColumnSizer, "columnSizer")
        if sizer is not None:
            sizer.dropper = self
        view.viewport().installEventFilter(self)

    def set_optional(self, optional: Sequence[int]) -> None:
        """Other optional columns (the view shows other columns now); shows the rest again."""
        for column in self._optional:
            if column not in optional:
                self._view.setColumnHidden(column, False)
        self._optional = list(optional)
        self.apply()

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
                if column not in hidden and column in self._widths:
                    view.setColumnWidth(column, self._widths[column])


def enable_sorting(view: QTableView, *, on_unavailable: Callable[[str], None]) -> None:
    """Header clicks sort the list (ascending, descending, back to the platform's order).

    The platform sorts a partly loaded list by a `server_sort` column; the model sorts a list
    it holds whole client-side (loading the rest of a short list first); a long list by a column
    the platform cannot sort is not sorted and `on_unavailable(text)` says why."""
    header = view.horizontalHeader()
    header.setSortIndicatorShown(True)
    header.setSortIndicatorClearable(True)
    header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(True)
    model = view.model()
    signal = getattr(model, "sort_unavailable", None)
    if signal is None:
        return

    def refused(text: str) -> None:
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        on_unavailable(text)

    signal.connect(refused)
