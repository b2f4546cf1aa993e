"""The shell attaches the session's sync engine: conflicts open the compare view, refusals show."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from govshare_core.vocab import Role
from govshare_desktop.common.conflict import ConflictDialog
from govshare_desktop.shell.controller import start_sync
from govshare_desktop.shell.main_window import MainWindow
from tests.desktop.catalog_support import entry_body


def test_engine_conflicts_and_failures_reach_the_window(qtbot, make_context, tmp_path: Path):  # type: ignore[no-untyped-def]
    ctx = make_context("A", Role.REGISTRAR)
    settings = QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat)
    window = MainWindow(context=ctx, settings=settings, specs=[])
    qtbot.addWidget(window)
    engine = start_sync(ctx, window)
    try:
        assert ctx.sync is engine
        mine = entry_body("我的名称")
        item = ctx.store.enqueue(
            method="PUT", path="/api/v1/catalog/entries/1", body=mine, if_match=1, label="修改目录"
        )
        theirs = {**entry_body("他人的名称"), "id": 1, "version": 2}
        engine.conflict.emit(item, theirs)
        qtbot.waitUntil(
            lambda: any(d.isVisible() for d in window.findChildren(ConflictDialog)), timeout=5000
        )
        engine.item_failed.emit(item, "信息项名称重复")
        assert window.statusBar().currentMessage() == "信息项名称重复"
    finally:
        engine.stop()
