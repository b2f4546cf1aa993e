"""Background operations: run work off the UI thread and come back by signal.

    run_in_background(op, success=..., failure=..., progress=...)

`op(task)` runs in the global QThreadPool and must not touch widgets; it may call
`task.report(percent, text)` and should check `task.cancelled` in long loops. `success(result)`,
`failure(exc)` and `progress(percent, text)` run on the UI thread (queued signals).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger("govshare.desktop.tasks")


class _Bridge(QObject):
    """Lives on the UI thread; its signals carry results back from the pool.

    The cross-thread signals are connected only to this object's own decorated slots, which
    then call the plain Python callbacks on the UI thread. Connecting a signal emitted from a
    worker thread straight to a lambda or plain function corrupts reference counts in
    PySide6 6.8+ (PYSIDE-3124: "Fatal Python error: none_dealloc" after a few thousand tasks).

    Signals:
        succeeded(object): the op's return value.
        failed(object): the exception the op raised.
        progressed(int, str): percent done and a status text.
    """

    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, str)

    def __init__(self) -> None:
        super().__init__()
        self.on_success: list[Callable[[Any], None]] = []
        self.on_failure: list[Callable[[Exception], None]] = []
        self.on_progress: list[Callable[[int, str], None]] = []
        self.succeeded.connect(self._deliver_success)
        self.failed.connect(self._deliver_failure)
        self.progressed.connect(self._deliver_progress)

    @Slot(object)
    def _deliver_success(self, result: Any) -> None:
        for callback in _alive(self.on_success):
            _call(callback, result)

    @Slot(object)
    def _deliver_failure(self, exc: Exception) -> None:
        for callback in _alive(self.on_failure):
            _call(callback, exc)

    @Slot(int, str)
    def _deliver_progress(self, percent: int, text: str) -> None:
        for callback in _alive(self.on_progress):
            _call(callback, percent, text)


def _call(callback: Callable[..., None], *args: Any) -> None:
    """Run a callback; a receiver deleted meanwhile (window closed) is not an error."""
    try:
        callback(*args)
    except RuntimeError as exc:
        text = str(exc)
        if "has been deleted" not in text and "already deleted" not in text:
            raise
        log.debug("dropping a result for a deleted receiver: %s", text)


def _alive(callbacks: list[Callable[..., None]]) -> list[Callable[..., None]]:
    """Callbacks whose Qt owner still exists: a result may arrive after its widget closed."""
    out = []
    for callback in callbacks:
        owner = getattr(callback, "__self__", None)
        if isinstance(owner, QObject) and not shiboken6.isValid(owner):
            log.debug("dropping a result for deleted %s", type(owner).__name__)
            continue
        out.append(callback)
    return out


class Task(QRunnable):
    """One background operation; keep the handle to cancel it."""

    _running: set[Task] = set()

    def __init__(self, op: Callable[[Task], Any]) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self._op = op
        self._cancel = threading.Event()
        self.bridge = _Bridge()
        self.done = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def report(self, percent: int, text: str = "") -> None:
        self.bridge.progressed.emit(percent, text)

    def run(self) -> None:
        signal, value = self.bridge.succeeded, None
        try:
            value = self._op(self)
        except Exception as exc:  # handed to the UI thread, which decides what to show
            log.debug("background operation failed: %r", exc)
            signal, value = self.bridge.failed, exc
        finally:
            # done before the result is handed over: the UI thread may handle the result (and
            # ask for the same work again) before this thread runs another line
            self.done.set()
            Task._running.discard(self)
        if not self.cancelled:
            signal.emit(value)


def run_in_background(
    op: Callable[[Task], Any],
    *,
    success: Callable[[Any], None] | None = None,
    failure: Callable[[Exception], None] | None = None,
    progress: Callable[[int, str], None] | None = None,
    pool: QThreadPool | None = None,
) -> Task:
    """Start `op` in the pool; the callbacks run on the UI thread."""
    task = Task(op)
    if success is not None:
        task.bridge.on_success.append(success)
    if failure is not None:
        task.bridge.on_failure.append(failure)
    if progress is not None:
        task.bridge.on_progress.append(progress)
    Task._running.add(task)
    (pool or QThreadPool.globalInstance()).start(task)
    return task
