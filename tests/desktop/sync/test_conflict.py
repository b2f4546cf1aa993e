"""412 conflicts: the pure compare/merge rules, the compare view on its own (it fits 1366×728 in
both languages) and against the real platform."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from govshare_core.vocab import Role
from govshare_desktop import i18n
from govshare_desktop.api.client import new_idempotency_key
from govshare_desktop.common.conflict import (
    ConflictDialog,
    differing_fields,
    open_conflict_dialog,
    render_value,
)
from govshare_desktop.context import AppContext
from govshare_desktop.store.local import OutboxItem
from govshare_desktop.sync.conflict import Resolution, merge
from govshare_desktop.sync.engine import SyncEngine
from govshare_desktop.sync.replay import already_applied, resource_of
from tests.desktop.conftest import LiveServer
from tests.desktop.faultproxy import FaultProxy
from tests.desktop.qt_support import LONG, assert_dialog_fits
from tests.desktop.sync_support import ENTRIES, client_for, entry_body, go_offline, submit, sync
from tests.entry_samples import valid_entry

# --- pure rules -------------------------------------------------------------------------------


def test_only_differing_fields_are_listed_with_labels_and_readable_values(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    mine = entry_body("人口", update_cycle="daily", open_to_public=True, class_detail="")
    theirs = {
        **entry_body("人口", update_cycle="monthly", open_to_public=False, class_detail=None),
        "data_items": [{"name": "姓名", "data_type": "C", "length": 50, "share_type": None}],
        "version": 4,
    }
    rows = differing_fields(mine, theirs)
    assert [r.field for r in rows] == ["data_items", "open_to_public", "update_cycle"]
    assert [r.label for r in rows] == ["信息项", "是否向社会开放", "更新周期"]
    items = rows[0]
    assert items.mine_text == "姓名（字符型C，50）\n公民身份号码（字符型C，18）"
    assert items.theirs_text == "姓名（字符型C，50）"
    assert (rows[1].mine_text, rows[1].theirs_text) == ("是", "否")
    assert (rows[2].mine_text, rows[2].theirs_text) == ("每日", "每月")
    assert render_value("related_codes", ["1/01", "2/02"]) == "1/01、2/02"
    assert render_value("share_conditions", None) == "（空）"
    monkeypatch.setattr(i18n, "_active", "en")  # labels follow the UI language
    assert differing_fields(mine, theirs)[2].theirs_text == "Monthly"


def test_merge_takes_the_chosen_side_per_field() -> None:
    mine = {"name": "我的", "summary": "我的摘要", "update_cycle": "daily"}
    theirs = {"name": "他的", "summary": "他的摘要", "update_cycle": "monthly", "version": 3}
    assert merge(mine, theirs, {"summary": Resolution.THEIRS, "name": Resolution.MINE}) == {
        "name": "我的",
        "summary": "他的摘要",
        "update_cycle": "daily",
    }


def test_a_replay_refused_because_of_itself_is_recognised() -> None:
    body = entry_body("甲")
    server = {**body, "id": 5, "version": 3, "status": "draft", "class_detail": None}
    path = f"{ENTRIES}/5"
    assert resource_of(path + "/dept-approve") == path
    assert already_applied("PUT", path, body, 2, server)
    assert not already_applied("PUT", path, {**body, "name": "乙"}, 2, server)
    submitted = {**server, "status": "submitted"}
    assert already_applied("POST", path + "/submit", None, 2, submitted)
    assert not already_applied("POST", path + "/submit", None, 3, submitted)  # version unmoved
    assert not already_applied("POST", path + "/dept-approve", None, 2, submitted)
    req = "/api/v1/requests/9"
    granted = {"status": "active", "version": 4}  # 无条件: granted at once on submission
    assert already_applied("POST", req + "/submit", None, 2, granted)
    rejected = {"status": "provider_rejected", "version": 3}
    assert already_applied("POST", req + "/provider-decision", {"approve": False}, 2, rejected)
    assert not already_applied("POST", req + "/provider-decision", {"approve": True}, 2, rejected)


def test_the_conflict_view_lists_only_real_differences(qapp) -> None:
    mine = {"name": "甲", "involves_state_secret": False, "class_detail": None}
    theirs = {"name": "乙"}  # the platform never returns 涉及国家秘密 (第六条)
    assert [c.field for c in differing_fields(mine, theirs)] == ["name"]
    assert [c.field for c in differing_fields({**mine, "involves_state_secret": True}, theirs)] == [
        "name",
        "involves_state_secret",
    ]


# --- the compare view on its own --------------------------------------------------------------


def outbox_item(body: dict[str, Any], label: str) -> OutboxItem:
    """A queued entry update that met a 412 (for the compare view)."""
    return OutboxItem(
        seq=1,
        idempotency_key="k",
        method="PUT",
        path=f"{ENTRIES}/1",
        body=body,
        if_match=1,
        label=label,
        state="conflict",
        last_error=None,
        draft_kind=None,
        draft_key=None,
    )


def test_the_conflict_header_fits_being_online_or_offline(qtbot) -> None:
    item = outbox_item({"name": "甲"}, "修改目录")
    dialog = ConflictDialog(item=item, server_object={"name": "乙", "version": 2})
    qtbot.addWidget(dialog)
    text = dialog.ui.headerLabel.text()
    assert "离线" not in text and "其他人已修改了此对象" in text


def test_the_compare_view_at_its_largest_fits_with_its_buttons(qtbot, language: str) -> None:
    body = {**valid_entry("冲突"), "summary": LONG}
    item = outbox_item(body, LONG)
    theirs = {k: (v if not isinstance(v, str) else v + "（服务器）") for k, v in body.items()}
    conflict = ConflictDialog(item=item, server_object=theirs)
    qtbot.addWidget(conflict)
    cui = conflict.ui
    buttons = [cui.keepMineButton, cui.takeTheirsButton, cui.mergeButton]
    assert_dialog_fits(conflict, buttons, "conflict")


# --- the compare view against the platform ----------------------------------------------------


def _conflicted(
    qtbot, live_server: LiveServer, proxy: FaultProxy, ctx: AppContext
) -> tuple[AppContext, SyncEngine, dict[str, Any], OutboxItem, dict[str, Any]]:
    """Registrar edits an entry offline while a colleague changes it online: a 412 on replay."""
    engine = ctx.sync
    entry = ctx.client.create_entry(entry_body("冲突前"), key=new_idempotency_key())
    path = f"{ENTRIES}/{entry['id']}"
    go_offline(qtbot, engine, proxy)
    mine = entry_body("我的名称", summary="我的摘要")
    ctx.store.save_draft("entry", "c1", mine, server_id=entry["id"], server_version=1)
    queued = submit(
        qtbot,
        engine,
        "PUT",
        path,
        mine,
        if_match=entry["version"],
        label="修改目录",
        draft=("entry", "c1"),
    )
    assert queued.queued
    colleague = client_for(live_server, "A", Role.REGISTRAR)
    colleague.update_entry(
        entry["id"],
        entry_body("冲突前", summary="他人摘要", update_cycle="monthly"),
        version=entry["version"],
    )
    proxy.pass_through()
    with qtbot.wait_signal(engine.conflict, timeout=20000) as blocker:
        report = sync(qtbot, engine)
    assert report.conflicts == 1 and report.sent == 0
    item, server = blocker.args
    assert item.state == "conflict" and server["version"] == entry["version"] + 1
    assert ctx.store.conflicts()[0].server_object == server  # kept for later, too
    return ctx, engine, entry, item, server


@pytest.mark.parametrize("choice", [Resolution.MINE, Resolution.THEIRS, Resolution.MERGE])
def test_conflict_resolved_in_the_compare_view(
    qtbot, live_server: LiveServer, proxy: FaultProxy, registrar: AppContext, choice: str
) -> None:
    ctx, engine, entry, item, server = _conflicted(qtbot, live_server, proxy, registrar)
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = open_conflict_dialog(engine, item, server, parent)
    assert isinstance(dialog, ConflictDialog)
    table = dialog.ui.fieldsTable
    rows = {
        table.item(r, 0).text(): (table.item(r, 1).text(), table.item(r, 2).text())
        for r in range(table.rowCount())
    }
    assert rows == {
        "信息资源名称": ("我的名称", "冲突前"),
        "信息资源摘要": ("我的摘要", "他人摘要"),
        "更新周期": ("每日", "每月"),
    }
    assert "版本 1" in dialog.ui.versionLabel.text() and "版本 2" in dialog.ui.versionLabel.text()

    button = {
        Resolution.MINE: dialog.ui.keepMineButton,
        Resolution.THEIRS: dialog.ui.takeTheirsButton,
        Resolution.MERGE: dialog.ui.mergeButton,
    }[choice]
    if choice == Resolution.MERGE:  # keep my name, take their summary and update cycle
        dialog.radio("summary", Resolution.THEIRS).click()
        dialog.radio("update_cycle", Resolution.THEIRS).click()
    with qtbot.wait_signal(engine.sync_finished, timeout=20000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not engine.busy and ctx.store.pending_count() == 0, timeout=20000)

    now = ctx.client.entry(entry["id"])
    expected = {
        Resolution.MINE: ("我的名称", "我的摘要", "daily", 3),
        Resolution.THEIRS: ("冲突前", "他人摘要", "monthly", 2),
        Resolution.MERGE: ("我的名称", "他人摘要", "monthly", 3),
    }[choice]
    assert (now["name"], now["summary"], now["update_cycle"], now["version"]) == expected
    draft = ctx.store.load_draft("entry", "c1")
    if choice == Resolution.THEIRS:  # my change dropped; the draft now holds the platform's content
        assert draft is not None and draft.data["summary"] == "他人摘要"
        assert draft.server_version == 2
    else:  # sent: the draft went with it
        assert draft is None


def test_one_compare_view_per_conflict_even_when_asked_twice(
    qtbot, live_server: LiveServer, proxy: FaultProxy, registrar: AppContext
) -> None:
    """A direct 412 reaches both the screen that sent it and the shell (the engine's conflict
    signal): both ask for the compare view, and the user must get one window, not two."""
    _ctx, engine, _entry, item, server = _conflicted(qtbot, live_server, proxy, registrar)
    screen, shell = QWidget(), QWidget()
    qtbot.addWidget(screen)
    qtbot.addWidget(shell)
    first = open_conflict_dialog(engine, item, server, screen)
    second = open_conflict_dialog(engine, item, server, shell)
    assert second is first
    views = [w for w in QApplication.topLevelWidgets() if isinstance(w, ConflictDialog)]
    assert [w for w in views if w.isVisible()] == [first]
    first.reject()
    third = open_conflict_dialog(engine, item, server, shell)  # closed: a new one may open
    assert third is not first
    third.reject()


def test_a_usage_step_whose_answer_was_lost_is_recognised() -> None:
    """An inquiry answered or a discrepancy step taken (第二十条, 第二十二条) whose answer was
    lost meets 412 on replay; the object's state shows it was this very step."""
    inquiry = "/api/v1/usage/inquiries/7"
    assert resource_of(inquiry + "/answer") == inquiry
    answered = {"status": "answered", "version": 2}
    assert already_applied("POST", inquiry + "/answer", {"reason": "用于低保审核"}, 1, answered)
    assert not already_applied("POST", inquiry + "/answer", {"reason": "x"}, 2, answered)
    assert not already_applied("POST", inquiry + "/withdraw", None, 1, answered)
    report = "/api/v1/usage/discrepancies/3"
    assert resource_of(report + "/actions/order_correction") == report
    explained = {"status": "explained", "version": 4}
    assert already_applied(
        "POST", report + "/actions/explain", {"reason": "核实无误"}, 3, explained
    )
    assert not already_applied(
        "POST", report + "/actions/correct", {"delivery_id": 1}, 3, explained
    )
    reported = {"status": "reported", "version": 6}  # ordered to correct: back to reported
    assert already_applied(
        "POST", report + "/actions/order_correction", {"reason": "r"}, 5, reported
    )


def test_a_rectification_or_round_step_whose_answer_was_lost_is_recognised() -> None:
    order = "/api/v1/rectifications/4"
    assert resource_of(order + "/actions/accept") == order
    answered = {"id": 4, "status": "answered", "version": 3}
    assert already_applied("POST", order + "/actions/answer", {"reason": "已整改"}, 2, answered)
    assert not already_applied("POST", order + "/actions/answer", {"reason": "x"}, 3, answered)
    assert not already_applied("POST", order + "/actions/return", {"reason": "不足"}, 2, answered)
    returned = {"id": 4, "status": "returned", "version": 4}
    assert already_applied("POST", order + "/actions/return", {"reason": "不足"}, 3, returned)
    round_ = "/api/v1/assessment/rounds/2"
    assert resource_of(round_ + "/publish") == round_
    assert already_applied(
        "POST", round_ + "/publish", None, 5, {"status": "published", "version": 6}
    )
    assert not already_applied(
        "POST", round_ + "/publish", None, 5, {"status": "draft", "version": 6}
    )
