"""Helpers for the audit desk tests (no tests here): events written straight into the live
server's trail, and a direct change of one stored event (what an attacker with database access
would do)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

from govshare_core.vocab import Role
from govshare_platform.audit import service as audit
from tests.desktop.conftest import LiveServer
from tests.desktop.requests_support import api

WAIT = 15000
ACTOR = "zz_probe"
"""The actor of the seeded events (a prefix no fixture user has)."""


def department_id(server: LiveServer, dept: str) -> int:
    return int(api(server, dept, Role.RESOURCE_ADMIN).me()["department"]["id"])


def seed_events(server: LiveServer, n: int, *, department: int | None = None) -> None:
    """`n` events by ACTOR, alternating two actions, on workdays 1..n (one transaction)."""
    with server.session() as session:
        audit.begin_write(session)
        for i in range(n):
            audit.append(
                session,
                action="workday_override_set" if i % 2 else "policy_update",
                actor_name=ACTOR,
                department_id=department,
                object_type="workday" if i % 2 else "policy",
                object_id=str(i + 1),
                details={"n": i + 1, "说明": "测试"},
                client_address="10.0.0.9",
            )
        session.commit()


def newest_seq(server: LiveServer) -> int:
    with server.session() as session:
        return int(session.execute(text("SELECT max(seq) FROM audit_events")).scalar_one())


def tamper(server: LiveServer, seq: int) -> None:
    """Change one stored event's details behind the platform's back."""
    with server.session() as session:
        session.execute(
            text("UPDATE audit_events SET details = :d WHERE seq = :s"),
            {"d": '{"forged": true}', "s": seq},
        )
        session.commit()


def wait_loaded(qtbot, model, rows: int | None = None) -> None:  # type: ignore[no-untyped-def]
    def ready() -> bool:
        return not model.is_loading and (rows is None or model.rowCount() == rows)

    qtbot.waitUntil(ready, timeout=WAIT)


def column_texts(model: Any, column: int) -> list[str]:
    return [model.index(r, column).data() for r in range(model.rowCount())]
