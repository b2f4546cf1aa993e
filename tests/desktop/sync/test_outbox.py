"""Offline drafting and outbox replay against the real platform, through the fault proxy."""

from __future__ import annotations

from govshare_core.vocab import Role
from govshare_desktop.api import actions
from govshare_desktop.context import AppContext
from govshare_desktop.sync.engine import Outcome
from tests.desktop.conftest import LiveServer
from tests.desktop.faultproxy import FaultProxy
from tests.desktop.sync_support import (
    ENTRIES,
    entries_named,
    entry_body,
    go_offline,
    published_entry,
    request_body,
    requests_for,
    submit,
    sync,
)


def test_offline_drafts_queue_and_replay_in_order(
    qtbot, live_server: LiveServer, proxy: FaultProxy, registrar: AppContext
) -> None:
    ctx, engine = registrar, registrar.sync
    counts: list[int] = []
    ctx.outbox_changed.connect(counts.append)
    go_offline(qtbot, engine, proxy)

    # Offline: a registered entry (draft kept until it goes through) and one created and submitted.
    ctx.store.save_draft("entry", "d1", entry_body("离线登记一"), title="离线登记一")
    first = submit(
        qtbot,
        engine,
        "POST",
        ENTRIES,
        entry_body("离线登记一"),
        label="登记：离线登记一",
        draft=("entry", "d1"),
    )
    assert first.queued and "离线" in first.message
    got: list[Outcome] = []
    engine.create_and_act(
        actions.create_entry(entry_body("离线登记二"), label="提交：离线登记二"),
        lambda ref: actions.entry_action(ref, "submit"),
        draft=("entry", "d2"),
        done=got.append,
    )
    qtbot.waitUntil(lambda: bool(got))
    assert got[0].queued and ctx.store.pending_count() == 3
    assert counts[-1] == 3
    assert entries_named(live_server, "离线登记一") == 0
    assert ctx.store.load_draft("entry", "d1") is not None  # nothing lost while offline

    proxy.pass_through()
    report = sync(qtbot, engine)
    assert (report.sent, report.pending, report.stopped_by) == (3, 0, None)
    assert ctx.online and counts[-1] == 0 and ctx.last_sync is not None
    assert entries_named(live_server, "离线登记一") == 1
    assert entries_named(live_server, "离线登记二") == 1
    assert ctx.store.load_draft("entry", "d1") is None  # the draft went with its action
    mine = ctx.client.entries(q="离线登记二")["items"]
    assert [e["status"] for e in mine] == ["submitted"]  # submit replayed after its create
    posts = [s.path for s in proxy.requests("POST")]
    assert posts.index(ENTRIES) < posts.index(f"{ENTRIES}/{mine[0]['id']}/submit")


def test_online_submit_is_sent_at_once(qtbot, live_server: LiveServer, make_context) -> None:
    ctx = make_context("A", Role.REGISTRAR)
    engine = ctx.sync
    ctx.store.save_draft("entry", "d1", entry_body("在线登记"))
    with qtbot.wait_signal(ctx.data_changed, timeout=10000):
        outcome = submit(
            qtbot,
            engine,
            "POST",
            ENTRIES,
            entry_body("在线登记"),
            label="登记",
            draft=("entry", "d1"),
        )
    assert outcome.sent and outcome.result["name"] == "在线登记"
    assert ctx.store.load_draft("entry", "d1") is None and ctx.store.pending_count() == 0

    bad = submit(qtbot, engine, "POST", ENTRIES, entry_body("坏", share_type="x"), label="登记")
    assert bad.status == "failed" and bad.message  # refused: says why, nothing queued
    assert any("share_type" in f for f in bad.field_messages)
    assert ctx.store.pending_count() == 0


def test_cached_lists_are_readable_offline_with_their_as_of_time(
    qtbot, live_server: LiveServer, proxy: FaultProxy, make_context
) -> None:
    published_entry(live_server, "户籍人口基础信息")
    ctx = make_context("B", Role.APPLICANT, url=proxy.url)
    engine = ctx.sync
    report = sync(qtbot, engine)
    assert set(report.refreshed) >= {"departments", "my_requests", "share_catalog", "inbox"}
    assert {"policy", "workday_overrides", "workday_years"} <= set(report.refreshed)
    go_offline(qtbot, engine, proxy)

    catalog, as_of = ctx.store.cache_get("share_catalog") or ([], None)
    assert [e["name"] for e in catalog] == ["户籍人口基础信息"]
    assert as_of is not None and ctx.last_sync is not None and as_of <= ctx.last_sync
    depts, _ = ctx.store.cache_get("departments") or ([], None)
    assert {d["name"] for d in depts} >= {"南通市公安局", "南通市民政局"}
    found, when = ctx.store.cache_search("share_catalog", "户籍 人口") or ([], None)
    assert len(found) == 1 and when == as_of
    mine, _ = ctx.store.cache_get("my_requests") or (None, None)
    assert mine == []  # cached as empty: offline shows "none" rather than "unknown"


def test_queued_request_replays_once_after_drop_after_forwarding(
    qtbot, live_server: LiveServer, proxy: FaultProxy, make_context
) -> None:
    entry = published_entry(live_server, "婚姻登记信息")
    ctx = make_context("B", Role.APPLICANT, url=proxy.url)
    engine = ctx.sync
    business = "低保审核（答复丢失）"
    # The platform processes the create, the answer never arrives — on the first try and the
    # client's own retry; the action goes to the outbox with the same key.
    proxy.drop_after_forward(2, match="POST /api/v1/requests")
    outcome = submit(
        qtbot,
        engine,
        "POST",
        "/api/v1/requests",
        request_body(entry, business),
        label="申请：婚姻登记信息",
        draft=("request", "r1"),
    )
    assert outcome.queued and outcome.item is not None
    assert requests_for(live_server, business) == 1  # processed although the client never saw it

    report = sync(qtbot, engine)
    assert report.sent == 1 and ctx.store.pending_count() == 0
    assert requests_for(live_server, business) == 1  # replayed, not duplicated
    # two attempts whose answers were lost + one replay, all with one key: one request
    assert len(proxy.requests("POST", "/api/v1/requests")) == 3
