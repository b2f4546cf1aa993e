"""The background-work API (govshare_desktop/tasks.py)."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt

from govshare_desktop.tasks import Task, run_in_background


@pytest.mark.parametrize("fails", [False, True])
def test_a_task_is_done_before_its_result_is_handed_over(qtbot, fails: bool) -> None:
    """A page that handles a result may ask for the same work again at once (the home page's
    refresh did): the task must already count as done then, or the new request is dropped."""
    seen: list[bool] = []
    started = threading.Event()

    def op(task: Task) -> int:
        started.wait(5)
        if fails:
            raise RuntimeError("platform unreachable")
        return 1

    task = run_in_background(op)
    signal = task.bridge.failed if fails else task.bridge.succeeded
    # a direct connection runs in the worker at the moment of the hand-over
    signal.connect(
        lambda _value: seen.append(task.done.is_set()), Qt.ConnectionType.DirectConnection
    )
    started.set()
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert seen == [True]
    assert task not in Task._running
