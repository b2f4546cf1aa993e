"""The workflow write path stays lean (issue 11's write load): what a mutation reads and writes.

Each mutation of the benchmark's mix (benchmarks/bench_load.py writes) answers with exactly what
a fresh GET of the object answers, while it reads no more than it needs: the entry a share
request was just checked against is not loaded again for the answer, a new request's empty
history is not asked for, the signed-in user's own name is not looked up, and a submit writes the
request row once (its version moves by one).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event

from govshare_core.vocab import Role
from tests.platform.catalog_helpers import API, create_entry, editable
from tests.platform.conftest import World
from tests.platform.requests_support import TODAY, body, make_entry, set_today


@contextmanager
def statements(world: World) -> Iterator[list[str]]:
    """The SQL statements the app's engine runs meanwhile (the audit trail's own left out)."""
    seen: list[str] = []

    def record(_c: Any, _cur: Any, statement: str, *_a: Any) -> None:
        if "audit_" not in statement:
            seen.append(" ".join(statement.split()))

    engine = world.app.state.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def _same_as_get(world: World, answer: dict[str, Any], path: str, headers: dict[str, str]) -> None:
    fresh = world.client.get(path, headers=headers)
    assert fresh.status_code == 200, fresh.text
    assert answer == fresh.json()


def _call(world: World, method: str, path: str, **kw: Any) -> tuple[dict[str, Any], list[str]]:
    with statements(world) as seen:
        r = world.client.request(method, path, **kw)
    assert r.status_code in (200, 201), r.text
    return dict(r.json()), seen


def test_share_request_mutations_answer_as_get_and_read_only_what_they_need(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    set_today(monkeypatch, TODAY)
    entry_id = make_entry(world)
    h = world.h("B", Role.APPLICANT)
    made, seen = _call(world, "POST", "/api/v1/requests", json=body(entry_id), headers=h)
    path = f"/api/v1/requests/{made['id']}"
    _same_as_get(world, made, path, h)
    assert made["applicant_name"] and made["entry_name"] == "人口基础信息"
    assert not [s for s in seen if "FROM share_request_events" in s]  # new: no history yet
    assert not [s for s in seen if "FROM share_request_disputes" in s]
    assert len([s for s in seen if "FROM catalog_entries" in s]) == 1  # the check's, kept
    assert not [s for s in seen if s.startswith("SELECT users.id")]  # own name: known

    edit = body(entry_id, reason="履行社会救助审核职责需要核验身份（修订）")
    tag = {"If-Match": f'"{made["version"]}"'}
    edited, seen = _call(world, "PUT", path, json=edit, headers={**h, **tag})
    _same_as_get(world, edited, path, h)
    assert len([s for s in seen if "FROM catalog_entries" in s]) == 1

    sent, seen = _call(world, "POST", f"{path}/submit", headers=h)
    _same_as_get(world, sent, path, h)
    assert sent["status"] == "submitted" and sent["review_due"]
    assert [e["actor_name"] for e in sent["events"]] == [made["applicant_name"]]
    assert len([s for s in seen if s.startswith("UPDATE share_requests")]) == 1
    assert sent["version"] == edited["version"] + 1
    assert len([s for s in seen if "FROM workday_overrides" in s]) == 1  # calendar read once

    back, seen = _call(world, "POST", f"{path}/withdraw", headers=h)
    _same_as_get(world, back, path, h)
    assert back["status"] == "withdrawn" and back["entry_name"] == "人口基础信息"
    assert not [s for s in seen if "FROM catalog_data_items" in s]  # name and code only


def _entry_calls(world: World) -> Iterator[tuple[str, Callable[[], tuple[Any, list[str]]]]]:
    reg, rev = world.h("A", Role.REGISTRAR), world.h("A", Role.CATALOG_REVIEWER)
    entry = create_entry(world)
    path = f"{API}/entries/{entry['id']}"
    yield (
        path,
        lambda: _call(
            world,
            "PUT",
            path,
            json={**editable(entry), "summary": entry["summary"] + "（修订）"},
            headers={**reg, "If-Match": f'"{entry["version"]}"'},
        ),
    )
    yield path, lambda: _call(world, "POST", f"{path}/submit", headers=reg)
    yield path, lambda: _call(world, "POST", f"{path}/dept-approve", headers=rev)


def test_catalog_entry_mutations_answer_as_get(world: World) -> None:
    """PUT, submit and the department's approval answer what GET answers (the submitter's name
    taken from the signed-in user when it is theirs, looked up otherwise); the entry and its
    data items are read in one statement."""
    reader = world.h("A", Role.CATALOG_REVIEWER)
    for path, call in _entry_calls(world):
        answer, seen = call()
        _same_as_get(world, answer, path, reader)
        assert not [s for s in seen if s.startswith("SELECT catalog_data_items")]
    assert answer["status"] == "dept_approved" and answer["submitted_by_name"]
