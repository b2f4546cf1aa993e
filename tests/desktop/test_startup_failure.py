"""The embedded demo platform fails to start for real: the login dialog says so clearly, shows
the error behind 详细信息, points to the log (which holds the traceback), and 重试 after the
cause is repaired brings the platform up."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from govshare_desktop.login.dialog import LoginDialog
from govshare_desktop.shell.controller import DesktopApp
from tests.conftest import copy_seeded_demo
from tests.desktop.shell_support import demo_desktop

GARBAGE = bytes(range(256)) * 16  # 4 KiB that is no SQLite database
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def demo_dir(tmp_path: Path) -> Path:
    return tmp_path / "demo"


@pytest.fixture
def app(
    qtbot, desktop_log: Path, demo_dir: Path, tmp_path: Path, monkeypatch
) -> Iterator[DesktopApp]:
    with demo_desktop(demo_dir, tmp_path, monkeypatch) as desktop:
        yield desktop


def start_and_fail(qtbot, app: DesktopApp) -> tuple[LoginDialog, str]:
    with qtbot.wait_signal(app.demo_failed, timeout=60_000) as failed:
        app.start()
    dialog = app.login_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog, failed.args[0]


def break_database(demo_dir: Path) -> None:
    demo_dir.mkdir(parents=True)
    (demo_dir / "platform.db").write_bytes(GARBAGE)


def block_data_dir(demo_dir: Path) -> None:
    demo_dir.write_text("a file where the demo's data directory should be")


@pytest.mark.parametrize(
    ("damage", "kind", "message"),
    [
        (break_database, "sqlalchemy.exc.DatabaseError", "file is not a database"),
        (block_data_dir, "FileExistsError", ""),
    ],
)
def test_a_failed_start_says_what_to_do_shows_the_error_and_logs_the_traceback(
    qtbot, app: DesktopApp, demo_dir: Path, desktop_log: Path, damage, kind: str, message: str
) -> None:
    damage(demo_dir)
    dialog, reason = start_and_fail(qtbot, app)
    ui = dialog.ui
    assert reason and message in reason  # demo_failed: the exception's text

    assert ui.startFailureFrame.isVisible()
    assert ui.startFailureTitle.text() == "内置演示平台未能启动。"
    assert "请点击“重试”" in ui.startFailureLabel.text()
    assert str(desktop_log) in ui.startFailureLabel.text()  # where the log is
    assert not ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    assert not ui.progressBar.isVisible() and not ui.statusLabel.text()
    assert ui.retryButton.isVisible() and ui.retryButton.isEnabled()

    assert not ui.detailEdit.isVisible()
    qtbot.mouseClick(ui.detailsButton, LEFT)
    assert ui.detailEdit.isVisible() and ui.detailEdit.isReadOnly()
    detail = ui.detailEdit.toPlainText()
    assert detail.startswith(f"{kind}: ") and message in detail
    assert f"演示平台数据目录：{demo_dir}" in detail
    # fits a 1366×768 screen with the detail open, and nothing in the dialog is squeezed
    assert dialog.height() <= 700 and dialog.width() <= 1366
    assert dialog.height() >= dialog.minimumSizeHint().height()
    assert ui.detailEdit.height() <= ui.detailEdit.maximumHeight() <= 160
    qtbot.mouseClick(ui.detailsButton, LEFT)
    assert not ui.detailEdit.isVisible()

    log_text = desktop_log.read_text(encoding="utf-8")
    assert "the embedded demo platform did not start" in log_text
    assert "Traceback (most recent call last)" in log_text
    assert "govshare_desktop/demo.py" in log_text.replace("\\", "/")  # raised in the pool
    assert f"{kind.rsplit('.', 1)[-1]}: " in log_text and message in log_text


@pytest.mark.slow
def test_retry_after_the_cause_is_repaired_brings_the_platform_up(
    qtbot, app: DesktopApp, demo_dir: Path, desktop_log: Path, seeded_demo: Path
) -> None:
    break_database(demo_dir)
    dialog, _reason = start_and_fail(qtbot, app)
    ok = dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)

    # the repair: the broken directory replaced by a good one (as restored from a backup; a
    # start that seeds is test_demo.py's)
    shutil.rmtree(demo_dir)
    copy_seeded_demo(seeded_demo, demo_dir)
    with qtbot.wait_signal(app.demo_ready, timeout=120_000) as ready:
        qtbot.mouseClick(dialog.ui.retryButton, LEFT)
        assert not dialog.ui.startFailureFrame.isVisible()
        assert dialog.ui.progressBar.isVisible() and dialog.ui.statusLabel.text()
        assert not ok.isEnabled()
    assert ready.args[0].startswith("http://127.0.0.1:")
    assert app.demo is not None and not app.demo.seeded_now  # the repaired city, not a new one
    assert "已就绪" in dialog.ui.statusLabel.text()
    assert not dialog.ui.startFailureFrame.isVisible()
    assert ok.isEnabled()
    assert dialog.ui.demoTree.topLevelItemCount() == len(app.demo.accounts) > 10
    assert (demo_dir / "platform.db").is_file()
    assert "the embedded demo platform answers at " + ready.args[0] in desktop_log.read_text(
        encoding="utf-8"
    )
