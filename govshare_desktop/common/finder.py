"""Finding an object's row in a lazily loaded list (to-dos open their object, ObjectPage).

    page.reload()
    page.finder = find_object(page.model, 12, found=page.select_row,   # the row in the model
                              missing=page.say_missing, parent=page)  # waits for the reload

The list is searched as its pages arrive; further pages are asked for until the object is
found, the list ends, or `LOAD_ALL_LIMIT` rows were loaded (the platform's lists have no
"page of object N"; every list the to-dos point at is far shorter).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QObject, Signal

from govshare_desktop.common.paged_model import LOAD_ALL_LIMIT, PagedTableModel, Row


class RowFinder(QObject):
    """Signals:
    found(int): the object's row in the model.
    missing(): the whole list (or LOAD_ALL_LIMIT rows) was searched in vain, or loading failed.
    """

    found = Signal(int)
    missing = Signal()

    def __init__(
        self, model: PagedTableModel, match: Callable[[Row], bool], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.match = match
        self.active = False

    def start(self) -> None:
        self.active = True
        self.model.page_loaded.connect(self._check)
        self.model.failed.connect(self._on_failed)
        self._check()

    def cancel(self) -> None:
        if self.active:
            self.active = False
            self.model.page_loaded.disconnect(self._check)
            self.model.failed.disconnect(self._on_failed)

    def _check(self, *_args: object) -> None:
        if not self.active or self.model.is_loading:
            return
        for n, row in enumerate(self.model.rows()):
            if self.match(row):
                self.cancel()
                self.found.emit(n)
                return
        more = self.model.canFetchMore(QModelIndex())
        if more and self.model.loaded_count < LOAD_ALL_LIMIT:
            self.model.fetchMore(QModelIndex())
            return
        self.cancel()
        self.missing.emit()

    def _on_failed(self, _exc: object) -> None:
        self.cancel()
        self.missing.emit()


def find_object(
    model: PagedTableModel,
    object_id: int,
    *,
    found: Callable[[int], object],
    missing: Callable[[], object],
    parent: QObject,
    key: str = "id",
) -> RowFinder:
    """Start looking for the row whose `key` is `object_id` (call after the page's reload)."""
    finder = RowFinder(model, lambda row: int(row[key]) == object_id, parent=parent)
    finder.found.connect(found)
    finder.missing.connect(missing)
    finder.start()
    return finder


class ObjectSeeker:
    """One page's search for the object a to-do opens: a new search cancels the previous one.

    self.seeker = ObjectSeeker(self)
    self.reload()
    self.seeker.seek(self.model, 12, found=self.select_row, missing=self._object_missing)
    """

    def __init__(self, parent: QObject) -> None:
        self.parent = parent
        self.finder: RowFinder | None = None

    def seek(
        self,
        model: PagedTableModel,
        object_id: int,
        *,
        found: Callable[[int], object],
        missing: Callable[[], object],
        key: str = "id",
    ) -> RowFinder:
        """Cancel the previous search and look for `object_id` (call after the reload)."""
        self.cancel()
        self.finder = find_object(
            model, object_id, found=found, missing=missing, parent=self.parent, key=key
        )
        return self.finder

    def cancel(self) -> None:
        if self.finder is not None:
            self.finder.cancel()
            self.finder = None

    @property
    def active(self) -> bool:
        return self.finder is not None and self.finder.active
