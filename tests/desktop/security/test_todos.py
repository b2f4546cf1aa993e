"""The security admin's and the audit admin's to-dos (三员分立; govshare_core.separation
AdminTodo) on the home page: labelled from the core, and a double-click opens the desk page that
closes them — the account or the department selected and shown on the security admin's pages,
the audit desk's verification or trail page for the audit admin."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select, update

from govshare_core.separation import FULL_VERIFY_STALE_HOURS, AdminTodo, AdminTodoState
from govshare_core.vocab import Role
from govshare_desktop.api.errors import ApiError
from govshare_desktop.home import presenter as home_presenter
from govshare_desktop.shell.pages import TODO_TARGETS, ObjectPage, can_act
from govshare_platform import clock
from govshare_platform.audit.models import AuditEvent
from govshare_platform.db import utcnow
from govshare_platform.departments.models import ResourceAdminFiling, User
from tests.desktop.conftest import PASSWORD, LiveServer
from tests.desktop.requests_support import api
from tests.desktop.shell.test_todos import double_click, home_row, selected_ids, signed_in_window

WAIT = 10_000


def _user_id(server: LiveServer, dept: str, role: Role) -> int:
    with server.session() as s:
        return int(s.scalar(select(User.id).where(User.username == server.username(dept, role))))


def locked(server: LiveServer, mp: pytest.MonkeyPatch) -> int:
    """A's registrar locked out by wrong passwords."""
    client = api(server, "A", Role.APPLICANT)  # any signed-out caller would do
    for _ in range(5):
        with contextlib.suppress(ApiError):  # 401, then locked
            client.login(server.username("A", Role.REGISTRAR), PASSWORD + "x")
    return _user_id(server, "A", Role.REGISTRAR)


def reset(server: LiveServer, mp: pytest.MonkeyPatch) -> int:
    """A's reviewer given a temporary password by the security admin."""
    user_id = _user_id(server, "A", Role.CATALOG_REVIEWER)
    api(server, "P", Role.SECURITY_ADMIN).request(
        "POST",
        f"/api/v1/users/{user_id}/reset-password",
        json={"new_password": "Temp-Passw0rd-77"},
        if_match="*",
    )
    return user_id


def unfiled(server: LiveServer, mp: pytest.MonkeyPatch) -> int:
    """B's 备案 filing ended."""
    with server.session() as s:
        dept = int(s.scalar(select(User.department_id).where(User.username == "b_applicant")))
        s.execute(
            update(ResourceAdminFiling)
            .where(ResourceAdminFiling.department_id == dept)
            .values(active=False)
        )
        s.commit()
    return dept


def _activity(server: LiveServer) -> None:
    api(server, "A", Role.REGISTRAR).me()  # a sign-in: an audit event


def unanchored(server: LiveServer, mp: pytest.MonkeyPatch) -> int:
    """The trail a day and more without a checkpoint (the test server has no audit key)."""
    _activity(server)
    later = clock.now() + timedelta(hours=25)
    mp.setattr(clock, "now", lambda: later)
    return 1  # the oldest event no checkpoint covers (there is none)


def verify_overdue(server: LiveServer, mp: pytest.MonkeyPatch) -> int:
    """No full verification for two days and more (the sweep's daily one stopped)."""
    _activity(server)
    later = clock.now() + timedelta(hours=FULL_VERIFY_STALE_HOURS + 1)
    mp.setattr(clock, "now", lambda: later)
    return 1  # the oldest event (there was no full verification)


def broken(server: LiveServer, mp: pytest.MonkeyPatch) -> int:
    """An event rewritten in the database; the audit admin's verification finds it."""
    _activity(server)
    with server.session() as s:
        s.execute(update(AuditEvent).where(AuditEvent.seq == 1).values(hash="f" * 64))
        s.commit()
    auditor = api(server, "P", Role.AUDIT_ADMIN)
    assert auditor.get("/api/v1/audit/verify")["ok"] is False
    with server.session() as s:
        return int(
            s.scalar(
                select(AuditEvent.seq)
                .where(AuditEvent.action == "audit_verify")
                .order_by(AuditEvent.seq.desc())
                .limit(1)
            )
        )


def past_retention(server: LiveServer, mp: pytest.MonkeyPatch) -> int:
    """The two oldest events six years old (the policy keeps five, 第二十六条)."""
    _activity(server)
    _activity(server)
    with server.session() as s:
        s.execute(
            update(AuditEvent)
            .where(AuditEvent.seq <= 2)
            .values(at=utcnow() - timedelta(days=6 * 366))
        )
        s.commit()
    return 2


@dataclass(frozen=True)
class Case:
    kind: str
    make: Callable[[LiveServer, pytest.MonkeyPatch], int]
    role: Role
    state: AdminTodoState
    dept: str = "P"


CASES = [
    Case("account_locked", locked, Role.SECURITY_ADMIN, AdminTodoState.LOCKED),
    Case("password_pending", reset, Role.SECURITY_ADMIN, AdminTodoState.MUST_CHANGE),
    Case("filing_missing", unfiled, Role.SECURITY_ADMIN, AdminTodoState.NO_FILING),
    Case("audit_unanchored", unanchored, Role.AUDIT_ADMIN, AdminTodoState.UNANCHORED),
    Case("audit_verify_overdue", verify_overdue, Role.AUDIT_ADMIN, AdminTodoState.VERIFY_OVERDUE),
    Case("audit_chain_broken", broken, Role.AUDIT_ADMIN, AdminTodoState.BROKEN),
    Case("audit_retention", past_retention, Role.AUDIT_ADMIN, AdminTodoState.ARCHIVE_DUE),
]


def test_the_kinds_are_the_cores_and_only_their_admin_acts() -> None:
    assert {c.kind for c in CASES} == {k.value for k in AdminTodo}
    for kind in AdminTodo:
        assert home_presenter.kind_text(kind) == kind.label_zh
        assert can_act(kind, {kind.role.value})
        others = {r.value for r in Role if r is not kind.role}
        assert not can_act(kind, others)  # never shown to another role
    assert home_presenter.state_text("account_locked", "locked") == "已锁定"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.kind)
def test_double_clicking_an_admin_todo_opens_its_desk(
    qtbot, live_server: LiveServer, make_context, tmp_path, monkeypatch, case: Case
) -> None:
    object_id = case.make(live_server, monkeypatch)
    window = signed_in_window(qtbot, make_context, tmp_path, case.dept, case.role)
    row = home_row(qtbot, window, case.kind, object_id)
    home: Any = window.pages["home"]
    item = home.model.item(row)
    assert item["state"] == case.state
    shown = [home.model.index(row, c).data() for c in range(2)]
    assert AdminTodo(case.kind).label_zh in shown
    double_click(qtbot, home.table, row)
    target = TODO_TARGETS[case.kind]
    assert window.current_key() == target.page
    page: Any = window.pages[target.page]
    if case.role is Role.SECURITY_ADMIN:  # the account / department selected and shown
        assert isinstance(page, ObjectPage)
        qtbot.waitUntil(
            lambda: page.current is not None and int(page.current["id"]) == object_id,
            timeout=WAIT,
        )
        qtbot.waitUntil(lambda: selected_ids(page) == {object_id}, timeout=WAIT)
        if case.kind == "account_locked":
            assert page.action_buttons["unlock"].isVisibleTo(page)
