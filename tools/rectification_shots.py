"""Screenshots of the 整改 page (第三十六条), on its own or from tools/screenshots.py.

    xvfb-run -a python tools/rectification_shots.py [--out DIR] [--demo-dir DIR]

On its own: starts the embedded demo platform (seeded into a temporary directory, or reuses
--demo-dir), issues a few orders as the demo supervisor over HTTP (one answered with evidence,
one returned, one accepted, one overdue: the platform's clock in this process moved on ten days
after it was issued), then saves, at the page area a maximised main window leaves on the office
screen (1366×768):

    supervisor-rectification_orders.png       the supervisor's list, an answered order's detail
    rectification-issue-dialog.png            下发整改通知… (the item's full text, a due in 2027:
                                              the provisional warning)
    rectification-issue-errors.png            the same form sent empty: which field and why
    rectification-return-dialog.png           退回… with a new due
    resource_admin-rectification_orders.png   the department's own orders, the overdue one red
    rectification-answer-dialog.png           提交整改情况… (measures and an evidence file)

From tools/screenshots.py: `shoot_rectification(window, out, role, save=, wait=)` shoots the
page of the signed-in user's navigation (once the shell lists it) and, for a supervisor, the
issue dialog.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

Save = Callable[[Any, Path, str], None]
Wait = Callable[[], None]
PAGE_KEY = "rectification.orders"
PAGE_SIZE = (1110, 640)
"""What the main window leaves a page at 1366×728 (navigation, menu, tool and status bars)."""
FACTS = (
    "2026年第三季度，本部门《{name}》目录的更新周期为每月，但连续三个月未更新，"
    "使用部门反映数据与实际不符。"
)


def shoot_rectification(window: Any, out: Path, role: str, *, save: Save, wait: Wait) -> None:
    """The 整改 page of the signed-in user's navigation; a supervisor's issue dialog."""
    page = window.open_page(PAGE_KEY)
    if page is None:
        return
    wait()
    if page.model.rowCount() > 0:
        page.table.selectRow(0)
        wait()
    save(window, out, f"{role}-rectification_orders.png")
    if page.newButton.isVisible():
        page.newButton.click()
        wait()
        dialog = page.active_dialog
        if dialog is not None:
            save(dialog, out, "rectification-issue-dialog.png")
            dialog.reject()


# --- on its own -------------------------------------------------------------------------------


def _client(url: str, username: str, password: str) -> Any:
    from govshare_desktop.api.client import PlatformClient

    client = PlatformClient(url)
    client.login(username, password)
    return client


def seed_orders(url: str, accounts: list[dict[str, Any]], evidence: Path) -> dict[str, Any]:
    """Orders in every state; returns the department (its resource admin's account) most had."""
    from govshare_desktop.api import rectification_paths as paths

    supervisor = next(a for a in accounts if "supervisor" in a["roles"])
    password = str(supervisor["password"])
    sup = _client(url, str(supervisor["username"]), password)
    departments = [d for d in sup.departments() if not d["is_platform"]]
    admins: dict[int, tuple[dict[str, Any], Any]] = {}
    for account in accounts:
        if "resource_admin" in account["roles"]:
            me = _client(url, str(account["username"]), password)
            admins.setdefault(int(me.me()["department"]["id"]), (account, me))
    targets = [d for d in departments if int(d["id"]) in admins][:4]
    main, main_admin = targets[0], admins[int(targets[0]["id"])][1]
    if sup.get(paths.rectifications_path())["total"]:  # a reused demo dir: seeded before
        return {"supervisor": supervisor, "department": admins[int(main["id"])][0]}
    orders = []
    plan = [(main, "3", 1), (main, "2", 10), (targets[1], "4", 15), (targets[2], "1", 20)]
    plan.append((targets[3 % len(targets)], "7", 5))
    for n, (dept, item, days) in enumerate(plan):
        body = {
            "department_id": dept["id"],
            "article_item": item,
            "facts": FACTS.format(name=dept["name"] + "基础信息"),
            "due_working_days": days,
        }
        orders.append(sup.post(paths.rectifications_path(), body, key=f"shots-{n}"))
    # the main department answers its second order with evidence; the supervisor returns it
    second = orders[1]
    answer = paths.action_path(second["id"], "answer")
    upload = main_admin.request(
        "POST",
        paths.evidence_upload_path(second["id"], evidence.name),
        content=evidence.read_bytes(),
        content_type="application/octet-stream",
    ).json()
    measures = {"reason": "已完成目录更新，建立每月核查机制，并指定专人负责。"}
    done = main_admin.post(answer, measures, if_match=upload["version"])
    back = {"reason": "缺少11月核查记录，请补充后重新提交。", "due_working_days": 5}
    done = sup.post(paths.action_path(second["id"], "return"), back, if_match=done["version"])
    main_admin.post(answer, {"reason": "已补充11月核查记录。"}, if_match=done["version"])
    # another department answered; it is accepted
    third, third_admin = orders[2], admins[int(targets[1]["id"])][1]
    done = third_admin.post(
        paths.action_path(third["id"], "answer"),
        {"reason": "已加强共享数据管理，完成内部通报。"},
        if_match=third["version"],
    )
    sup.post(paths.action_path(third["id"], "accept"), {}, if_match=done["version"])
    return {"supervisor": supervisor, "department": admins[int(main["id"])][0]}


def _context(url: str, account: dict[str, Any], tmp: Path) -> Any:
    from govshare_desktop.context import AppContext
    from govshare_desktop.store.local import LocalStore

    client = _client(url, str(account["username"]), str(account["password"]))
    store = LocalStore(tmp / f"{account['username']}.db")
    return AppContext(client=client, store=store, me=client.me(), profile_name="shots")


def _shown_page(context: Any) -> Any:
    from govshare_desktop.rectification.page import RectificationPage
    from screenshots import wait_idle

    page = RectificationPage(context=context)
    page.resize(*PAGE_SIZE)
    page.show()
    wait_idle()
    return page


def _select(page: Any, status: str) -> None:
    from screenshots import wait_idle

    for n, row in enumerate(page.model.rows()):
        if row["status"] == status:
            page.table.selectRow(n)
            break
    wait_idle()


def run(out: Path, demo_dir: Path | None) -> None:
    from PySide6.QtWidgets import QApplication

    from govshare_core.assessment import Article36Item
    from govshare_desktop import i18n
    from govshare_desktop.demo import EmbeddedPlatform
    from govshare_platform import clock
    from screenshots import save, wait_idle

    app = QApplication(sys.argv[:1])
    i18n.install(app, "zh_CN")
    tmp = Path(os.environ["GOVSHARE_DATA_DIR"]).parent
    demo = EmbeddedPlatform(demo_dir or tmp / "demo", maintenance_minutes=0)
    started = time.monotonic()
    url = demo.start()
    print(f"demo platform up in {time.monotonic() - started:.0f} s")
    evidence = tmp / "整改台账.pdf"
    evidence.write_bytes(b"%PDF-1.4\n% evidence\n" + b"0" * 200_000)
    who = seed_orders(url, demo.accounts, evidence)
    later = clock.today() + timedelta(days=10)  # the first order (1 working day) is overdue
    clock.today = lambda: later

    supervisor = _shown_page(_context(url, who["supervisor"], tmp))
    _select(supervisor, "answered")
    save(supervisor, out, "supervisor-rectification_orders.png")
    supervisor.start_new()
    wait_idle()
    dialog = supervisor.active_dialog
    dialog.select_department(int(dialog.departmentCombo.itemData(1)))
    dialog.select_item(Article36Item.THREE)
    dialog.factsEdit.setPlainText(FACTS.format(name="城乡低保对象信息"))
    dialog.dueSpin.setValue(30)
    save(dialog, out, "rectification-issue-dialog.png")
    dialog.departmentCombo.setCurrentIndex(0)
    dialog.itemCombo.setCurrentIndex(0)
    dialog.factsEdit.setPlainText("")
    dialog.ui.okButton.click()
    save(dialog, out, "rectification-issue-errors.png")
    dialog.reject()
    supervisor.run_action("return", supervisor.current)
    back = supervisor.active_dialog
    back.reasonEdit.setPlainText("缺少整改前后的数据比对，请补充。")
    back.newDueCheck.setChecked(True)
    save(back, out, "rectification-return-dialog.png")
    back.reject()

    department = _shown_page(_context(url, who["department"], tmp))
    _select(department, "issued")
    save(department, out, "resource_admin-rectification_orders.png")
    department.run_action("answer", department.current)
    answer = department.active_dialog
    answer.measuresEdit.setPlainText("已完成目录更新，建立每月核查机制。")
    answer.evidenceEdit.setText(str(evidence))
    save(answer, out, "rectification-answer-dialog.png")
    answer.reject()
    for page in (supervisor, department):
        page.context.stop_sync()
        page.close()
    demo.stop()


def main(argv: list[str] | None = None) -> int:
    from screenshots import cli

    return cli(run, ROOT / "screenshots", __doc__.splitlines()[0], argv)


if __name__ == "__main__":
    raise SystemExit(main())
