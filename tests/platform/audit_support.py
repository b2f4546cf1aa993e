"""Shared by the audit tests: settings with an audit key, activity, the API's answers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from govshare_core.creditcode import make_credit_code
from govshare_core.vocab import Role
from govshare_platform.audit import anchor
from govshare_platform.settings import Settings
from tests.platform.conftest import PASSWORD, World
from tests.server_support import fast_settings

AUDITOR = ("P", Role.AUDIT_ADMIN)
_credit = iter(range(10_000, 99_999))


def keyed_settings(db_url: str, directory: Path) -> Settings:
    """The test settings with a fresh audit key and a checkpoint file in `directory`."""
    key = directory / "audit.key"
    if not key.exists():
        anchor.write_key(key)
    return fast_settings(db_url).model_copy(
        update={"audit_key_file": key, "audit_checkpoint_file": directory / "checkpoints.jsonl"}
    )


def make_activity(world: World) -> None:
    """Log in, fail a login, create a department, and get denied once."""
    c = world.client
    ok = c.post("/api/v1/auth/login", json={"username": "a_registrar", "password": PASSWORD})
    assert ok.status_code == 200
    bad = c.post("/api/v1/auth/login", json={"username": "a_registrar", "password": "nope"})
    assert bad.status_code == 401
    code = make_credit_code(f"113206000141{next(_credit):05d}")
    body = {"name": f"南通市审计局{code[-4:]}", "credit_code": code}
    made = c.post("/api/v1/departments", json=body, headers=world.h("P", Role.SECURITY_ADMIN))
    assert made.status_code == 201, made.text
    denied = c.get("/api/v1/audit/events", headers=world.h("A", Role.REGISTRAR))
    assert denied.status_code == 403


def verify_api(world: World) -> dict[str, Any]:
    r = world.client.get("/api/v1/audit/verify", headers=world.h(*AUDITOR))
    assert r.status_code == 200, r.text
    result: dict[str, Any] = r.json()
    return result


def checkpoint_api(world: World) -> dict[str, Any]:
    r = world.client.post("/api/v1/audit/checkpoints", headers=world.h(*AUDITOR))
    assert r.status_code == 201, r.text
    result: dict[str, Any] = r.json()
    return result
