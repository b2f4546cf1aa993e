"""One background transfer at a time, with a progress bar and a Cancel button (the UI thread
never waits: the work runs in the pool, govshare_desktop/tasks.py)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from govshare_desktop.context import AppContext
from govshare_desktop.exchange.messages import size_text
from govshare_desktop.exchange.transfer import IsCancelled, OnBytes
from govshare_desktop.tasks import Task

TransferOp = Callable[[OnBytes, IsCancelled], Any]
"""op(progress, cancelled): the transfer, run in the background."""
REPORT_INTERVAL = 0.1
"""Seconds between progress signals (a fast transfer would flood the UI thread)."""


class TransferPanel(QWidget):
    """A progress bar, what is happening, and 取消.

    Signals:
        succeeded(object): the op's result.
        failed(object): the exception it raised.
        cancelled(): the user cancelled and the background work has stopped (a cancel that
            came after the work completed reports `succeeded` instead).
        progressed(int, int): bytes done and bytes in all (0 when unknown).
    """

    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    progressed = Signal(int, int)

    def __init__(self, *, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.task: Task | None = None
        self._finished: list[Any] = []
        self._what = ""
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.progressBar = QProgressBar(self)
        self.progressBar.setObjectName("progressBar")
        self.progressBar.setMinimumWidth(160)
        self.statusLabel = QLabel(self)
        self.statusLabel.setObjectName("transferStatusLabel")
        self.cancelButton = QPushButton(QCoreApplication.translate("ExchangePages", "取消"), self)
        self.cancelButton.setObjectName("cancelButton")
        layout.addWidget(self.progressBar, 1)
        layout.addWidget(self.statusLabel, 1)
        layout.addWidget(self.cancelButton)
        self.cancelButton.clicked.connect(self.cancel)
        self._watch = QTimer(self)
        self._watch.setInterval(50)
        self._watch.timeout.connect(self._on_watch_timeout)
        self.setVisible(False)

    @property
    def busy(self) -> bool:
        return self.task is not None

    def start(self, op: TransferOp, *, what: str) -> Task:
        """Run `op` in the background; `what` says what moves ("上传 a.csv")."""
        assert self.task is None, "one transfer at a time"
        self._what = what
        self.progressBar.setRange(0, 0)  # busy until the first bytes move
        self.statusLabel.setText(what)
        self.cancelButton.setEnabled(True)
        self.setVisible(True)
        last = [0.0]
        finished: list[Any] = []
        self._finished = finished

        def run(task: Task) -> Any:
            def progress(done: int, total: int | None) -> None:
                now = time.monotonic()
                if now - last[0] >= REPORT_INTERVAL or (total is not None and done >= total):
                    last[0] = now
                    # bytes travel as text: a Qt int is 32-bit, a file may be larger
                    task.report(_percent(done, total), f"{done}/{total or 0}")

            result = op(progress, lambda: task.cancelled)
            finished.append(result)  # a cancel too late to stop it: still reported
            return result

        self.task = self.context.run(
            run, success=self._on_success, failure=self._on_failure, progress=self._on_progress
        )
        return self.task

    def cancel(self) -> None:
        """Stop the transfer; `cancelled` follows once the background work has stopped."""
        if self.task is None:
            return
        self.task.cancel()
        self.cancelButton.setEnabled(False)
        self.statusLabel.setText(QCoreApplication.translate("ExchangePages", "正在取消…"))
        self._watch.start()

    def _on_watch_timeout(self) -> None:
        if self.task is not None and not self.task.done.is_set():
            return
        self._watch.stop()
        self.task = None
        self.setVisible(False)
        if self._finished:  # the work had completed (e.g. the platform took the upload)
            self.succeeded.emit(self._finished[0])
        else:
            self.cancelled.emit()

    def _on_progress(self, percent: int, text: str) -> None:
        done, _, total = text.partition("/")
        if percent >= 0:
            self.progressBar.setRange(0, 100)
            self.progressBar.setValue(percent)
        moved = size_text(int(done or 0))
        whole = size_text(int(total)) if total and total != "0" else ""
        self.statusLabel.setText(f"{self._what}  {moved}" + (f" / {whole}" if whole else ""))
        self.progressed.emit(min(int(done or 0), 2**31 - 1), min(int(total or 0), 2**31 - 1))

    def _on_success(self, result: object) -> None:
        self.task = None
        self.setVisible(False)
        self.succeeded.emit(result)

    def _on_failure(self, exc: Exception) -> None:
        self.task = None
        self.setVisible(False)
        self.failed.emit(exc)


def _percent(done: int, total: int | None) -> int:
    if not total:
        return -1
    return min(100, done * 100 // total)
