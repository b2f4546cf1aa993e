"""Every window and dialog of the shell, the home page and the login fits a 1366×768 office
screen (1366×728 without the taskbar) at its largest, in Chinese and in English."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QPoint, QRect, QSettings
from PySide6.QtWidgets import QDialogButtonBox

from govshare_core.vocab import Role
from govshare_desktop.credentials import TokenVault
from govshare_desktop.login.dialog import LoginDialog
from govshare_desktop.login.presenter import LoginPresenter
from govshare_desktop.login.settings_dialog import SettingsDialog
from govshare_desktop.profiles import DEMO_PROFILE, Profile
from govshare_desktop.shell.help import UserGuideDialog
from govshare_desktop.shell.main_window import MainWindow
from tests.desktop.qt_support import OFFICE, assert_fits
from tests.desktop.shell_support import MemoryKeyring, isolated_profiles

DEPARTMENTS = ("南通市人力资源和社会保障局", "国家税务总局南通市税务局", "南通市大数据管理局")
DEMO_ACCOUNTS = [  # as many and as long as the demo city's (64 accounts)
    {
        "username": f"{key}_{role.value}",
        "password": "GovShare@Demo2015",
        "full_name": "欧阳晓东",
        "department": DEPARTMENTS[n % len(DEPARTMENTS)],
        "roles": [role.value],
        "description_zh": "说明",
    }
    for n, key in enumerate(("rs", "sw", "dsj", "ga", "mz", "zj", "jy", "hb"))
    for role in Role
]
ROLES = [
    ("A", Role.REGISTRAR),
    ("A", Role.CATALOG_REVIEWER),
    ("B", Role.APPLICANT),
    ("A", Role.RESOURCE_ADMIN),
    ("P", Role.PLATFORM_ADMIN),
    ("P", Role.AUDIT_ADMIN),
]


def demo_login_dialog(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> LoginDialog:
    """A login dialog on isolated settings that hold the demo profile."""
    profiles = isolated_profiles(tmp_path, monkeypatch, "http://127.0.0.1:9")
    profiles.upsert(Profile(DEMO_PROFILE, "http://127.0.0.1:9"))
    dialog = LoginDialog(
        presenter=LoginPresenter(profiles=profiles, vault=TokenVault(MemoryKeyring()))
    )
    qtbot.addWidget(dialog)
    return dialog


def test_the_login_dialog_at_its_largest_fits_with_its_buttons(
    qtbot, language: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = demo_login_dialog(qtbot, tmp_path, monkeypatch)
    dialog.move(900, 300)  # where a small dialog sat before growing: it must not run off
    dialog.show()
    dialog.set_demo_accounts(DEMO_ACCOUNTS)
    dialog.ui.keyringNote.show()
    dialog.show_error("用户名或密码错误。再输错 4 次，账号将被临时锁定。")
    dialog.show_start_failure(
        "sqlalchemy.exc.DatabaseError: (sqlite3.DatabaseError) file is not a database\n\n"
        "演示平台数据目录：C:\\Users\\zhangwei\\AppData\\Local\\GovShare\\demo",
        Path("C:/Users/zhangwei/AppData/Local/GovShare/Logs/govshare-desktop.log"),
    )
    dialog.ui.detailsButton.setChecked(True)
    dialog.fit_to_screen(OFFICE)
    assert_fits(dialog, "login")
    assert OFFICE.contains(dialog.frameGeometry()), dialog.frameGeometry()
    ok = dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isVisible()
    assert dialog.rect().contains(QRect(ok.mapTo(dialog, QPoint(0, 0)), ok.size()))


def test_the_demo_profile_shows_a_translated_name_and_keeps_its_key(
    qtbot, language: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = demo_login_dialog(qtbot, tmp_path, monkeypatch)
    dialog.reload_profiles(select=DEMO_PROFILE)
    combo = dialog.ui.profileCombo
    assert combo.currentData() == DEMO_PROFILE  # the stored key stays
    assert dialog.current_profile() is not None and dialog.current_profile().name == DEMO_PROFILE
    # shown in the UI language (the English text itself is the lead's, in govshare_en.ts)
    assert combo.currentText() == QCoreApplication.translate("LoginPresenter", "演示平台")
    if language == "zh_CN":
        assert combo.currentText() == DEMO_PROFILE


def test_the_settings_dialog_fits(qtbot, language: str, tmp_path: Path, monkeypatch) -> None:
    profiles = isolated_profiles(tmp_path, monkeypatch, "http://127.0.0.1:9")
    for show_language in (True, False):
        dialog = SettingsDialog(profiles=profiles, show_language=show_language)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.ui.profileError.setText("找不到 CA 证书文件：C:\\证书\\南通市政务外网根证书.pem")
        dialog.ui.profileError.show()
        assert_fits(dialog, f"settings (language: {show_language})")


def test_the_user_guide_fits(qtbot, language: str) -> None:
    guide = UserGuideDialog()
    qtbot.addWidget(guide)
    guide.show()
    assert_fits(guide, "user guide")


@pytest.mark.parametrize(("dept", "role"), ROLES, ids=lambda r: getattr(r, "value", r))
def test_the_main_window_with_every_page_open_fits(
    qtbot, make_context, tmp_path: Path, language: str, dept: str, role: Role
) -> None:
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    window = MainWindow(context=make_context(dept, role), settings=settings)
    qtbot.addWidget(window)
    window.show_fitted(OFFICE)
    for key in window.page_keys():
        window.open_page(key)
        assert_fits(window, f"main window with {key}")
    window.show_about()
    assert_fits(window.about_box, "about box")
    window.about_box.close()
