"""文件 → 保存草稿 (Ctrl+S) reaches an entry form open in a window of its own: pressed in the main
window it saves the entry form used last, whatever page is current; pressed in the form's
window it saves that form. On a real signed-in main window against the real platform."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

from govshare_core.vocab import Role
from govshare_desktop.catalog.entry_form import EntryFormDialog
from govshare_desktop.catalog.mine import MyEntriesPage
from govshare_desktop.context import AppContext
from govshare_desktop.shell.main_window import MainWindow

SAVED = "草稿已保存在本机。"


def main_window(qtbot: Any, context: AppContext, tmp_path: Path) -> MainWindow:
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    window = MainWindow(context=context, settings=settings)
    qtbot.addWidget(window)
    window.show()
    return window


def activate(qtbot: Any, window: QWidget) -> None:
    """The user clicks into `window`."""
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)


def press_ctrl_s(qtbot: Any) -> None:
    [combo] = QKeySequence("Ctrl+S")
    focus = QApplication.focusWidget()
    assert focus is not None
    qtbot.keyClick(focus, combo.key(), combo.keyboardModifiers())


def new_entry(page: MyEntriesPage, name: str) -> EntryFormDialog:
    dialog = page.create_new()
    dialog.form.ui.nameEdit.setText(name)
    return dialog


def drafted(context: AppContext) -> set[str]:
    return {d.title for d in context.store.list_drafts("entry")}


def test_ctrl_s_in_the_main_window_saves_the_entry_form_used_last(  # type: ignore[no-untyped-def]
    make_context, qtbot, tmp_path
) -> None:
    registrar = make_context("A", Role.REGISTRAR)
    window = main_window(qtbot, registrar, tmp_path)
    page = window.open_page("catalog.mine")
    assert isinstance(page, MyEntriesPage)
    first = new_entry(page, "先打开的目录")
    second = new_entry(page, "后打开的目录")
    activate(qtbot, second)
    activate(qtbot, first)  # worked in last, though opened first
    window.open_home()  # the current page has no form of its own
    activate(qtbot, window)
    press_ctrl_s(qtbot)
    assert first.form.ui.statusLabel.text() == SAVED
    assert second.form.ui.statusLabel.text() != SAVED
    assert window.statusBar().currentMessage() == SAVED
    assert "先打开的目录" in drafted(registrar)

    first.close()  # gone: the form used before it is the one now
    activate(qtbot, window)
    press_ctrl_s(qtbot)
    assert second.form.ui.statusLabel.text() == SAVED
    assert "后打开的目录" in drafted(registrar)
    second.close()


def test_ctrl_s_in_the_entry_form_window_saves_it(make_context, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    registrar = make_context("A", Role.REGISTRAR)
    window = main_window(qtbot, registrar, tmp_path)
    page = window.open_page("catalog.mine")
    assert isinstance(page, MyEntriesPage)
    dialog = new_entry(page, "在窗口中保存的目录")
    activate(qtbot, dialog)
    press_ctrl_s(qtbot)
    assert dialog.form.ui.statusLabel.text() == SAVED
    assert "在窗口中保存的目录" in drafted(registrar)
    assert window.statusBar().currentMessage() == ""  # the main window was not asked
    dialog.close()
