"""Platform fixtures: a migrated database per test on SQLite and on PostgreSQL, the app, and a
small world of departments and users holding every role.

PostgreSQL comes from GOVSHARE_TEST_PG_URL (an admin URL; scripts/test.sh starts a server). Under CI
a missing PostgreSQL is an error, not a skip, so the suite can never pass on SQLite alone.
"""

from __future__ import annotations

import os
import secrets
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from govshare_core.vocab import Role
from govshare_platform.app import create_app
from govshare_platform.auth.models import AuthToken
from govshare_platform.auth.service import token_digest
from govshare_platform.db import utcnow
from govshare_platform.departments.models import ResourceAdminFiling
from govshare_platform.migrate import upgrade
from govshare_platform.settings import Settings
from tests.server_support import (
    DEPARTMENTS,
    DEPT_ROLES,
    PASSWORD,
    PLATFORM_ROLES,
    add_departments,
    fast_settings,
    new_user,
)

__all__ = ["DEPARTMENTS", "DEPT_ROLES", "PASSWORD", "PLATFORM_ROLES"]  # tests import them here
PG_TEMPLATE = f"govshare_tpl_{os.getpid()}"  # one per test run: parallel runs never collide


def _pg_admin_url() -> str | None:
    return os.environ.get("GOVSHARE_TEST_PG_URL")


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("tpl") / "template.db"
    upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str]:
    admin = _pg_admin_url()
    if not admin:
        if os.environ.get("CI"):
            pytest.fail("GOVSHARE_TEST_PG_URL is not set: CI must test on PostgreSQL")
        pytest.skip("no PostgreSQL (set GOVSHARE_TEST_PG_URL, bash scripts/test.sh starts one)")
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {PG_TEMPLATE} WITH (FORCE)"))
        conn.execute(text(f"CREATE DATABASE {PG_TEMPLATE}"))
    upgrade(make_url(admin).set(database=PG_TEMPLATE).render_as_string(hide_password=False))
    yield PG_TEMPLATE
    with engine.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {PG_TEMPLATE} WITH (FORCE)"))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A freshly migrated, empty database for one test."""
    if request.param == "sqlite":
        template = request.getfixturevalue("sqlite_template")
        shutil.copy(template, tmp_path / "platform.db")
        yield f"sqlite:///{tmp_path / 'platform.db'}"
        return
    template = request.getfixturevalue("pg_template")
    admin = _pg_admin_url() or ""
    name = f"t_{uuid.uuid4().hex[:16]}"
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name} TEMPLATE {template}"))
    yield make_url(admin).set(database=name).render_as_string(hide_password=False)
    with engine.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    engine.dispose()


@pytest.fixture
def settings(db_url: str) -> Settings:
    return fast_settings(db_url)


@pytest.fixture
def app(settings: Settings) -> Iterator[FastAPI]:
    application = create_app(settings)
    yield application
    application.state.engine.dispose()


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as c:
        yield c


@dataclass
class World:
    """Departments P (platform), A, B and one user per (department, role)."""

    app: FastAPI
    client: TestClient
    depts: dict[str, int] = field(default_factory=dict)
    users: dict[tuple[str, Role], int] = field(default_factory=dict)
    _tokens: dict[int, str] = field(default_factory=dict)

    def session(self):  # type: ignore[no-untyped-def]
        return self.app.state.session_factory()

    def add_user(self, dept: str, *roles: Role, username: str | None = None) -> int:
        name = username or f"{dept.lower()}_{'_'.join(r.value for r in roles)}"
        with self.session() as s:
            user = new_user(name, self.depts[dept], *roles, full_name=name)
            s.add(user)
            s.commit()
            return user.id

    def uid(self, dept: str, role: Role) -> int:
        return self.users[(dept, role)]

    def token(self, user_id: int) -> str:
        if user_id not in self._tokens:
            raw = secrets.token_urlsafe(24)
            now = utcnow()
            with self.session() as s:
                s.add(
                    AuthToken(
                        token_hash=token_digest(raw),
                        user_id=user_id,
                        created_at=now,
                        last_seen_at=now,
                        expires_at=now + timedelta(hours=8),
                    )
                )
                s.commit()
            self._tokens[user_id] = raw
        return self._tokens[user_id]

    def h(self, dept: str, role: Role, **extra: str) -> dict[str, str]:
        """Authorization headers of the (dept, role) user."""
        return {"Authorization": f"Bearer {self.token(self.uid(dept, role))}", **extra}


@pytest.fixture
def world(app: FastAPI, client: TestClient) -> World:
    w = World(app, client)
    with w.session() as s:
        w.depts = {key: dept.id for key, dept in add_departments(s).items()}
        s.commit()
    for key in ("A", "B"):
        for role in DEPT_ROLES:
            w.users[(key, role)] = w.add_user(key, role)
    for role in PLATFORM_ROLES:
        w.users[("P", role)] = w.add_user("P", role)
    with w.session() as s:  # 备案 (第二十八条): A's and B's resource admins are on file
        for key in ("A", "B"):
            user_id = w.uid(key, Role.RESOURCE_ADMIN)
            s.add(ResourceAdminFiling(department_id=w.depts[key], user_id=user_id, phone="1"))
        s.commit()
    return w
