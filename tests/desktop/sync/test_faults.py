"""Faults between the client and the platform: no lost draft, no duplicate, clear messages."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer

from govshare_desktop.api.client import new_idempotency_key
from govshare_desktop.context import AppContext
from govshare_desktop.sync.engine import Outcome
from tests.desktop.conftest import LiveServer
from tests.desktop.faultproxy import FaultProxy
from tests.desktop.sync_support import ENTRIES, entries_named, entry_body, submit, sync


def answers_lost(
    registrar: AppContext, proxy: FaultProxy, name: str, method: str, suffix: str = ""
) -> tuple[dict[str, Any], str]:
    """A new entry of the registrar's and its path (+ `suffix`): the platform processes the
    next two `method` requests to that path, their answers never arrive."""
    entry = registrar.client.create_entry(entry_body(name), key=new_idempotency_key())
    path = f"{ENTRIES}/{entry['id']}{suffix}"
    proxy.drop_after_forward(2, match=f"{method} {path}")
    return entry, path


def register(qtbot, registrar: AppContext, name: str, draft: str | None = None) -> Outcome:  # type: ignore[no-untyped-def]
    """The registrar registers the entry `name` (kept in its draft `draft`) through the engine."""
    kept = ("entry", draft) if draft else None
    return submit(
        qtbot, registrar.sync, "POST", ENTRIES, entry_body(name), label="登记", draft=kept
    )


def test_503_burst_is_queued_with_a_clear_message_then_sent_once(
    qtbot, live_server: LiveServer, proxy: FaultProxy, registrar: AppContext
) -> None:
    registrar.store.save_draft("entry", "d1", entry_body("高峰期登记"))
    proxy.fail(503, 4, match="POST /api/v1/catalog/entries")
    outcome = register(qtbot, registrar, "高峰期登记", draft="d1")
    assert outcome.queued
    assert outcome.message == "共享平台暂时不可用，请稍后重试。"
    assert registrar.store.load_draft("entry", "d1") is not None
    # The engine retries by itself with backoff until the burst is over.
    qtbot.waitUntil(lambda: registrar.store.pending_count() == 0, timeout=15000)
    assert entries_named(live_server, "高峰期登记") == 1
    assert registrar.store.load_draft("entry", "d1") is None
    assert [s.action for s in proxy.requests("POST", ENTRIES)][:4] == ["fail"] * 4


def test_500_is_kept_and_replayed_without_duplicate(
    qtbot, live_server: LiveServer, proxy: FaultProxy, registrar: AppContext
) -> None:
    proxy.fail(500, 1, match="POST /api/v1/catalog/entries")
    outcome = register(qtbot, registrar, "内部错误后登记")
    assert outcome.queued and outcome.message
    qtbot.waitUntil(lambda: registrar.store.pending_count() == 0, timeout=15000)
    assert entries_named(live_server, "内部错误后登记") == 1


def test_slow_platform_does_not_freeze_the_window(
    qtbot, live_server: LiveServer, proxy: FaultProxy, registrar: AppContext
) -> None:
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    proxy.delay(600)
    outcome = register(qtbot, registrar, "慢速网络登记")
    timer.stop()
    assert outcome.sent
    assert len(ticks) >= 10  # the event loop kept running while the call waited
    assert entries_named(live_server, "慢速网络登记") == 1


def test_update_whose_answer_was_lost_is_not_a_conflict(
    qtbot, proxy: FaultProxy, registrar: AppContext
) -> None:
    engine = registrar.sync
    entry, path = answers_lost(registrar, proxy, "改名前", "PUT")
    conflicts: list[object] = []
    engine.conflict.connect(lambda item, server: conflicts.append(item))
    outcome = submit(
        qtbot, engine, "PUT", path, entry_body("改名后"), if_match=entry["version"], label="修改"
    )
    assert outcome.queued
    report = sync(qtbot, engine)  # the replay meets 412 — caused by itself: applied already
    assert report.sent == 1 and report.conflicts == 0 and not conflicts
    assert registrar.client.entry(entry["id"])["version"] == entry["version"] + 1


def test_submit_action_whose_answer_was_lost_is_done_once(
    qtbot, proxy: FaultProxy, registrar: AppContext
) -> None:
    entry, path = answers_lost(registrar, proxy, "提交答复丢失", "POST", "/submit")
    outcome = submit(
        qtbot, registrar.sync, "POST", path, None, if_match=entry["version"], label="提交"
    )
    assert outcome.queued
    report = sync(qtbot, registrar.sync)
    assert (report.sent, report.conflicts, report.failures) == (1, 0, 0)
    assert registrar.client.entry(entry["id"])["status"] == "submitted"


def test_unreachable_platform_keeps_everything_and_sets_offline(
    qtbot, live_server: LiveServer, proxy: FaultProxy, registrar: AppContext
) -> None:
    proxy.drop()
    with qtbot.wait_signal(registrar.online_changed, timeout=15000) as went:
        outcome = register(qtbot, registrar, "断网登记", draft="d9")
    assert went.args == [False] and outcome.queued
    assert outcome.message.startswith("无法连接共享平台")
    proxy.pass_through()
    qtbot.waitUntil(
        lambda: registrar.online and registrar.store.pending_count() == 0, timeout=15000
    )
    assert entries_named(live_server, "断网登记") == 1
    assert registrar.store.load_draft("entry", "d9") is None
