"""The 数据交换 screens of tools/screenshots.py, and a quick script of their own.

    QT_QPA_PLATFORM=offscreen python tools/exchange_shots.py [--out /tmp/shots] [--demo-dir D]

The hook `shoot_exchange` (called for the registrar by tools/screenshots.py) uploads a file with
a bad row to the registrar's first scheduled entry and saves the checker's report, then a good
file (the consumers' 数据获取 then has data to show):

    <role>-exchange_report.png     数据交付 with the refused file's report
    <role>-exchange_delivered.png  数据交付 after a good file of the same entry was delivered
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
SAMPLE = {
    "N": "12.5",
    "I": "42",
    "B": "1.5",
    "F": "1.5",
    "Y": "100.00",
    "D": "2026-01-05",
    "T": "2026-01-05 08:00:00",
    "L": "是",
}
"""A valid value per data type (字符型 and the others: text)."""


def bad_file(items: list[dict[str, Any]], path: Path) -> Path:
    """A CSV with the entry's header, two good rows, and a row with its key empty and a date
    that is none."""
    names = [str(i["name"]) for i in items]
    good = [[SAMPLE.get(str(i["data_type"]), f"示例{n}") for i in items] for n in range(2)]
    bad = ["" for _ in items]
    for n, item in enumerate(items):
        if item["data_type"] in ("D", "T"):
            bad[n] = "2026-02-30"
    lines = [",".join(names), *(",".join(r) for r in good), ",".join(bad)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def good_file(items: list[dict[str, Any]], path: Path, rows: int = 20) -> Path:
    """A CSV that passes the checker: every row's text cells are its number (unique keys)."""
    names = [str(i["name"]) for i in items]
    lines = [",".join(names)]
    for n in range(1, rows + 1):
        lines.append(",".join(SAMPLE.get(str(i["data_type"]), str(n)) for i in items))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def shoot_exchange(window: Any, out: Path, role: str, *, save: Save, wait: Wait) -> None:
    """数据交付 with the report of a refused file (the registrar's first scheduled entry)."""
    import tempfile

    page = window.open_page("exchange.deliveries")
    wait()
    if page.schedule.rowCount() == 0:
        return
    page.select_row(0)
    wait()
    entry = window.context.client.entry(int(page.schedule.row_data(0)["entry_id"]))
    rejected: list[Any] = []
    page.rejected.connect(rejected.append)
    with tempfile.TemporaryDirectory() as tmp:
        page.upload(bad_file(list(entry["data_items"]), Path(tmp) / "人口数据.csv"))
        for _ in range(400):
            wait()
            if rejected or not page.transfers.busy:
                break
        save(window, out, f"{role}-exchange_report.png")
        delivered: list[Any] = []
        page.delivered.connect(delivered.append)
        page.upload(good_file(list(entry["data_items"]), Path(tmp) / "人口数据.csv"))
        for _ in range(400):
            wait()
            if delivered or not page.transfers.busy:
                break
    save(window, out, f"{role}-exchange_delivered.png")


def run(out: Path, demo_dir: Path | None) -> None:
    """Only the exchange pages: registrar, applicant and audit admin."""
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
    shots.wait_until(lambda: demo.url and desktop.login_dialog.ui.demoTree.topLevelItemCount(), 180)
    password = str(demo.accounts[0]["password"])
    window = None
    for role in ("registrar", "applicant", "audit_admin"):
        username = shots.ACCOUNTS[role]
        window = (
            shots.sign_in(desktop, username, password)
            if window is None
            else shots.switch_user(desktop, username, password)
        )
        for key in ("exchange.deliveries", "exchange.access", "exchange.log"):
            if key in window.page_keys():
                window.open_page(key)
                shots.wait_idle()
                shots.save(window, out, f"{role}-{key.replace('.', '_')}.png")
        if role == "registrar":
            shoot_exchange(window, out, role, save=shots.save, wait=shots.wait_idle)
    assert window is not None
    window.close()
    desktop.shutdown()
    app.processEvents()


def main(argv: list[str] | None = None) -> int:
    import screenshots as shots

    return shots.cli(run, Path("/tmp/shots"), (__doc__ or "").splitlines()[0], argv)


if __name__ == "__main__":
    sys.exit(main())
