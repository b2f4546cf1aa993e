"""Helpers for the share screen tests (no tests of its own): publish catalog entries through the
live server's HTTP API as the real roles would, and wait for pages to settle."""

from __future__ import annotations

from typing import Any

from govshare_core.vocab import Role
from govshare_desktop.api.client import PlatformClient
from tests.desktop.conftest import PASSWORD, LiveServer
from tests.platform.catalog_helpers import entry_payload


def api(server: LiveServer, dept: str, role: Role) -> PlatformClient:
    client = PlatformClient(server.url, retries=0)
    client.login(server.username(dept, role), PASSWORD)
    return client


def publish_entry(server: LiveServer, dept: str = "A", **overrides: Any) -> dict[str, Any]:
    """Register, submit, department-approve and publish an entry over HTTP; returns it."""
    payload = entry_payload(**overrides)
    registrar = api(server, dept, Role.REGISTRAR)
    entry = registrar.create_entry(payload, key=None)  # type: ignore[arg-type]
    registrar.entry_action(entry["id"], "submit")
    api(server, dept, Role.CATALOG_REVIEWER).entry_action(entry["id"], "dept-approve")
    published = api(server, "P", Role.PLATFORM_ADMIN).entry_action(entry["id"], "publish")
    assert published["status"] == "published"
    return published


def request_body(entry: dict[str, Any], **overrides: Any) -> dict[str, Any]:
    from datetime import date, timedelta

    body = {
        "entry_id": entry["id"],
        "data_items": [i["name"] for i in entry["data_items"]][:2],
        "business": "户籍迁移业务办理",
        "users": "户政窗口工作人员",
        "share_mode": "interface",
        "reason": "办理户籍迁移需核验申请人身份（履行法定职责）",
        "end_date": (date.today() + timedelta(days=200)).isoformat(),
    }
    body.update(overrides)
    return body
