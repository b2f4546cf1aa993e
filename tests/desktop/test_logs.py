"""The desktop's log: a rotating UTF-8 file in GOVSHARE_LOG_DIR, standard error with --verbose,
uncaught exceptions with their traceback, and no failure when the log cannot be written."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from govshare_desktop import logs

ROOT = Path(__file__).resolve().parents[2]
log = logging.getLogger("govshare.desktop.test_logs")


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_configure_writes_info_to_the_log_file(desktop_log: Path) -> None:
    log.info("已写入日志 %s", "written")
    log.debug("not at INFO")
    text = read(desktop_log)
    assert "已写入日志 written" in text
    assert "govshare.desktop.test_logs" in text
    assert "not at INFO" not in text
    assert logs.active_log_file() == desktop_log == logs.log_file()


def test_configure_again_replaces_the_previous_setup(desktop_log: Path) -> None:
    handlers = len(logging.getLogger().handlers)
    logs.configure()
    logs.configure()
    assert len(logging.getLogger().handlers) == handlers
    log.info("exactly once")
    assert read(desktop_log).count("exactly once") == 1


def test_the_file_rotates_at_one_megabyte_keeping_five(desktop_log: Path) -> None:
    line = "x" * 1000
    for _ in range(7 * 1100):  # about 7.5 MB
        log.info(line)
    files = sorted(p.name for p in desktop_log.parent.iterdir())
    assert files == [logs.LOG_NAME] + [f"{logs.LOG_NAME}.{n}" for n in range(1, 6)]
    assert all(p.stat().st_size <= logs.MAX_BYTES for p in desktop_log.parent.iterdir())


def test_verbose_logs_debug_also_to_standard_error(desktop_log: Path, capsys) -> None:
    assert logs.configure(verbose=True) == desktop_log
    log.debug("调试 detail")
    assert "调试 detail" in capsys.readouterr().err
    assert "调试 detail" in read(desktop_log)
    assert "log level DEBUG" in read(desktop_log)

    logs.configure()  # and back: no more standard error, no more DEBUG
    log.debug("quiet again")
    log.info("info again")
    assert "again" not in capsys.readouterr().err
    assert "info again" in read(desktop_log) and "quiet again" not in read(desktop_log)


def fail_deep_inside() -> None:
    raise ValueError("未处理的错误")


@pytest.mark.qt_no_exception_capture  # pytest-qt's own hook would fail the test
def test_an_uncaught_exception_lands_in_the_log_with_its_traceback(
    desktop_log: Path, capsys
) -> None:
    logs.configure()  # in this phase of the test
    assert sys.excepthook is not sys.__excepthook__
    try:
        fail_deep_inside()
    except ValueError:
        sys.excepthook(*sys.exc_info())  # what the interpreter does with an uncaught exception
    text = read(desktop_log)
    assert "CRITICAL" in text and "uncaught exception" in text
    assert "Traceback (most recent call last)" in text
    assert "in fail_deep_inside" in text and "ValueError: 未处理的错误" in text
    assert "ValueError" in capsys.readouterr().err  # still shown on the console as well


def test_a_program_logs_what_kills_it_in_a_thread_a_qt_slot_and_main(tmp_path: Path) -> None:
    program = textwrap.dedent(
        """
        import threading
        from govshare_desktop import logs
        logs.configure()
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        def in_thread():
            raise KeyError("thread failed")

        def in_slot():
            raise ValueError("slot failed")

        app = QApplication([])
        worker = threading.Thread(target=in_thread, name="worker-7")
        worker.start()
        worker.join()
        QTimer.singleShot(0, in_slot)
        QTimer.singleShot(100, app.quit)
        app.exec()
        raise RuntimeError("main failed")
        """
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "GOVSHARE_LOG_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", program],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    text = read(tmp_path / logs.LOG_NAME)
    assert "uncaught exception in thread worker-7" in text
    assert "in in_thread" in text and "KeyError: 'thread failed'" in text
    assert "in in_slot" in text and "ValueError: slot failed" in text
    assert "in <module>" in text and "RuntimeError: main failed" in text
    assert text.count("Traceback (most recent call last)") == 3


def test_an_unusable_log_directory_falls_back_to_standard_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the log directory should be")
    monkeypatch.setenv("GOVSHARE_LOG_DIR", str(blocker / "log"))
    try:
        assert logs.configure() is None
        assert logs.active_log_file() is None
        log.warning("still logged")
        err = capsys.readouterr().err
        assert "cannot write a log file" in err and "still logged" in err
    finally:
        logs.reset()


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0, reason="needs POSIX permissions, not root"
)
def test_a_read_only_log_directory_does_not_stop_the_client(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    read_only = tmp_path / "log"
    read_only.mkdir()
    read_only.chmod(0o500)
    monkeypatch.setenv("GOVSHARE_LOG_DIR", str(read_only))
    try:
        assert logs.configure() is None
        log.warning("on standard error")
        assert "on standard error" in capsys.readouterr().err
    finally:
        logs.reset()
        read_only.chmod(0o700)


def test_reset_restores_the_hooks_and_handlers(tmp_path: Path, monkeypatch) -> None:
    import threading

    monkeypatch.setenv("GOVSHARE_LOG_DIR", str(tmp_path))
    before = (sys.excepthook, threading.excepthook, list(logging.getLogger().handlers))
    logs.configure(verbose=True)
    assert sys.excepthook is not before[0]
    logs.reset()
    after = (sys.excepthook, threading.excepthook, list(logging.getLogger().handlers))
    assert after == before
