"""NotificationCenter: runs the notification presenter off the UI thread, one step at a time.

It polls nothing itself: the home page's to-do list (refreshed by the page and by the sync
engine's passes) hands each freshly fetched list to `items_loaded`, and each item the user opens
there to `item_opened`. The view (notifications.tray) shows what `notified` says.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal

from govshare_desktop.notifications.presenter import Batch, Notice, NotificationPresenter
from govshare_desktop.store.local import LocalStore
from govshare_desktop.tasks import Task, run_in_background

Step = Callable[[NotificationPresenter], Any]


class NotificationCenter(QObject):
    """The session's notifications: which to-dos are new, and the user's kinds.

    Signals:
        notified(list[Notice]): new to-dos to show (one notification), never empty.
        recent_changed(list[Notice]): the recent notifications, newest first (tray menu).
        kinds_changed(dict): kind → whether it notifies (loaded, or saved by the user).
    """

    notified = Signal(object)
    recent_changed = Signal(object)
    kinds_changed = Signal(object)

    def __init__(
        self,
        *,
        store: LocalStore,
        kinds: list[str],
        presenter: NotificationPresenter | None = None,
        parent: QObject | None = None,
    ) -> None:
        """`kinds`: the to-do kinds the user can be given (the settings list them)."""
        super().__init__(parent)
        self.presenter = presenter or NotificationPresenter(store)
        self.kinds = list(kinds)
        self.enabled: dict[str, bool] = dict.fromkeys(self.kinds, True)
        self.recent: list[Notice] = []
        # (the step, made on the UI thread as it starts; what to do with its result)
        self._queue: deque[tuple[Callable[[], Step], Callable[[Any], None] | None]] = deque()
        self._pending_items: list[dict[str, Any]] | None = None
        self._task: Task | None = None
        self._run(lambda p: p.kinds(self.kinds), self._on_kinds)
        self._run(lambda p: p.recent(), self._on_recent)

    @property
    def busy(self) -> bool:
        return self._task is not None or bool(self._queue)

    # --- from the to-do list ---------------------------------------------------------------

    def items_loaded(self, items: list[dict[str, Any]]) -> None:
        """The to-do list was just fetched from the platform (not a cached copy)."""
        if self._pending_items is not None:  # one waits already: the newer list replaces it
            self._pending_items = list(items)
            return
        self._pending_items = list(items)
        self._queue.append((self._take_items, self._on_batch))
        if self._task is None:
            self._next()

    def _take_items(self) -> Step:
        """On the UI thread, as the step starts: the newest list waiting."""
        items, self._pending_items = self._pending_items or [], None
        return lambda presenter: presenter.process(items)

    def item_opened(self, item: dict[str, Any]) -> None:
        """The user opened a to-do from the to-do list: never notify it."""
        self._run(lambda p: p.opened(item), None)

    # --- the user's kinds ------------------------------------------------------------------

    def set_enabled(self, kinds: dict[str, bool]) -> None:
        chosen = {k: bool(v) for k, v in kinds.items()}
        self.enabled.update(chosen)
        self.kinds_changed.emit(dict(self.enabled))
        self._run(lambda p: p.set_kinds(chosen), None)

    # --- results ---------------------------------------------------------------------------

    def _on_kinds(self, kinds: dict[str, bool]) -> None:
        self.enabled = dict(kinds)
        self.kinds_changed.emit(dict(self.enabled))

    def _on_recent(self, recent: list[Notice]) -> None:
        self.recent = list(recent)
        self.recent_changed.emit(list(self.recent))

    def _on_batch(self, batch: Batch) -> None:
        self._on_recent(batch.recent)
        if batch.notices:
            self.notified.emit(list(batch.notices))

    # --- one step at a time ----------------------------------------------------------------

    def _run(self, step: Step, done: Callable[[Any], None] | None) -> None:
        self._queue.append((lambda: step, done))
        if self._task is None:
            self._next()

    def _next(self) -> None:
        if not self._queue:
            return
        prepare, done = self._queue.popleft()
        step, presenter = prepare(), self.presenter

        def finished(result: Any) -> None:
            self._task = None
            if not shiboken6.isValid(self):
                return
            if done is not None:
                done(result)
            self._next()

        def failed(exc: Exception) -> None:
            self._task = None
            if shiboken6.isValid(self):
                self._next()  # the store is closing (logout): nothing to show

        self._task = run_in_background(
            lambda task: step(presenter), success=finished, failure=failed
        )
