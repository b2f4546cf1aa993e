"""The main window's menus, toolbar and shortcuts, pressed as keys on a real signed-in window:
each shortcut does its job on the page that is current."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QTextBrowser, QWidget

from govshare_core.vocab import Role
from govshare_desktop.shell.help import user_guide_path
from govshare_desktop.shell.main_window import MainWindow
from govshare_desktop.shell.navigation import all_page_specs
from govshare_desktop.shell.pages import PageSpec

WAIT = 10_000


class DraftFormPage(QLabel):
    """A page with an open form: saves its draft on request."""

    def __init__(self) -> None:
        super().__init__("form")
        self.saved = 0

    def save_draft(self) -> bool:
        self.saved += 1
        return True


def window_for(
    qtbot, make_context, tmp_path: Path, dept: str, role: Role, extra: list[PageSpec] = ()
) -> MainWindow:
    settings = QSettings(str(tmp_path / f"window-{role.value}.ini"), QSettings.Format.IniFormat)
    specs = [*all_page_specs(), *extra]
    window = MainWindow(context=make_context(dept, role), settings=settings, specs=specs)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def press(qtbot, window: QWidget, keys: str | QKeySequence) -> None:
    sequence = keys if isinstance(keys, QKeySequence) else QKeySequence(keys)
    combo = sequence[0]
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, combo.key(), combo.keyboardModifiers())


def test_menus_hold_the_usual_actions_with_icons_in_a_toolbar(
    qtbot, make_context, tmp_path
) -> None:
    window = window_for(qtbot, make_context, tmp_path, "A", Role.REGISTRAR)
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["文件(&F)", "编辑(&E)", "视图(&V)", "帮助(&H)"]
    shortcuts = {
        name: [s.toString() for s in action.shortcuts()]
        for name, action in window.actions_by_name.items()
    }
    assert shortcuts["newEntry"] == ["Ctrl+N"]
    assert shortcuts["saveDraft"] == ["Ctrl+S"]
    assert "Ctrl+," in shortcuts["settings"]
    assert shortcuts["quit"] == ["Ctrl+Q"]
    assert shortcuts["find"] == ["Ctrl+F"]
    assert shortcuts["refresh"] == ["F5"]
    assert shortcuts["userGuide"] == ["F1"]
    toolbar = window.findChild(QWidget, "mainToolBar")
    assert toolbar is not None and toolbar.isVisible()
    assert not window.actions_by_name["refresh"].icon().isNull()
    assert window.actions_by_name["refresh"].iconText() == "刷新"  # no "(&R)" on the button
    nav = window.nav
    assert all(
        not nav.topLevelItem(0).child(i).icon(0).isNull()
        for i in range(nav.topLevelItem(0).childCount())
    )


def test_f5_refreshes_the_current_page(qtbot, make_context, tmp_path) -> None:
    window = window_for(qtbot, make_context, tmp_path, "A", Role.REGISTRAR)
    home = window.pages["home"]
    qtbot.waitUntil(lambda: home.refresh_button.isEnabled(), timeout=WAIT)
    with qtbot.wait_signal(home.loaded, timeout=WAIT):
        press(qtbot, window, "F5")


def test_ctrl_f_puts_the_cursor_in_the_current_pages_search_box(
    qtbot, make_context, tmp_path
) -> None:
    window = window_for(qtbot, make_context, tmp_path, "B", Role.APPLICANT)
    page = window.open_page("requests.share_catalog")
    assert page is not None
    window.nav.setFocus()
    press(qtbot, window, "Ctrl+F")
    assert QApplication.focusWidget() is page.findChild(QWidget, "searchEdit")

    window.open_page("home")  # no search box here: the status bar says so
    press(qtbot, window, "Ctrl+F")
    assert "没有搜索框" in window.statusBar().currentMessage()


def test_ctrl_n_starts_a_new_entry_for_a_registrar_only(qtbot, make_context, tmp_path) -> None:
    window = window_for(qtbot, make_context, tmp_path, "A", Role.REGISTRAR)
    before = set(QApplication.topLevelWidgets())
    press(qtbot, window, "Ctrl+N")
    assert window.current_key() == "catalog.mine"
    qtbot.waitUntil(
        lambda: any(
            type(w).__name__ == "EntryFormDialog" and w.isVisible()
            for w in set(QApplication.topLevelWidgets()) - before
        ),
        timeout=WAIT,
    )
    for w in set(QApplication.topLevelWidgets()) - before:
        w.close()

    applicant = window_for(qtbot, make_context, tmp_path, "B", Role.APPLICANT)
    assert "newEntry" not in applicant.actions_by_name
    press(qtbot, applicant, "Ctrl+N")
    assert applicant.current_key() == "home"


def test_ctrl_s_saves_the_draft_of_the_current_page(qtbot, make_context, tmp_path) -> None:
    form = DraftFormPage()
    spec = PageSpec("test.form", "表单", "测试", None, lambda ctx: form, 200)
    window = window_for(qtbot, make_context, tmp_path, "A", Role.REGISTRAR, [spec])
    press(qtbot, window, "Ctrl+S")  # the home page has no draft
    assert "没有可保存的草稿" in window.statusBar().currentMessage()
    window.open_page("test.form")
    press(qtbot, window, "Ctrl+S")
    assert form.saved == 1
    assert "草稿已保存" in window.statusBar().currentMessage()


def test_f1_opens_the_user_guide(qtbot, make_context, tmp_path) -> None:
    window = window_for(qtbot, make_context, tmp_path, "A", Role.REGISTRAR)
    press(qtbot, window, "F1")
    guide = window.guide
    assert guide is not None and guide.isVisible()
    text = guide.findChild(QTextBrowser).toPlainText()
    assert "用户指南" in text and "目录登记员" in text and "演示" in text
    assert user_guide_path().is_file()


@pytest.mark.parametrize("keys", ["Ctrl+,", "Preferences"])
def test_the_settings_shortcut_works_on_every_platform(qtbot, make_context, tmp_path, keys) -> None:
    window = window_for(qtbot, make_context, tmp_path, "A", Role.REGISTRAR)
    if keys == "Preferences":  # the platform's own key (Ctrl+, or none on some desktops)
        keys = QKeySequence(QKeySequence.StandardKey.Preferences)
        if keys.isEmpty():
            pytest.skip("this platform has no Preferences key (Ctrl+, is the one)")
    with qtbot.wait_signal(window.settings_requested, timeout=2000):
        press(qtbot, window, keys)


def test_ctrl_q_closes_the_window(qtbot, make_context, tmp_path) -> None:
    window = window_for(qtbot, make_context, tmp_path, "A", Role.REGISTRAR)
    press(qtbot, window, "Ctrl+Q")
    qtbot.waitUntil(lambda: not window.isVisible())


def test_about_box(qtbot, make_context, tmp_path) -> None:
    window = window_for(qtbot, make_context, tmp_path, "A", Role.REGISTRAR)
    box = window.show_about()
    assert "南通市政务信息资源共享管理办法" in box.text()
    box.close()


def test_the_shipped_user_guide_is_the_one_in_docs() -> None:
    docs = Path(__file__).resolve().parents[3] / "docs" / "user-guide.md"
    assert user_guide_path().read_text(encoding="utf-8") == docs.read_text(encoding="utf-8")
