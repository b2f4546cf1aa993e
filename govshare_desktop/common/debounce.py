"""A debouncer for search boxes and other typing: call back once input has been quiet."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal


class Debouncer(QObject):
    """Calls back once input has been quiet for `delay_ms` (typing a search, data item names).

    Signals:
        fired(object): the last value given to `push`, after the quiet period.
    """

    fired = Signal(object)

    def __init__(
        self,
        *,
        delay_ms: int = 250,
        callback: Callable[[Any], None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._value: Any = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._on_timer_timeout)
        if callback is not None:
            self.fired.connect(callback)

    @property
    def pending(self) -> bool:
        return self._timer.isActive()

    def push(self, value: Any = None) -> None:
        self._value = value
        self._timer.start()

    def flush(self) -> None:
        """Fire now if something is waiting."""
        if self._timer.isActive():
            self._timer.stop()
            self.fired.emit(self._value)

    def cancel(self) -> None:
        self._timer.stop()

    def _on_timer_timeout(self) -> None:
        self.fired.emit(self._value)
