"""The home page (待办) against a real platform: real inbox items, offline cache, activation."""

from __future__ import annotations

from PySide6.QtCore import Qt

from govshare_core.vocab import Role
from govshare_desktop.api.client import PlatformClient, new_idempotency_key
from govshare_desktop.home import presenter as p
from govshare_desktop.home.model import InboxModel
from govshare_desktop.home.page import HomePage
from tests.desktop.conftest import PASSWORD, LiveServer
from tests.platform.catalog_helpers import entry_payload


def submitted_entry(live_server: LiveServer, name: str) -> dict:
    client = PlatformClient(live_server.url)
    client.login(live_server.username("A", Role.REGISTRAR), PASSWORD)
    entry = client.create_entry(entry_payload(name=name), key=new_idempotency_key())
    return client.entry_action(entry["id"], "submit", version=entry["version"])


def test_home_lists_real_inbox_items(qtbot, live_server: LiveServer, make_context, qtmodeltester):
    entry = submitted_entry(live_server, "流动人口居住登记信息")
    context = make_context("A", Role.CATALOG_REVIEWER)
    page = HomePage(context=context)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10000)
    model = page.model
    assert model.data(model.index(0, InboxModel.KIND)) == "目录待审核"
    assert model.data(model.index(0, InboxModel.TITLE)) == "流动人口居住登记信息"
    assert model.data(model.index(0, InboxModel.STATE)) == "待部门审核"
    assert model.item(0)["object_id"] == entry["id"]
    assert page.stack.currentWidget() is page.table
    qtmodeltester.check(model)

    with qtbot.wait_signal(page.item_activated) as activated:
        page.table.activated.emit(model.index(0, 1))
    assert activated.args == ["entry_review", entry["id"], "submitted"]


def test_home_shows_the_cached_inbox_with_its_time_when_offline(
    qtbot, live_server: LiveServer, make_context
):
    submitted_entry(live_server, "婚姻登记信息")
    context = make_context("A", Role.CATALOG_REVIEWER)
    page = HomePage(context=context)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10000)
    assert context.store.cache_get("inbox") is not None

    context.client.base_url = "http://127.0.0.1:9"  # the platform becomes unreachable
    with qtbot.wait_signal(context.online_changed, timeout=10000):
        page.refresh()
    qtbot.waitUntil(lambda: page.offline_as_of is not None, timeout=10000)
    assert page.model.rowCount() == 1
    assert page.offline_label.isVisibleTo(page)
    assert "离线" in page.offline_label.text()
    assert context.online is False


def test_state_labels_come_from_the_kinds_own_enum(qapp):
    # the same code means different things per object (core labels keyed by enum and value)
    assert p.state_text("entry_review", "submitted") == "待部门审核"
    assert p.state_text("request_decide", "submitted") == "待提供方审核"
    assert p.state_text("change_report", "submitted") == "待处理"


def test_empty_inbox_shows_an_empty_state(qtbot, make_context):
    context = make_context("B", Role.REGISTRAR)
    page = HomePage(context=context)
    qtbot.addWidget(page)
    with qtbot.wait_signal(page.loaded, timeout=10000):
        pass
    assert page.stack.currentWidget() is page.empty_label


def test_deadline_texts(qapp):
    assert p.days_left_text({"working_days_left": -2}) == "逾期 2 个工作日"
    assert p.days_left_text({"working_days_left": 0}) == "今天到期"
    assert p.days_left_text({"working_days_left": 5}) == "剩余 5 个工作日"
    assert p.days_left_text({"working_days_left": None}) == "—"
    assert p.due_text({"due": "2031-03-02", "due_provisional": True}) == "2031-03-02 （暂定）"
    assert p.is_overdue({"working_days_left": -1})
    assert p.state_text("grant_expiring", "active") != "active"


def test_overdue_rows_are_red_with_an_icon(qapp, qtmodeltester):
    model = InboxModel()
    model.set_items(
        [
            {"kind": "request_decide", "object_id": 1, "title": "甲", "state": "submitted",
             "due": "2024-01-02", "working_days_left": -3, "overdue": True},
            {"kind": "entry_review", "object_id": 2, "title": "乙", "state": "submitted",
             "due": "2031-01-02", "due_provisional": True, "working_days_left": 9},
        ]
    )  # fmt: skip
    qtmodeltester.check(model)
    days = model.index(0, InboxModel.DAYS)
    assert model.data(days, Qt.ItemDataRole.ForegroundRole).color().name() == "#b3261e"
    assert not model.data(days, Qt.ItemDataRole.DecorationRole).isNull()
    assert model.data(model.index(1, InboxModel.DAYS), Qt.ItemDataRole.DecorationRole) is None
    tip = model.data(model.index(1, InboxModel.DUE), Qt.ItemDataRole.ToolTipRole)
    assert "暂定" in tip
