"""Waiting without blocking: one condition at a time, polled by a timer on the UI thread."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

POLL_MS = 50


class Waiter(QObject):
    """`wait(ready, then, ...)` calls `then` through `step` once `ready()` held long enough, or
    after the limit with a problem handed to `problem`; the UI thread never sleeps meanwhile."""

    def __init__(
        self,
        *,
        problem: Callable[[str], None],
        step: Callable[[Callable[[], None]], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._problem = problem
        self._step = step
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._on_poll_timeout)
        self._ready: Callable[[], bool] = lambda: True
        self._then: Callable[[], None] = lambda: None
        self._what = ""
        self._started = 0.0
        self._limit = 0.0
        self._min = 0.0
        self._quiet_needed = 1
        self._quiet = 0

    def wait(
        self,
        ready: Callable[[], bool],
        then: Callable[[], None],
        *,
        what: str,
        limit_s: float,
        min_s: float = 0.0,
        quiet_polls: int = 1,
    ) -> None:
        """Call `then` once `ready()` held for `quiet_polls` polls (and `min_s` passed), or
        after `limit_s` with a problem noted."""
        self._ready, self._then, self._what = ready, then, what
        self._started = time.monotonic()
        self._limit, self._min, self._quiet_needed = limit_s, min_s, quiet_polls
        self._quiet = 0
        self._poll.start()

    def stop(self) -> None:
        self._poll.stop()

    def _on_poll_timeout(self) -> None:
        elapsed = time.monotonic() - self._started
        try:
            ready = self._ready()
        except Exception as exc:
            self._problem(f"{self._what}: {exc!r}")
            ready, self._quiet = True, self._quiet_needed
        self._quiet = self._quiet + 1 if ready else 0
        if self._quiet >= self._quiet_needed and elapsed >= self._min:
            self._poll.stop()
            self._step(self._then)
        elif elapsed >= self._limit:
            self._poll.stop()
            self._problem(f"{self._what} not done after {self._limit:.0f} s")
            self._step(self._then)
