"""Render the share pages (共享目录, request form, 我的申请, 待审申请, decision dialogs, 授权) at
1280x800 and 1024x700 from the seeded embedded demo platform, for looking at their layout.

    QT_QPA_PLATFORM=offscreen python tools/shots_requests.py [--out /tmp/shots] [--demo-dir D]

Reuses the helpers of tools/screenshots.py (isolated settings, in-memory keyring, sign-in).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

import screenshots as shots  # noqa: E402

SIZES = ((1280, 800), (1024, 700))


def _select_first(page: Any) -> None:
    from PySide6.QtCore import QModelIndex

    shots.settle(1.0)  # let a second listing (sign-in sync) land before choosing a row
    view = page.ui.tableView
    view.setCurrentIndex(QModelIndex())  # a view given focus may already have row 0 current
    view.setCurrentIndex(view.model().index(0, 0))


def _shoot_window(window: Any, out: Path, name: str, size: tuple[int, int]) -> None:
    window.resize(*size)
    shots.save(window, out, f"{name}_{size[0]}x{size[1]}.png")


def _shoot_dialog(dialog: Any, out: Path, name: str) -> None:
    dialog.adjustSize()
    shots.save(dialog, out, f"{name}.png")


def run(out: Path, demo_dir: Path | None) -> None:
    from PySide6.QtWidgets import QApplication

    from govshare_desktop import i18n
    from govshare_desktop.credentials import TokenVault
    from govshare_desktop.demo import EmbeddedPlatform
    from govshare_desktop.profiles import ProfileStore
    from govshare_desktop.shell.controller import DesktopApp

    app = QApplication(sys.argv[:1])
    i18n.install(app, "zh_CN")
    tmp = Path(os.environ["GOVSHARE_DATA_DIR"]).parent
    demo = EmbeddedPlatform(demo_dir or tmp / "demo", maintenance_minutes=0)
    vault = TokenVault(shots.memory_keyring())
    desktop = DesktopApp(profiles=ProfileStore(), vault=vault, demo=demo)
    desktop.start()
    shots.wait_until(lambda: demo.url and desktop.login_dialog.ui.demoTree.topLevelItemCount(), 180)
    password = str(demo.accounts[0]["password"])

    # the applicant: share catalog with a detail, the request form, my requests
    window = shots.sign_in(desktop, "mz_applicant", password)
    page = window.open_page("requests.share_catalog")
    shots.wait_until(lambda: shots.table_rows(page) > 0, 30, "the share catalog")
    _select_first(page)
    shots.wait_until(lambda: page.entry is not None, 30, "the entry detail")
    for size in SIZES:
        _shoot_window(window, out, "share_catalog", size)
    dialog = page.open_request_form(page.entry)
    dialog.resize(680, 640)
    shots.save(dialog, out, "request_form.png")
    dialog.show_errors({"business": "请填写应用业务", "reason": "申请理由不能少于 10 个字"})
    dialog.resize(600, 620)
    shots.save(dialog, out, "request_form_errors_600x620.png")
    dialog.reject()
    page = window.open_page("requests.mine")
    shots.wait_until(lambda: shots.table_rows(page) > 0, 30, "my requests")
    _select_first(page)
    shots.wait_until(lambda: page.detail is not None, 30, "the request detail")
    for size in SIZES:
        _shoot_window(window, out, "my_requests", size)
    page = window.open_page("grants")
    shots.settle(1.5)
    for size in SIZES:
        _shoot_window(window, out, "grants_applicant", size)

    # the busiest resource admin: inbox with a detail and the decision dialog, grants
    admin = shots.busiest(demo.url, demo.accounts, "resource_admin", ("request_decide",))
    window = shots.switch_user(desktop, admin, password)
    page = window.open_page("requests.inbox")
    shots.wait_until(lambda: shots.table_rows(page) > 0, 30, "the request inbox")
    _select_first(page)
    shots.wait_until(lambda: page.detail is not None, 30, "the request detail")
    for size in SIZES:
        _shoot_window(window, out, "request_inbox", size)
    if page.ui.decideButton.isVisible():
        page.ui.decideButton.click()
        dialog = page.active_dialog
        _shoot_dialog(dialog, out, "decision_dialog")
        dialog.reject()
    page = window.open_page("grants")
    shots.settle(1.5)
    for size in SIZES:
        _shoot_window(window, out, "grants_admin", size)

    # the platform admin: inbox and the mediation dialog
    window = shots.switch_user(desktop, "dsj_platform_admin", password)
    page = window.open_page("requests.inbox")
    shots.settle(1.5)
    if shots.table_rows(page):
        _select_first(page)
        shots.wait_until(lambda: page.detail is not None, 30, "the request detail")
    for size in SIZES:
        _shoot_window(window, out, "platform_inbox", size)
    from govshare_desktop.requests.dialogs import DecisionDialog

    mediation = DecisionDialog(
        context=window.context,
        summary="申请 #1：南通市民政局 申请使用“常住人口基本信息”（姓名、公民身份号码）",
        send=lambda body, done: None,  # a screenshot never sends
        mediation=True,
        parent=window,
    )
    _shoot_dialog(mediation, out, "mediation_dialog")
    mediation.reject()
    window.close()
    desktop.shutdown()
    app.processEvents()


def main(argv: list[str] | None = None) -> int:
    return shots.cli(run, Path("/tmp/shots"), (__doc__ or "").splitlines()[0], argv)


if __name__ == "__main__":
    sys.exit(main())
