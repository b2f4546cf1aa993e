"""Regenerate the screenshots in screenshots/ (Chinese UI) from a real, seeded demo platform.

    xvfb-run -a python tools/screenshots.py        # under Xvfb
    QT_QPA_PLATFORM=offscreen python tools/screenshots.py

Starts the embedded demo platform (seeded into a temporary directory, or --demo-dir to reuse
one), runs the real client in this process and saves, at the office screen's 1366×768 (the
main window as it is maximised there, 1366×728):
- login.png (a demo account picked), login-failed.png (the demo platform failed to start: a
  damaged database, the error's details open);
- <role>-<page>.png for one demo account of each role and every page of its navigation
  (e.g. registrar-catalog_mine.png), the first row of the page's list selected;
- user-guide.png and about.png;
- the 待签协议 screens (tools/agreement_shots.py): the resource admin's as the demo signer with
  the most agreements to sign (<role>-agreements.png again, <role>-agreement_viewer.png,
  sign-dialog.png), the platform admin's (its viewer, agreement-verify.png);
- the 数据交换 screens (tools/exchange_shots.py): registrar-exchange_report.png.
- the usage screens (tools/usage_shots.py): <role>-usage_inquiry.png, <role>-usage_discrepancy.png
- the assessment screens (tools/assessment_shots.py): <role>-assessment_ranking/_chart/_scorecard/
  _trend.png and its dialogs; the 整改 screens (tools/rectification_shots.py)
  (first item's detail), usage-inquiry-dialog.png, usage-report-dialog.png.
- the security admin's dialogs (tools/security_shots.py): security-user-dialog.png,
  security-department-dialog.png, security-filing-dialog.png, change-password-dialog.png, …
Settings, offline stores and the keyring are kept away from the user's own.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from agreement_shots import shoot_agreements  # noqa: E402  (tools/, beside this script)
from assessment_shots import shoot_assessment  # noqa: E402
from exchange_shots import shoot_exchange  # noqa: E402
from rectification_shots import shoot_rectification  # noqa: E402
from security_shots import shoot_security  # noqa: E402
from usage_shots import shoot_usage  # noqa: E402

OFFICE_WIDTH, OFFICE_HEIGHT = 1366, 728
"""The main window maximised on a 1366×768 screen with a 40 px taskbar."""
ACCOUNTS = {
    "registrar": "ga_registrar",
    "catalog_reviewer": "ga_catalog_reviewer",
    "applicant": "mz_applicant",
    "resource_admin": "",  # the busiest one (most requests to decide)
    "platform_admin": "dsj_platform_admin",
    "supervisor": "dsj_supervisor",
    "security_admin": "dsj_security_admin",
    "audit_admin": "dsj_audit_admin",
}
"""The demo account shown for each role (in govshare_core.vocab.Role order)."""
GARBAGE = bytes(range(256)) * 16
"""4 KiB that is no SQLite database: the demo platform fails to start on it."""


def _isolate(tmp: Path) -> None:
    os.environ["GOVSHARE_SETTINGS_FILE"] = str(tmp / "settings.ini")
    os.environ["GOVSHARE_DATA_DIR"] = str(tmp / "data")
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb" if os.environ.get("DISPLAY") else "offscreen")


def memory_keyring() -> Any:
    """An in-process keyring, so the shots neither touch the user's keyring nor show the
    "no keyring" note of a headless machine."""
    from keyring.backend import KeyringBackend

    class MemoryKeyring(KeyringBackend):
        priority = 1  # type: ignore[assignment]
        entries: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self.entries.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.entries[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            self.entries.pop((service, username), None)

    return MemoryKeyring()


def wait_until(predicate: Callable[[], Any], timeout: float = 60.0, what: str = "") -> None:
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {what or predicate}")
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.01)


PACE = [1.0]
"""Every settle's length is multiplied by this (`--pace`): 1 for the screenshots we publish, less
where only their presence counts (the test); waits for background work are not shortened."""


def settle(seconds: float = 0.5) -> None:
    """Let pending paints, layouts and background answers land."""
    end = time.monotonic() + seconds * PACE[0]
    from PySide6.QtWidgets import QApplication

    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.01)


def save(widget: Any, out: Path, name: str) -> None:
    settle()
    path = out / name
    if not widget.grab().save(str(path)):
        raise RuntimeError(f"could not save {path}")
    print(f"saved {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


def table_rows(widget: Any) -> int:
    from PySide6.QtWidgets import QAbstractItemView

    views = widget.findChildren(QAbstractItemView)
    return max((v.model().rowCount() for v in views if v.model() is not None), default=0)


def sign_in(desktop: Any, username: str, password: str) -> Any:
    dialog = desktop.login_dialog
    dialog.ui.usernameEdit.setText(username)
    dialog.ui.passwordEdit.setText(password)
    started: list[Any] = []
    desktop.session_started.connect(started.append)
    dialog._on_login_clicked()
    wait_until(lambda: started, 30, f"sign-in of {username}")
    desktop.session_started.disconnect(started.append)
    window = started[0]
    window.showNormal()
    window.resize(OFFICE_WIDTH, OFFICE_HEIGHT)
    return window


def switch_user(desktop: Any, username: str, password: str) -> Any:
    desktop.logout()
    wait_until(lambda: desktop.login_dialog is not None, 10, "the login dialog")
    return sign_in(desktop, username, password)


def busiest(url: str, accounts: list[dict[str, Any]], role: str, kinds: tuple[str, ...]) -> str:
    """The demo account of `role` with the most inbox items of `kinds` (the richest screen)."""
    from govshare_desktop.api.client import PlatformClient

    best, most = "", -1
    for acc in accounts:
        if role not in acc["roles"]:
            continue
        client = PlatformClient(url)
        client.login(str(acc["username"]), str(acc["password"]))
        count = sum(1 for i in client.inbox() if i["kind"] in kinds)
        client.logout()
        if count > most:
            best, most = str(acc["username"]), count
    return best


def entry_form_with_error(window: Any) -> Any:
    from govshare_core.vocab import ShareType
    from govshare_desktop.catalog.entry_form import open_entry_form

    dialog = open_entry_form(window.context, parent=window)
    form = dialog.form
    ui = form.ui
    ui.classItemEdit.setText("01")
    ui.classCatalogEdit.setText("002")
    ui.nameEdit.setText("流动人口居住登记信息")
    ui.summaryEdit.setPlainText("本市流动人口居住登记、居住证办理信息，用于公共服务和社会治理。")
    form.add_item("姓名")
    form.add_item("公民身份号码")
    form.add_item("居住地址")
    ui.formatTypeCombo.setCurrentIndex(max(0, ui.formatTypeCombo.findText("mysql")))
    ui.shareTypeCombo.setCurrentIndex(ui.shareTypeCombo.findData(ShareType.CONDITIONAL))
    form.show_all_errors()
    return dialog


def wait_idle(seconds: float = 20.0) -> None:
    """Until no background work ran for a moment (pages loaded), at most `seconds`."""
    from PySide6.QtCore import QThreadPool

    pool = QThreadPool.globalInstance()
    deadline, quiet = time.monotonic() + seconds, 0
    while quiet < 6 and time.monotonic() < deadline:
        settle(0.05)
        quiet = quiet + 1 if pool.activeThreadCount() == 0 else 0


def select_first_row(page: Any) -> None:
    """Select the first row of the page's first visible list, so that its detail shows."""
    from PySide6.QtWidgets import QAbstractItemView

    for view in page.findChildren(QAbstractItemView):
        model = view.model()
        if view.isVisibleTo(page) and model is not None and model.rowCount() > 0:
            view.setCurrentIndex(model.index(0, 0))
            return


def shoot_pages(window: Any, out: Path, role: str) -> None:
    """Every page of the window's navigation, loaded, as <role>-<page>.png."""
    for key in window.page_keys():
        page = window.open_page(key)
        wait_idle()
        select_first_row(page)
        wait_idle()
        save(window, out, f"{role}-{key.replace('.', '_')}.png")


def shoot_failed_start(out: Path, tmp: Path) -> None:
    """The login dialog after the embedded demo platform failed to start, details open."""
    from govshare_desktop.credentials import TokenVault
    from govshare_desktop.demo import EmbeddedPlatform
    from govshare_desktop.profiles import ProfileStore
    from govshare_desktop.shell.controller import DesktopApp

    broken = tmp / "broken-demo"
    broken.mkdir(parents=True)
    (broken / "platform.db").write_bytes(GARBAGE)
    demo = EmbeddedPlatform(broken, maintenance_minutes=0)
    desktop = DesktopApp(profiles=ProfileStore(), vault=TokenVault(memory_keyring()), demo=demo)
    failed: list[str] = []
    desktop.demo_failed.connect(failed.append)
    desktop.start()
    wait_until(lambda: failed, 120, "the failed demo start")
    dialog = desktop.login_dialog
    dialog.ui.detailsButton.setChecked(True)
    save(dialog, out, "login-failed.png")
    dialog.rejected.disconnect()  # closing it here must not quit the application
    dialog.close()
    desktop.shutdown()


def shoot_login(desktop: Any, out: Path) -> None:
    dialog = desktop.login_dialog
    tree = dialog.ui.demoTree
    pick = next(
        tree.topLevelItem(i)
        for i in range(tree.topLevelItemCount())
        if tree.topLevelItem(i).text(0) == ACCOUNTS["registrar"]
    )
    tree.setCurrentItem(pick)
    dialog._on_demo_clicked(pick, 0)
    save(dialog, out, "login.png")


def shoot_help(window: Any, out: Path) -> None:
    guide = window.show_user_guide()
    save(guide, out, "user-guide.png")
    guide.close()
    box = window.show_about()
    save(box, out, "about.png")
    box.close()


def run(out: Path, demo_dir: Path | None) -> None:
    from PySide6.QtWidgets import QApplication

    from govshare_core.vocab import Role
    from govshare_desktop import i18n
    from govshare_desktop.credentials import TokenVault
    from govshare_desktop.demo import EmbeddedPlatform
    from govshare_desktop.profiles import ProfileStore
    from govshare_desktop.shell.controller import DesktopApp, application_icon

    app = QApplication(sys.argv[:1])
    app.setWindowIcon(application_icon())
    i18n.install(app, "zh_CN")
    tmp = Path(os.environ["GOVSHARE_DATA_DIR"]).parent
    shoot_failed_start(out, tmp)

    demo = EmbeddedPlatform(demo_dir or tmp / "demo", maintenance_minutes=0)
    desktop = DesktopApp(profiles=ProfileStore(), vault=TokenVault(memory_keyring()), demo=demo)
    desktop.start()
    wait_until(lambda: demo.url and desktop.login_dialog.ui.demoTree.topLevelItemCount(), 180)
    settle(0.3)
    shoot_login(desktop, out)

    password = str(demo.accounts[0]["password"])  # every demo account has the same one
    window = None
    for role in Role:
        username = ACCOUNTS[role.value] or busiest(
            demo.url, demo.accounts, role.value, ("request_decide", "agreement_sign")
        )
        if window is None:
            window = sign_in(desktop, username, password)
            shoot_help(window, out)
        else:
            window = switch_user(desktop, username, password)
        shoot_pages(window, out, role.value)
        if role is Role.REGISTRAR:  # 数据交付 with a refused file's report
            shoot_exchange(window, out, role.value, save=save, wait=wait_idle)
        if role in (Role.RESOURCE_ADMIN, Role.APPLICANT, Role.PLATFORM_ADMIN):  # 询问, 异议
            shoot_usage(window, out, role.value, save=save, wait=wait_idle)
        if role in (Role.SUPERVISOR, Role.RESOURCE_ADMIN):  # 考核评估, 整改 (第三十四条–第三十六条)
            shoot_assessment(window, out, role.value, save=save, wait=wait_idle)
            shoot_rectification(window, out, role.value, save=save, wait=wait_idle)
        if role is Role.SECURITY_ADMIN:  # the desk's dialogs, a CLI-managed account, 修改密码
            shoot_security(window, out, role.value, save=save, wait=wait_idle)
        if role is Role.RESOURCE_ADMIN:  # the agreements as a filed signer whose turn it is
            signer = busiest(demo.url, demo.accounts, role.value, ("agreement_sign",))
            if signer != username:
                window = switch_user(desktop, signer, password)
        if role in (Role.RESOURCE_ADMIN, Role.PLATFORM_ADMIN):
            shoot_agreements(window, out, role.value, save=save, wait=wait_idle)

    assert window is not None
    window.close()
    desktop.shutdown()


def cli(
    runner: Callable[[Path, Path | None], None],
    default_out: Path,
    description: str,
    argv: list[str] | None = None,
) -> int:
    """Command line shared by the screenshot scripts: --out, --demo-dir, isolated settings."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--out", type=Path, default=default_out)
    parser.add_argument("--demo-dir", type=Path, default=None, help="reuse a seeded demo dir")
    parser.add_argument(
        "--pace",
        type=float,
        default=1.0,
        help="scale the pauses before each screenshot (0.3: a quick check run)",
    )
    args = parser.parse_args(argv)
    PACE[0] = min(1.0, max(0.1, args.pace))
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="govshare-shots-") as tmp:
        _isolate(Path(tmp))
        runner(args.out, args.demo_dir)
    return 0


def main(argv: list[str] | None = None) -> int:
    return cli(run, ROOT / "screenshots", __doc__.splitlines()[0], argv)


if __name__ == "__main__":
    sys.exit(main())
