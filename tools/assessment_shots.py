"""The 考核评估 screens of tools/screenshots.py, and a quick script of their own.

    xvfb-run -a python tools/assessment_shots.py [--out /tmp/shots] [--demo-dir D]

The hook `shoot_assessment` (for the supervisor and a department's resource admin) opens the
page — the supervisor opens a round for the last quarter first when there is none — and saves:

    <role>-assessment_ranking.png     the rounds and the ranking (grades in their colours)
    <role>-assessment_chart.png       the round's score chart
    <role>-assessment_scorecard.png   a department's scorecard (indicators, suggestions)
    <role>-assessment_trend.png       the scorecard's trend chart
    assessment-new-dialog.png         新建考核 (the supervisor)
    assessment-adjust-dialog.png      调整分数 (the supervisor)
    assessment-explain-dialog.png     提交申辩 (the resource admin, while a draft)

Before the shell lists the page, the script shows it on its own at the page area the main
window leaves at 1366×768 (1110×640).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

Save = Callable[[Any, Path, str], None]
Wait = Callable[[], None]
KEY = "assessment.rounds"
PAGE_AREA = (1110, 640)


def _page(window: Any) -> tuple[Any, Any]:
    """(the page, the widget to save): in the main window when it lists the page."""
    from govshare_desktop.assessment.page import AssessmentPage

    if KEY in window.page_keys():
        return window.open_page(KEY), window
    page = AssessmentPage(context=window.context)
    page.resize(*PAGE_AREA)
    page.show()
    return page, page


def _wait_for(wait: Wait, predicate: Callable[[], Any], rounds: int = 200) -> None:
    for _ in range(rounds):
        if predicate():
            return
        wait()


def _open_round(page: Any, out: Path, save: Save, wait: Wait) -> None:
    """新建考核 through the page's own dialog (the last quarter), saved before it is sent."""
    page.newButton.click()
    wait()
    dialog = page.round_actions.active_dialog
    save(dialog, out, "assessment-new-dialog.png")
    if page.round is None:
        dialog.ui.okButton.click()
        _wait_for(wait, lambda: page.round is not None)
    else:
        dialog.reject()


def shoot_assessment(window: Any, out: Path, role: str, *, save: Save, wait: Wait) -> None:
    """The page of the signed-in user (supervisor or resource admin), and its dialogs."""
    page, shown = _page(window)
    wait()
    _wait_for(wait, lambda: not page.model.is_loading)
    if page.newButton.isVisible():
        _open_round(page, out, save, wait)
    _wait_for(wait, lambda: page.scorecard.card is not None)
    wait()
    page.tabs.setCurrentIndex(0)
    save(shown, out, f"{role}-assessment_ranking.png")
    page.tabs.setCurrentIndex(1)
    save(shown, out, f"{role}-assessment_chart.png")
    page.tabs.setCurrentIndex(2)
    page.scorecard.tabs.setCurrentIndex(0)
    save(shown, out, f"{role}-assessment_scorecard.png")
    page.scorecard.tabs.setCurrentIndex(1)
    save(shown, out, f"{role}-assessment_trend.png")
    page.scorecard.tabs.setCurrentIndex(0)
    for button, name in (
        (page.scorecard.adjustButton, "assessment-adjust-dialog.png"),
        (page.scorecard.explainButton, "assessment-explain-dialog.png"),
    ):
        if button.isVisible():
            button.click()
            wait()
            dialog = page.round_actions.active_dialog
            save(dialog, out, name)
            dialog.reject()
    if shown is page:
        page.close()


def run(out: Path, demo_dir: Path | None) -> None:
    """Only the assessment page: the supervisor, then a department's resource admin."""
    import os

    from PySide6.QtWidgets import QApplication

    import screenshots as shots
    from govshare_desktop import i18n
    from govshare_desktop.credentials import TokenVault
    from govshare_desktop.demo import EmbeddedPlatform
    from govshare_desktop.profiles import ProfileStore
    from govshare_desktop.shell.controller import DesktopApp

    app = QApplication(sys.argv[:1])
    i18n.install(app, "zh_CN")
    tmp = Path(os.environ["GOVSHARE_DATA_DIR"]).parent
    demo = EmbeddedPlatform(demo_dir or tmp / "demo", maintenance_minutes=0)
    desktop = DesktopApp(
        profiles=ProfileStore(), vault=TokenVault(shots.memory_keyring()), demo=demo
    )
    desktop.start()

    def ready() -> bool:
        dialog = desktop.login_dialog
        return bool(demo.url and dialog is not None and dialog.ui.demoTree.topLevelItemCount())

    shots.wait_until(ready, 180)
    password = str(demo.accounts[0]["password"])
    admin = shots.busiest(demo.url, demo.accounts, "resource_admin", ("assessment_explain",))
    window = None
    for role, username in (("supervisor", shots.ACCOUNTS["supervisor"]), ("resource_admin", admin)):
        window = (
            shots.sign_in(desktop, username, password)
            if window is None
            else shots.switch_user(desktop, username, password)
        )
        shoot_assessment(window, out, role, save=shots.save, wait=shots.wait_idle)
    assert window is not None
    window.close()
    desktop.shutdown()
    app.processEvents()


def main(argv: list[str] | None = None) -> int:
    import screenshots as shots

    return shots.cli(run, Path("/tmp/shots"), (__doc__ or "").splitlines()[0], argv)


if __name__ == "__main__":
    sys.exit(main())
