"""What counts as something going wrong while the self-test runs, collected from any thread:
Qt warnings and critical messages, uncaught exceptions (also in threads), failed background
operations and log records of level WARNING or above."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

from govshare_desktop.selftest.report import log

TASK_LOGGER = "govshare.desktop.tasks"
TASK_FAILED = "background operation failed"
IGNORED_QT_MESSAGES = ("This plugin does not support",)
"""Qt messages that are no failure: the offscreen platform plugin's notes about window features
it lacks (also ignored by the test suite, pyproject.toml qt_log_ignore)."""
BAD_QT_MESSAGES = {
    QtMsgType.QtWarningMsg: "warning",
    QtMsgType.QtCriticalMsg: "critical",
    QtMsgType.QtFatalMsg: "fatal",
}


class _Capture(logging.Handler):
    """Log records that mean something went wrong, handed to `sink` (any thread)."""

    def __init__(self, sink: Callable[[str], None]) -> None:
        super().__init__(logging.DEBUG)
        self.sink = sink

    def emit(self, record: logging.LogRecord) -> None:
        if record.name == log.name:  # the self-test's own report of a failure
            return
        try:
            message = record.getMessage()
        except Exception:  # a broken format string is worth reporting too
            message = str(record.msg)
        if record.name == TASK_LOGGER and message.startswith(TASK_FAILED):
            self.sink(message)
        elif record.levelno >= logging.WARNING:
            self.sink(f"log {record.levelname} {record.name}: {message}")


class FailureCollector:
    """Hooks into Qt's message handler, the exception hooks and logging; `drain()` hands over
    what went wrong since the last call. `install()` once, `remove()` restores the previous
    hooks."""

    def __init__(self) -> None:
        self._captured: list[str] = []
        self._lock = threading.Lock()
        self._previous_qt_handler: Any = None
        self._previous_excepthook: Any = None
        self._previous_thread_hook: Any = None
        self._handler = _Capture(self.capture)
        self._task_logger_level: int | None = None

    def capture(self, problem: str) -> None:
        with self._lock:
            self._captured.append(problem)

    def drain(self) -> list[str]:
        with self._lock:
            found, self._captured = self._captured, []
        return found

    def install(self) -> None:
        self._previous_qt_handler = qInstallMessageHandler(self._on_qt_message)
        self._previous_excepthook = sys.excepthook
        sys.excepthook = self._on_uncaught
        self._previous_thread_hook = threading.excepthook
        threading.excepthook = self._on_uncaught_in_thread
        logging.getLogger().addHandler(self._handler)
        tasks = logging.getLogger(TASK_LOGGER)
        if not tasks.isEnabledFor(logging.DEBUG):  # its failure records are debug records
            self._task_logger_level = tasks.level
            tasks.setLevel(logging.DEBUG)

    def remove(self) -> None:
        qInstallMessageHandler(self._previous_qt_handler)
        if sys.excepthook == self._on_uncaught:
            sys.excepthook = self._previous_excepthook
        if threading.excepthook == self._on_uncaught_in_thread:
            threading.excepthook = self._previous_thread_hook
        logging.getLogger().removeHandler(self._handler)
        if self._task_logger_level is not None:
            logging.getLogger(TASK_LOGGER).setLevel(self._task_logger_level)

    def _on_qt_message(self, mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
        ignored = any(m in message for m in IGNORED_QT_MESSAGES)
        if self._previous_qt_handler is not None:
            self._previous_qt_handler(mode, context, message)
        # Qt's default handler would print it; the known notes only add noise
        elif not ignored and mode != QtMsgType.QtDebugMsg and sys.stderr is not None:
            print(message, file=sys.stderr)
        if mode in BAD_QT_MESSAGES and not ignored:
            self.capture(f"Qt {BAD_QT_MESSAGES[mode]}: {message}")

    def _on_uncaught(self, kind: type[BaseException], exc: BaseException, tb: Any) -> None:
        self.capture(f"uncaught {kind.__name__}: {exc}")
        if self._previous_excepthook is not None:
            self._previous_excepthook(kind, exc, tb)

    def _on_uncaught_in_thread(self, args: Any) -> None:
        name = args.thread.name if args.thread is not None else "?"
        self.capture(f"uncaught {args.exc_type.__name__} in thread {name}: {args.exc_value}")
        if self._previous_thread_hook is not None:
            self._previous_thread_hook(args)
