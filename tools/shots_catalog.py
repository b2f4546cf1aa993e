"""Render the catalog screens (我的目录, the entry form new and returned, the change report
dialog, 目录审核 for a department reviewer and the platform admin) at 1280x800 and 1024x700
from the seeded embedded demo platform, for looking at their layout.

    QT_QPA_PLATFORM=offscreen python tools/shots_catalog.py [--out /tmp/shots_catalog]

The platform is the demo city (govshare_platform.demo.seed.seed_demo); a few entries are put in the
states the screens need through the real API first (a returned one, one waiting for the
department reviewer, a change report waiting for the platform). Reuses tools/screenshots.py.
"""

from __future__ import annotations

import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

import screenshots as shots  # noqa: E402

SIZES = ((1280, 800), (1024, 700))
DIALOG_SIZES = ((900, 760), (820, 640))


def _client(url: str, username: str, password: str) -> Any:
    from govshare_desktop.api.client import PlatformClient

    client = PlatformClient(url)
    client.login(username, password)
    return client


def _body(name: str, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "resource_class": "3",
        "class_item": "01",
        "class_catalog": "007",
        "class_detail": None,
        "name": name,
        "summary": f"{name}，供本市政务部门业务协同使用。",
        "format_class": "database",
        "format_type": "mysql",
        "data_items": [
            {"name": "姓名", "data_type": "C", "length": 50},
            {"name": "公民身份号码", "data_type": "C", "length": 18},
            {"name": "签发日期", "data_type": "D"},
            {"name": "证件有效期限", "data_type": "C", "length": 40},
        ],
        "share_type": "conditional",
        "share_conditions": "仅用于出入境相关业务办理",
        "share_scope": "市级政务部门",
        "share_mode": "interface",
        "update_cycle": "daily",
        "related_codes": [],
    }
    body.update(overrides)
    return body


def prepare(url: str, password: str) -> dict[str, Any]:
    """Entries in the states the screens show, made through the platform's API."""
    from govshare_desktop.api.client import new_idempotency_key

    reg = _client(url, "ga_registrar", password)
    rev = _client(url, "ga_catalog_reviewer", password)
    returned = reg.create_entry(_body("出入境证件签发信息"), key=new_idempotency_key())
    reg.entry_action(returned["id"], "submit")
    rev.post(
        f"/api/v1/catalog/entries/{returned['id']}/dept-return",
        {"reason": "共享范围过宽，请限定到具体业务部门，并补充信息项“签发机关”。"},
    )
    waiting = reg.create_entry(
        _body(
            "机动车驾驶人信息",
            share_type="unconditional",
            share_conditions=None,
            share_scope=None,
        ),
        key=new_idempotency_key(),
    )
    reg.entry_action(waiting["id"], "submit")
    published = [
        e
        for e in reg.entries(department_id=reg.me()["department"]["id"], status="published")[
            "items"
        ]
    ]
    target = reg.entry(int(published[0]["id"]))
    items = [dict(i) for i in target["data_items"]] + [
        {"name": "户籍迁移原因", "data_type": "C", "length": 100}
    ]
    report = reg.post(
        f"/api/v1/catalog/entries/{target['id']}/change-reports",
        {
            "effective_date": (date.today() - timedelta(days=3)).isoformat(),
            "description": "新增“户籍迁移原因”信息项，更新周期由每日改为实时。",
            "changes": {"update_cycle": "realtime", "data_items": items},
        },
        key=new_idempotency_key(),
    )
    return {"returned": returned, "waiting": waiting, "published": target, "report": report}


def _select_first(view: Any) -> None:
    from PySide6.QtCore import QModelIndex

    view.setCurrentIndex(QModelIndex())
    view.selectRow(0)


def run(out: Path, demo_dir: Path | None) -> None:
    from PySide6.QtWidgets import QApplication

    from govshare_desktop import i18n
    from govshare_desktop.catalog.change_report import ChangeReportDialog
    from govshare_desktop.catalog.entry_form import open_entry_form
    from govshare_desktop.catalog.review import PLATFORM_QUEUE, REPORT_QUEUE
    from govshare_desktop.credentials import TokenVault
    from govshare_desktop.demo import EmbeddedPlatform
    from govshare_desktop.profiles import ProfileStore
    from govshare_desktop.shell.controller import DesktopApp

    app = QApplication(sys.argv[:1])
    i18n.install(app, "zh_CN")
    tmp = Path(shots.os.environ["GOVSHARE_DATA_DIR"]).parent
    demo = EmbeddedPlatform(demo_dir or tmp / "demo", maintenance_minutes=0)
    desktop = DesktopApp(
        profiles=ProfileStore(), vault=TokenVault(shots.memory_keyring()), demo=demo
    )
    desktop.start()
    login: Any = desktop.login_dialog
    shots.wait_until(lambda: demo.url and login.ui.demoTree.topLevelItemCount(), 180)
    password = str(demo.accounts[0]["password"])
    made = prepare(str(demo.url), password)

    # the registrar: 我的目录 (with a local draft), the entry form new and returned
    window = shots.sign_in(desktop, "ga_registrar", password)
    draft = open_entry_form(window.context, parent=window)
    draft.form.ui.nameEdit.setText("流动人口居住登记信息")
    draft.form.add_item("姓名")
    draft.form.flush()
    draft.close()
    page = window.open_page("catalog.mine")
    page.refresh_drafts()
    shots.wait_until(lambda: page.model.rowCount() > 0, 30, "my entries")
    shots.settle(1.0)
    _select_first(page.ui.entriesView)
    for w, h in SIZES:
        window.resize(w, h)
        shots.save(window, out, f"my_entries_{w}x{h}.png")

    dialog = shots.entry_form_with_error(window)
    dialog.form.ui.itemsTable.item(1, 0).setText("")  # a nameless row, marked in the table
    dialog.form.show_all_errors()
    for w, h in DIALOG_SIZES:
        dialog.resize(w, h)
        shots.save(dialog, out, f"entry_form_new_{w}x{h}.png")
    dialog.close()

    dialog = open_entry_form(window.context, int(made["returned"]["id"]), window)
    shots.wait_until(lambda: dialog.form.entry is not None and not dialog.form.busy, 30)
    dialog.form.add_item("公民身份号码")  # a duplicate row: marked, and the 一数一源 hint
    dialog.form.show_all_errors()
    shots.wait_until(lambda: dialog.form.source_hints, 10, "the 一数一源 hints")
    for w, h in DIALOG_SIZES:
        dialog.resize(w, h)
        shots.save(dialog, out, f"entry_form_returned_{w}x{h}.png")
    dialog.close()

    published = made["published"]
    report = ChangeReportDialog(
        context=window.context,
        entry=published,
        changes={"update_cycle": "realtime", "share_mode": "exchange"},
        parent=window,
    )
    report.ui.effectiveDateEdit.setDate(report.ui.effectiveDateEdit.date().addDays(-6))
    report.ui.descriptionEdit.setPlainText("更新周期由每日调整为实时；共享方式改为数据交换。")
    report.show()
    shots.save(report, out, "change_report.png")
    items = report.edit_items()
    items.editor.append({"name": "户籍迁移原因", "data_type": "C", "length": 100})
    shots.save(items, out, "change_report_items.png")
    items.ui.okButton.click()
    report.resize(700, 620)
    shots.save(report, out, "change_report_700x620.png")
    report.reject()

    # the department's catalog reviewer: the queue with a new entry's elements
    window = shots.switch_user(desktop, "ga_catalog_reviewer", password)
    page = window.open_page("catalog.review")
    shots.wait_until(lambda: page.model.rowCount() > 0, 30, "the review queue")
    _select_first(page.ui.queueView)
    shots.wait_until(lambda: page.ui.diffTable.rowCount() > 0, 30, "the entry's elements")
    for w, h in SIZES:
        window.resize(w, h)
        shots.save(window, out, f"review_dept_{w}x{h}.png")

    # the platform admin: confirmations and the change report side by side
    window = shots.switch_user(desktop, "dsj_platform_admin", password)
    page = window.open_page("catalog.review")
    combo = page.ui.queueCombo
    combo.setCurrentIndex(combo.findData(PLATFORM_QUEUE))
    shots.settle(1.5)
    if page.model.rowCount():
        _select_first(page.ui.queueView)
        shots.settle(1.5)
    for w, h in SIZES:
        window.resize(w, h)
        shots.save(window, out, f"review_platform_{w}x{h}.png")
    combo.setCurrentIndex(combo.findData(REPORT_QUEUE))
    shots.wait_until(lambda: page.model.rowCount() > 0, 30, "the change reports")
    _select_first(page.ui.queueView)
    shots.wait_until(lambda: page.ui.diffTable.rowCount() > 0, 30, "the report's changes")
    for w, h in SIZES:
        window.resize(w, h)
        shots.save(window, out, f"review_reports_{w}x{h}.png")
    window.close()
    desktop.shutdown()
    app.processEvents()


def main(argv: list[str] | None = None) -> int:
    return shots.cli(run, Path("/tmp/shots_catalog"), (__doc__ or "").splitlines()[0], argv)


if __name__ == "__main__":
    sys.exit(main())
