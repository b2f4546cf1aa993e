"""The demo city: `govshare-platform seed-demo` on a fresh database (SQLite and PostgreSQL) and
its generators."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from govshare_core.creditcode import is_valid_credit_code
from govshare_core.validation import validate_entry
from govshare_core.vocab import EntryStatus, RequestStatus, Role, ShareType
from govshare_platform import cli
from govshare_platform.app import create_app
from govshare_platform.audit.service import verify_chain
from govshare_platform.catalog.models import CatalogEntry, ChangeReport
from govshare_platform.demo.data import (
    ACCOUNTS,
    DEMO_PASSWORD,
    DEPARTMENTS,
    RESOURCES,
    synthetic_specs,
)
from govshare_platform.demo.seed import demo_accounts
from govshare_platform.departments.models import Department, User, UserRole
from govshare_platform.requests.models import ShareRequest
from govshare_platform.settings import Settings
from tests.conftest import copy_seeded_demo
from tests.server_support import fast_settings


def _statuses(session: Session, column: Any) -> set[str]:
    return set(session.scalars(select(column).distinct()))


def _check_departments(session: Session) -> None:
    codes = list(session.scalars(select(Department.credit_code)))
    assert len(codes) >= 12
    assert all(is_valid_credit_code(c) and c.startswith("11320600") for c in codes)
    assert session.scalar(select(func.count()).where(Department.is_platform)) == 1


def _check_states(session: Session) -> None:
    assert (session.scalar(select(func.count(CatalogEntry.id))) or 0) >= 150
    assert _statuses(session, CatalogEntry.status) == {s.value for s in EntryStatus}
    assert _statuses(session, CatalogEntry.share_type) == {s.value for s in ShareType}
    assert _statuses(session, ShareRequest.status) == {s.value for s in RequestStatus}
    assert _statuses(session, ChangeReport.late) == {True, False}


def _check_separation(session: Session) -> None:
    holders = {
        role: set(session.scalars(select(UserRole.user_id).where(UserRole.role == role.value)))
        for role in Role
    }
    assert all(holders.values()), "every role is held by someone"
    assert not holders[Role.SECURITY_ADMIN] & holders[Role.AUDIT_ADMIN]
    # accounts made through the API carry a temporary password; the demo's are usable as printed
    assert not session.scalar(select(func.count(User.id)).where(User.must_change_password))


def _check_logins(client: TestClient) -> None:
    for role in Role:
        acc = next(a for a in ACCOUNTS if role in a.roles)
        r = client.post(
            "/api/v1/auth/login", json={"username": acc.username, "password": DEMO_PASSWORD}
        )
        assert r.status_code == 200, (acc.username, r.text)
        me = client.get(
            "/api/v1/me", headers={"Authorization": f"Bearer {r.json()['access_token']}"}
        )
        assert me.json()["roles"] == [role.value]
        if role is Role.APPLICANT:
            _check_search(client, r.json()["access_token"])


def _check_search(client: TestClient, token: str) -> None:
    """The search index was filled by the workflow: the share catalog finds 婚姻登记信息."""
    r = client.get(
        "/api/v1/catalog/share-catalog",
        params={"q": "婚姻", "limit": 50},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert r.status_code == 200
    names = {item["name"] for item in r.json()["items"]}
    assert "婚姻登记信息" in names
    # 不予共享 entries are listed, flagged by their share type (第五条, 第二十五条; issue 12)
    kinds = {item["name"]: item["share_type"] for item in r.json()["items"]}
    assert kinds.get("收养登记信息", "not_shared") == "not_shared"


def _seed_demo_cli(url: str, capsys: pytest.CaptureFixture[str]) -> tuple[list[Any], Any]:
    """`govshare-platform seed-demo --print-accounts` on `url`: the accounts printed (one JSON
    account a line on standard output) and the summary (standard error)."""
    assert cli.main(["--database-url", url, "seed-demo", "--print-accounts"]) == 0
    out, err = capsys.readouterr()
    return [json.loads(line) for line in out.splitlines()], json.loads(err.splitlines()[-1])


def _check_city(settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    """The seeded city of `settings` is consistent, its accounts sign in, and seed-demo run
    again only prints them."""
    app = create_app(settings)
    try:
        with app.state.session_factory() as session:
            _check_departments(session)
            _check_states(session)
            _check_separation(session)
            assert verify_chain(session).ok
            events = verify_chain(session).checked
            departments = session.scalar(select(func.count(Department.id)))
        accounts, again = _seed_demo_cli(settings.database_url, capsys)
        assert again["seeded"] is False
        assert "64" not in again["reason"] and f"{departments} departments" in again["reason"]
        assert len(accounts) == 64 and all(
            {"username", "password", "roles"} <= a.keys() for a in accounts
        )
        with TestClient(app) as client:
            _check_logins(client)
            for account in (accounts[0], accounts[-1]):  # what was printed signs in
                body = {"username": account["username"], "password": account["password"]}
                assert client.post("/api/v1/auth/login", json=body).status_code == 200
        with app.state.session_factory() as session:
            assert session.scalar(select(func.count(Department.id))) == departments
            assert verify_chain(session).checked >= events
    finally:
        app.state.engine.dispose()


@pytest.mark.parametrize("db_url", ["postgres"], indirect=True)
def test_seed_demo_seeds_an_empty_database_then_only_prints(
    settings: Settings,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """seed-demo on an empty database seeds the city first (it once only printed, and serve
    refused every account); on SQLite the run's shared demo (`seeded_demo`, below) was seeded
    through the same `seed_demo` by the desktop's embedded platform."""
    monkeypatch.chdir(tmp_path)  # on PostgreSQL the demo CA goes to ./govshare-demo-ca
    accounts, summary = _seed_demo_cli(settings.database_url, capsys)
    assert summary["seeded"] is True and summary["users"] == len(accounts) == 64
    _check_city(settings, capsys)


def test_the_seeded_demo_city_is_consistent(
    seeded_demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """SQLite: a copy of the run's seeded demo (tests/conftest.py)."""
    demo = copy_seeded_demo(seeded_demo, tmp_path / "demo")
    _check_city(fast_settings(f"sqlite:///{demo / 'platform.db'}"), capsys)


def test_demo_accounts_cover_every_role_with_separated_duties() -> None:
    accounts = demo_accounts()
    roles = {r for a in accounts for r in a["roles"]}  # type: ignore[attr-defined]
    assert roles == {r.value for r in Role}
    assert len({a["username"] for a in accounts}) == len(accounts)
    for a in accounts:
        assert a["password"] == DEMO_PASSWORD
        assert a["description_zh"]
        held = set(a["roles"])  # type: ignore[call-overload]
        assert not {"security_admin", "audit_admin"} <= held


def test_demo_departments_and_resources_are_valid() -> None:
    assert len(DEPARTMENTS) >= 12
    assert all(is_valid_credit_code(d.credit_code) for d in DEPARTMENTS)
    assert [d.key for d in DEPARTMENTS if d.is_platform] == ["dsj"]
    for spec in RESOURCES:
        entry = spec.to_entry()
        assert validate_entry(entry) == [], spec.name
        if spec.share is ShareType.NOT_SHARED:
            assert entry.legal_basis and entry.legal_basis.startswith("《")


def test_generator_is_deterministic_valid_and_realistic() -> None:
    first = [s.name for s in synthetic_specs(300, seed=7)]
    assert first == [s.name for s in synthetic_specs(300, seed=7)]
    for spec in itertools.islice(synthetic_specs(500, seed=3), 500):
        assert 3 <= len(spec.items) <= 8
        assert validate_entry(spec.to_entry()) == [], spec.name
    names = [s.name for s in synthetic_specs(20_000)]
    for word in ("人口", "社保", "婚姻"):
        share = sum(word in n for n in names) / len(names)
        assert 0.005 < share < 0.2, (word, share)
