"""Screenshots of the security admin's desk (三员分立), on its own or from tools/screenshots.py.

    xvfb-run -a python tools/security_shots.py [--out DIR] [--demo-dir DIR]

On its own: starts the embedded demo platform (seeded into a temporary directory, or reuses
--demo-dir), signs in as the demo security admin and saves, at the page area a maximised main
window leaves on the office screen (1366×768):

    security_admin-security_users.png          用户管理, a department user's detail
    security_admin-security_users_cli.png      the audit admin's account: read-only, CLI note
    security-user-dialog.png                   新建用户 with a too short temporary password
    security-reset-dialog.png                  重置密码
    security_admin-security_departments.png    部门管理
    security-department-dialog.png             新建部门 with a wrong 统一社会信用代码
    security_admin-security_filings.png        资源管理员备案 of a department (the filing in force)
    security-filing-dialog.png                 备案 of a resource administrator
    security_admin-security_password_policy.png 密码策略
    change-password-dialog.png                 the forced 修改密码 (a temporary password)

From tools/screenshots.py: `shoot_security(window, out, role, save=, wait=)` adds the dialogs
(the pages themselves are shot with every page of the navigation).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

Save = Callable[[Any, Path, str], None]
Wait = Callable[[], None]
PAGE_SIZE = (1110, 640)
"""What the main window leaves a page at 1366×728 (navigation, menu, tool and status bars)."""


def _select(page: Any, key: str, value: Any, wait: Wait) -> None:
    for n, row in enumerate(page.model.rows()):
        if row.get(key) == value or (callable(value) and value(row)):
            page.table.selectRow(n)
            break
    wait()


def shoot_user_dialogs(page: Any, out: Path, *, save: Save, wait: Wait) -> None:
    page.start_new()
    wait()
    dialog = page.active_dialog
    dialog.usernameEdit.setText("ga_registrar2")
    dialog.fullNameEdit.setText("王晓东")
    dialog.departmentCombo.setCurrentIndex(max(dialog.departmentCombo.findText("南通市公安局"), 1))
    dialog.rolesBox.boxes["registrar"].setChecked(True)
    dialog.password.edit.setText("abc123")
    save(dialog, out, "security-user-dialog.png")
    dialog.reject()
    _select(page, "roles", lambda r: r.get("roles") == ["registrar"], wait)
    if page.current is not None and page.action_buttons["reset"].isVisible():
        page.run_action("reset", page.current)
        wait()
        reset = page.active_dialog
        reset.password.edit.setText("Temp-Passw0rd#2026")
        save(reset, out, "security-reset-dialog.png")
        reset.reject()


def shoot_security(window: Any, out: Path, role: str, *, save: Save, wait: Wait) -> None:
    """The dialogs of the security admin's pages (the pages: screenshots.shoot_pages)."""
    users = window.open_page("security.users")
    if users is None:
        return
    wait()
    shoot_user_dialogs(users, out, save=save, wait=wait)
    _select(users, "roles", ["audit_admin"], wait)
    save(window, out, f"{role}-security_users_cli.png")
    departments = window.open_page("security.departments")
    wait()
    departments.start_new()
    wait()
    dialog = departments.active_dialog
    dialog.nameEdit.setText("南通市审计局")
    dialog.shortNameEdit.setText("市审计局")
    dialog.creditCodeEdit.setText("113206000141601860")
    save(dialog, out, "security-department-dialog.png")
    dialog.reject()
    filings = window.open_page("security.filings")
    wait()
    _select(filings, "is_platform", False, wait)
    wait()
    save(window, out, f"{role}-security_filings.png")
    if filings.current is not None and filings.action_buttons["file"].isVisible():
        filings.run_action("file", filings.current)
        wait()
        filing = filings.active_dialog
        filing.userCombo.setCurrentIndex(min(1, filing.userCombo.count() - 1))
        filing.phoneEdit.setText("0513-85551234")
        save(filing, out, "security-filing-dialog.png")
        filing.reject()
    me = window.context.me["user"]["username"]
    shoot_change_password(window.context.client, me, out, save=save, wait=wait)


def shoot_change_password(client: Any, username: str, out: Path, *, save: Save, wait: Wait) -> None:
    from govshare_desktop.login.password_dialog import ChangePasswordDialog

    dialog = ChangePasswordDialog(client=client, username=username, forced=True)
    dialog.show()
    wait()
    dialog.currentEdit.setText("Temp-Passw0rd#2026")
    dialog.newEdit.setText("newpassword")
    dialog.repeatEdit.setText("newpassword1")
    save(dialog, out, "change-password-dialog.png")
    dialog.forced = False  # closing the shot signs nobody out
    dialog.reject()


# --- on its own -------------------------------------------------------------------------------


def run(out: Path, demo_dir: Path | None) -> None:
    from PySide6.QtWidgets import QApplication

    from govshare_desktop import i18n
    from govshare_desktop.api.client import PlatformClient
    from govshare_desktop.context import AppContext
    from govshare_desktop.demo import EmbeddedPlatform
    from govshare_desktop.security.departments_page import DepartmentsPage, FilingsPage
    from govshare_desktop.security.policy_page import PasswordPolicyPage
    from govshare_desktop.security.users_page import UsersPage
    from govshare_desktop.store.local import LocalStore
    from screenshots import save, wait_idle

    app = QApplication(sys.argv[:1])
    i18n.install(app, "zh_CN")
    tmp = Path(os.environ["GOVSHARE_DATA_DIR"]).parent
    demo = EmbeddedPlatform(demo_dir or tmp / "demo", maintenance_minutes=0)
    started = time.monotonic()
    url = demo.start()
    print(f"demo platform up in {time.monotonic() - started:.0f} s")
    account = next(a for a in demo.accounts if "security_admin" in a["roles"])
    client = PlatformClient(url)
    client.login(str(account["username"]), str(account["password"]))
    context = AppContext(
        client=client,
        store=LocalStore(tmp / "security.db"),
        me=client.me(),
        profile_name="shots",
    )
    pages = {}
    for name, make in (
        ("security_users", UsersPage),
        ("security_departments", DepartmentsPage),
        ("security_filings", FilingsPage),
        ("security_password_policy", PasswordPolicyPage),
    ):
        page = make(context=context)
        page.resize(*PAGE_SIZE)
        page.show()
        wait_idle()
        pages[name] = page
    users = pages["security_users"]
    _select(users, "roles", lambda r: r.get("roles") == ["resource_admin"], wait_idle)
    save(users, out, "security_admin-security_users.png")
    shoot_user_dialogs(users, out, save=save, wait=wait_idle)
    _select(users, "roles", ["audit_admin"], wait_idle)
    save(users, out, "security_admin-security_users_cli.png")
    departments = pages["security_departments"]
    _select(departments, "is_platform", False, wait_idle)
    save(departments, out, "security_admin-security_departments.png")
    departments.start_new()
    wait_idle()
    dialog = departments.active_dialog
    dialog.nameEdit.setText("南通市审计局")
    dialog.creditCodeEdit.setText("113206000141601860")
    save(dialog, out, "security-department-dialog.png")
    dialog.reject()
    filings = pages["security_filings"]
    _select(filings, "is_platform", False, wait_idle)
    wait_idle()
    save(filings, out, "security_admin-security_filings.png")
    filings.run_action("file", filings.current)
    wait_idle()
    filing = filings.active_dialog
    filing.userCombo.setCurrentIndex(min(1, filing.userCombo.count() - 1))
    filing.phoneEdit.setText("0513-85551234")
    save(filing, out, "security-filing-dialog.png")
    filing.reject()
    save(pages["security_password_policy"], out, "security_admin-security_password_policy.png")
    shoot_change_password(client, str(account["username"]), out, save=save, wait=wait_idle)
    for page in pages.values():
        page.close()
    context.stop_sync()
    demo.stop()


def main(argv: list[str] | None = None) -> int:
    from screenshots import cli

    return cli(run, ROOT / "screenshots", __doc__.splitlines()[0], argv)


if __name__ == "__main__":
    raise SystemExit(main())
