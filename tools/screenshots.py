"""Regenerate the screenshots in screenshots/ (Chinese UI) from a real, seeded demo platform.

    xvfb-run -a python tools/screenshots.py        # under Xvfb
    QT_QPA_PLATFORM=offscreen python tools/screenshots.py

Starts the embedded demo platform (seeded into a temporary directory, or --demo-dir to reuse
one), runs the real client in this process, signs in as the demo users each screen is for and
saves: login.png, home.png, entry_form.png (with a validation error), share_catalog.png,
request_inbox.png. Settings, offline stores and the keyring are kept away from the user's own.
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


def settle(seconds: float = 0.5) -> None:
    """Let pending paints, layouts and background answers land."""
    end = time.monotonic() + seconds
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
    window.resize(1280, 800)
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


def run(out: Path, demo_dir: Path | None) -> None:
    from PySide6.QtWidgets import QApplication

    from govshare_desktop import i18n
    from govshare_desktop.credentials import TokenVault
    from govshare_desktop.demo import EmbeddedPlatform
    from govshare_desktop.profiles import ProfileStore
    from govshare_desktop.shell.controller import DesktopApp, application_icon

    app = QApplication(sys.argv[:1])
    app.setWindowIcon(application_icon())
    i18n.install(app, "zh_CN")
    tmp = Path(os.environ["GOVSHARE_DATA_DIR"]).parent
    demo = EmbeddedPlatform(demo_dir or tmp / "demo", maintenance_minutes=0)
    desktop = DesktopApp(profiles=ProfileStore(), vault=TokenVault(memory_keyring()), demo=demo)
    desktop.start()
    wait_until(lambda: demo.url and desktop.login_dialog.ui.demoTree.topLevelItemCount(), 180)
    settle(0.3)

    dialog = desktop.login_dialog
    tree = dialog.ui.demoTree
    pick = next(
        tree.topLevelItem(i)
        for i in range(tree.topLevelItemCount())
        if tree.topLevelItem(i).text(0) == "ga_registrar"
    )
    tree.setCurrentItem(pick)
    dialog._on_demo_clicked(pick, 0)
    save(dialog, out, "login.png")

    password = str(demo.accounts[0]["password"])  # every demo account has the same one
    window = sign_in(desktop, "ga_registrar", password)
    form = entry_form_with_error(window)
    form.resize(960, 900)
    save(form, out, "entry_form.png")
    form.close()
    page = window.open_page("requests.share_catalog")
    wait_until(lambda: page is not None and table_rows(page) > 0, 30, "the share catalog")
    save(window, out, "share_catalog.png")

    window = switch_user(desktop, "dsj_platform_admin", password)
    home = window.pages["home"]
    wait_until(lambda: home.model.rowCount() > 0, 30, "the home page's inbox")
    save(window, out, "home.png")

    admin = busiest(demo.url, demo.accounts, "resource_admin", ("request_decide",))
    window = switch_user(desktop, admin, password)
    page = window.open_page("requests.inbox")
    wait_until(lambda: page is not None and table_rows(page) > 0, 30, "the request inbox")
    save(window, out, "request_inbox.png")

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
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="govshare-shots-") as tmp:
        _isolate(Path(tmp))
        runner(args.out, args.demo_dir)
    return 0


def main(argv: list[str] | None = None) -> int:
    return cli(run, ROOT / "screenshots", __doc__.splitlines()[0], argv)


if __name__ == "__main__":
    sys.exit(main())
