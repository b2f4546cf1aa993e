"""用户管理 against a real platform (三员分立, 第三十三条): the security admin creates an account
with a temporary password (checked live), finds it in the list, resets its password; the user
then signs in through the real login dialog and must choose a new password before the main
window opens. What govshare_core.separation refuses is not offered: the admin's own account,
the audit admin's account (read-only, managed with the server's CLI)."""

from __future__ import annotations

from pathlib import Path

import pytest

from govshare_core.vocab import Role
from govshare_desktop.api import security_paths
from govshare_desktop.api.actions import Action
from govshare_desktop.credentials import TokenVault
from govshare_desktop.security.users_page import UsersPage
from govshare_desktop.shell.controller import DesktopApp
from tests.desktop.conftest import LiveServer
from tests.desktop.security.support import (
    TEMPORARY,
    WAIT,
    click_action,
    click_new,
    confirm,
    offered,
    press_ok,
    row_of,
    sign_in,
)
from tests.desktop.shell_support import MemoryKeyring, isolated_profiles

NEW_USER = "a_clerk2"
RESET = "Reset-Passw0rd#77"
CHOSEN = "Chosen-Passw0rd!88"


def users_page(qtbot, make_context) -> UsersPage:  # type: ignore[no-untyped-def]
    page = UsersPage(context=make_context("P", Role.SECURITY_ADMIN))
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0 and bool(page.departments), timeout=WAIT)
    return page


def test_refused_changes_are_not_offered(live_server: LiveServer, make_context, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = users_page(qtbot, make_context)
    assert page.newButton.isVisibleTo(page)
    own = row_of(qtbot, page, "username", live_server.username("P", Role.SECURITY_ADMIN))
    assert offered(page) == set()  # never its own account or roles
    assert "不能修改本人的账号或角色" in page.detailView.toPlainText()
    row_of(qtbot, page, "username", live_server.username("P", Role.AUDIT_ADMIN))
    assert offered(page) == set()  # a privileged account: the server's CLI only
    assert "命令行" in page.detailView.toPlainText()
    row_of(qtbot, page, "username", live_server.username("A", Role.REGISTRAR))
    assert offered(page) == {"edit", "disable", "reset"}
    edit = click_action(qtbot, page, "edit")
    assert "security_admin" not in edit.rolesBox.boxes  # never granted from the desk
    assert "audit_admin" not in edit.rolesBox.boxes
    edit.reject()
    assert own["roles"] == ["security_admin"]


def test_create_find_reset_then_the_user_must_change_it(
    live_server: LiveServer, make_context, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    page = users_page(qtbot, make_context)
    dialog = click_new(qtbot, page)
    dialog.usernameEdit.setText(NEW_USER)
    dialog.fullNameEdit.setText("王小明")
    dialog.departmentCombo.setCurrentIndex(dialog.departmentCombo.findText("南通市公安局"))
    dialog.rolesBox.boxes["registrar"].setChecked(True)
    dialog.password.edit.setText("abc")  # checked live, as typed: which field and why
    assert "至少需要" in dialog.field_message("password")
    dialog.password.edit.setText("a_clerk2-Passw0rd")
    assert "不能包含用户名" in dialog.field_message("password")
    dialog.password.edit.setText(TEMPORARY)
    assert dialog.field_message("password") == ""
    created = press_ok(qtbot, page, dialog)
    assert created["username"] == NEW_USER and created["must_change_password"] is True
    assert created["roles"] == ["registrar"]

    page.searchEdit.setText(NEW_USER)  # appears in the list
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT)
    row = row_of(qtbot, page, "username", NEW_USER)
    assert "待改密" in page.model.index(0, 4).data()
    assert offered(page) == {"edit", "disable", "reset"}
    reset = click_action(qtbot, page, "reset")
    reset.password.edit.setText(RESET)
    answer = press_ok(qtbot, page, reset)
    assert answer["id"] == row["id"] and answer["must_change_password"] is True

    # the user signs in (the real login dialog) and must choose a new password first
    profiles = isolated_profiles(tmp_path, monkeypatch, live_server.url)
    desktop = DesktopApp(profiles=profiles, vault=TokenVault(MemoryKeyring()))
    desktop.start()
    try:
        with qtbot.wait_signal(desktop.password_change_shown, timeout=WAIT) as shown:
            sign_in(qtbot, desktop, NEW_USER, RESET)
        change = shown.args[0]
        assert change.forced and desktop.window is None  # no main window before it
        assert not change.okButton.isEnabled()
        change.currentEdit.setText(RESET)
        change.newEdit.setText("short")
        assert "至少需要" in change.problemsLabel.text()
        change.newEdit.setText(CHOSEN)
        change.repeatEdit.setText(CHOSEN + "x")
        assert "不一致" in change.problemsLabel.text() and not change.okButton.isEnabled()
        change.repeatEdit.setText(CHOSEN)
        assert change.okButton.isEnabled()
        with qtbot.wait_signal(desktop.session_started, timeout=WAIT) as started:
            change.okButton.click()
        window = started.args[0]
        assert window.context.me["user"]["username"] == NEW_USER
        assert "changePassword" in window.actions_by_name  # 修改密码 for every user
    finally:
        if desktop.window is not None:
            desktop.window.close()
        desktop.shutdown()
    page.refresh()
    qtbot.waitUntil(
        lambda: page.current is not None and not page.current["must_change_password"],
        timeout=WAIT,
    )


def test_disable_then_enable_and_a_stale_edit(live_server: LiveServer, make_context, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = users_page(qtbot, make_context)
    row_of(qtbot, page, "username", live_server.username("B", Role.APPLICANT))
    box = click_action(qtbot, page, "disable")
    answer = confirm(qtbot, page, box)
    assert answer["active"] is False
    assert offered(page) == {"edit", "enable"}
    page.stateCombo.setCurrentIndex(2)  # 已停用
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT)
    box = click_action(qtbot, page, "enable")
    assert confirm(qtbot, page, box)["active"] is True

    # another admin changed the account meanwhile: the edit is refused (412), shown afresh
    page.stateCombo.setCurrentIndex(0)
    row = row_of(qtbot, page, "username", live_server.username("A", Role.APPLICANT))
    edit = click_action(qtbot, page, "edit")
    other = make_context("P", Role.SECURITY_ADMIN).client
    other.send(
        Action(
            "PATCH",
            security_paths.user_path(row["id"]),
            {"full_name": "他人修改"},
            if_match=row["version"],
        ),
        key="other-edit",
    )
    edit.fullNameEdit.setText("我的修改")
    with qtbot.wait_signal(page.action_failed, timeout=WAIT) as failed:
        edit.ui.okButton.click()
    assert "已被他人处理或修改" in failed.args[1]
    qtbot.waitUntil(
        lambda: page.current is not None and page.current["full_name"] == "他人修改",
        timeout=WAIT,
    )
