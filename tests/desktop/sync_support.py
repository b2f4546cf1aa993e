"""Helpers for the tests of the write path (no tests here): entries and requests made over the
real API, one change sent through a SyncEngine, a sync pass, going offline behind the proxy."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import func, select

from govshare_core.vocab import Role
from govshare_desktop.api.actions import Action, Method
from govshare_desktop.api.client import PlatformClient, new_idempotency_key
from govshare_desktop.sync.engine import Outcome, SyncEngine, SyncReport
from govshare_platform import clock
from govshare_platform.catalog.models import CatalogEntry
from govshare_platform.requests.models import ShareRequest
from tests.desktop.catalog_support import entry_body as catalog_entry_body
from tests.desktop.conftest import PASSWORD, LiveServer
from tests.desktop.faultproxy import FaultProxy

ENTRIES = "/api/v1/catalog/entries"


def entry_body(name: str, **overrides: Any) -> dict[str, Any]:
    """The catalog tests' entry, conditionally shared (the sync tests edit its conditions)."""
    conditional = {
        "share_type": "conditional",
        "share_conditions": "仅限政务用途",
        "share_scope": "市级部门",
    }
    return catalog_entry_body(name, **{**conditional, **overrides})


def entries_named(server: LiveServer, name: str) -> int:
    with server.session() as s:
        return int(s.scalar(select(func.count()).where(CatalogEntry.name == name)) or 0)


def requests_for(server: LiveServer, business: str) -> int:
    with server.session() as s:
        return int(s.scalar(select(func.count()).where(ShareRequest.business == business)) or 0)


def client_for(server: LiveServer, dept: str, role: Role) -> PlatformClient:
    client = PlatformClient(server.url, retries=1, backoff=0.05)
    client.login(server.username(dept, role), PASSWORD)
    return client


def published_entry(server: LiveServer, name: str) -> dict[str, Any]:
    """An entry of department A published through the real workflow (for share requests)."""
    registrar = client_for(server, "A", Role.REGISTRAR)
    entry = registrar.create_entry(entry_body(name), key=new_idempotency_key())
    registrar.entry_action(entry["id"], "submit")
    client_for(server, "A", Role.CATALOG_REVIEWER).entry_action(entry["id"], "dept-approve")
    return client_for(server, "P", Role.PLATFORM_ADMIN).entry_action(entry["id"], "publish")


def request_body(entry: dict[str, Any], business: str) -> dict[str, Any]:
    return {
        "entry_id": entry["id"],
        "data_items": ["姓名"],
        "business": business,
        "users": "社会救助科工作人员",
        "share_mode": "interface",
        "reason": "核对低保申请人户籍信息",
        "end_date": str(clock.today() + timedelta(days=365)),
    }


def submit(  # type: ignore[no-untyped-def]
    qtbot,
    engine: SyncEngine,
    method: Method,
    path: str,
    body: dict[str, Any] | None = None,
    *,
    if_match: int | None = None,
    label: str = "",
    draft: tuple[str, str] | None = None,
) -> Outcome:
    """One change through the engine (as screens send them); waits for its outcome."""
    got: list[Outcome] = []
    engine.submit(Action(method, path, body, if_match, label), draft=draft, done=got.append)
    qtbot.waitUntil(lambda: bool(got), timeout=20000)
    return got[0]


def sync(qtbot, engine: SyncEngine) -> SyncReport:
    qtbot.waitUntil(lambda: not engine.busy, timeout=20000)
    with qtbot.wait_signal(engine.sync_finished, timeout=20000) as blocker:
        engine.sync_now()
    report = blocker.args[0]
    assert isinstance(report, SyncReport)
    return report


def go_offline(qtbot, engine: SyncEngine, proxy: FaultProxy) -> None:
    proxy.drop()
    with qtbot.wait_signal(engine.online_changed, timeout=10000):
        engine.probe()
    assert engine.online is False
