"""The test world of the platform's and the desktop's tests (no tests here): departments P (the
platform, 信息化主管部门), A and B, the roles their users hold, one password, and settings
that hash passwords cheaply."""

from __future__ import annotations

import atexit
import shutil
import tempfile
import threading
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from pydantic import SecretStr
from sqlalchemy.orm import Session, sessionmaker

from govshare_core.creditcode import make_credit_code
from govshare_core.vocab import Role
from govshare_platform.auth.passwords import hasher
from govshare_platform.db import make_engine, make_session_factory
from govshare_platform.departments.models import Department, User, UserRole
from govshare_platform.pki.authority import create_ca
from govshare_platform.settings import Settings

T = TypeVar("T")

PASSWORD = "Demo-Passw0rd!"
DEPARTMENTS = {
    "P": ("南通市大数据管理局", "11320600MB0000001", True),
    "A": ("南通市公安局", "11320600014160001", False),
    "B": ("南通市民政局", "11320600014160002", False),
}
"""key → (name, the first 17 characters of its credit code, is the platform)."""
DEPT_ROLES = (Role.REGISTRAR, Role.CATALOG_REVIEWER, Role.APPLICANT, Role.RESOURCE_ADMIN)
PLATFORM_ROLES = (Role.PLATFORM_ADMIN, Role.SUPERVISOR, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN)
FAST_HASHER = hasher(1, 8 * 1024)
"""Argon2 at its cheapest: the tests sign in often."""
TEST_CA_PASSPHRASE = "test-ca-passphrase"


@lru_cache(maxsize=1)
def test_ca_dir() -> Path:
    """The platform CA of this test process (department P's), made once, removed at exit."""
    root = Path(tempfile.mkdtemp(prefix="govshare-test-ca-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    name, first17, _platform = DEPARTMENTS["P"]
    create_ca(
        root / "ca",
        organization=name,
        credit_code=make_credit_code(first17),
        passphrase=TEST_CA_PASSPHRASE.encode(),
    )
    return root / "ca"


def fast_settings(database_url: str) -> Settings:
    """The platform's settings under test: cheap hashing, lockout after 3, no maintenance, the
    process's test CA."""
    return Settings(
        database_url=database_url,
        argon2_time_cost=1,
        argon2_memory_kib=8 * 1024,
        lockout_threshold=3,
        lockout_minutes=15,
        maintenance_interval_minutes=0,
        ca_dir=test_ca_dir(),
        ca_passphrase=SecretStr(TEST_CA_PASSPHRASE),
    )


def roles_of(key: str) -> tuple[Role, ...]:
    """The roles the users of department `key` hold (one user each)."""
    return PLATFORM_ROLES if DEPARTMENTS[key][2] else DEPT_ROLES


def add_departments(session: Session) -> dict[str, Department]:
    """Departments P, A and B added to `session` in that order, flushed (their ids set)."""
    added: dict[str, Department] = {}
    for key, (name, first17, is_platform) in DEPARTMENTS.items():
        dept = Department(name=name, credit_code=make_credit_code(first17), is_platform=is_platform)
        session.add(dept)
        session.flush()
        added[key] = dept
    return added


def new_user(
    username: str, department_id: int, *roles: Role, full_name: str, password: str = PASSWORD
) -> User:
    """A user of the department holding `roles`, its password hashed cheaply (not yet added)."""
    return User(
        username=username,
        full_name=full_name,
        password_hash=FAST_HASHER.hash(password),
        department_id=department_id,
        role_rows=[UserRole(role=r.value) for r in roles],
    )


def in_two_processes_at_once(
    database_url: str, work: Callable[[sessionmaker[Session]], T]
) -> list[T]:
    """`work` started at the same moment by two threads, each with an engine of its own (as two
    API processes on one database); both results, in the order they finished."""
    engines = [make_engine(database_url) for _ in range(2)]
    start = threading.Barrier(2)
    results: list[T] = []

    def run(factory: sessionmaker[Session]) -> None:
        start.wait()
        results.append(work(factory))

    threads = [threading.Thread(target=run, args=(make_session_factory(e),)) for e in engines]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    for engine in engines:
        engine.dispose()
    return results
