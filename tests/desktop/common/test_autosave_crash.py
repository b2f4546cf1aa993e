"""A form process killed (SIGKILL) 950 ms after the last keystroke: the draft is restorable."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from govshare_desktop.store.local import LocalStore

CHILD = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QLineEdit
    from govshare_desktop.common.autosave import AutosaveController
    from govshare_desktop.store.local import LocalStore

    app = QApplication([])
    store = LocalStore(Path(sys.argv[1]))
    edit = QLineEdit()
    ctl = AutosaveController(store, "entry", "crash-1", lambda: {"name": edit.text()})
    edit.textChanged.connect(ctl.touch)
    edit.show()
    text = sys.argv[2]

    def type_next(n=1):
        edit.setText(text[:n])  # one keystroke every 60 ms
        if n < len(text):
            QTimer.singleShot(60, lambda: type_next(n + 1))
        else:
            print("typed", flush=True)
            QTimer.singleShot(950, lambda: os.kill(os.getpid(), signal.SIGKILL))

    QTimer.singleShot(0, type_next)
    app.exec()
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_killed_mid_edit_the_draft_is_restored(tmp_path: Path) -> None:
    path = tmp_path / "u.db"
    text = "南通市户籍人口基础信息（含流动人口）"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), text],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=Path(__file__).resolve().parents[3],
    )
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    assert proc.stdout.strip() == "typed"
    store = LocalStore(path)
    try:
        drafts = store.list_drafts("entry")
        assert [(d.key, d.data) for d in drafts] == [("crash-1", {"name": text})]
        assert drafts[0].title == text
    finally:
        store.close()
