"""Helpers for the share screen tests (no tests of its own): publish catalog entries through the
live server's HTTP API as the real roles would, and wait for pages to settle."""

from __future__ import annotations

from typing import Any

from govshare_core.creditcode import make_credit_code
from govshare_core.vocab import Role
from govshare_desktop.api import actions
from govshare_desktop.api.client import PlatformClient, new_idempotency_key
from govshare_platform import clock
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
    from datetime import timedelta

    body = {
        "entry_id": entry["id"],
        "data_items": [i["name"] for i in entry["data_items"]][:2],
        "business": "户籍迁移业务办理",
        "users": "户政窗口工作人员",
        "share_mode": "interface",
        "reason": "办理户籍迁移需核验申请人身份（履行法定职责）",
        "end_date": (clock.today() + timedelta(days=200)).isoformat(),
    }
    body.update(overrides)
    return body


def submitted_request(
    server: LiveServer, entry: dict[str, Any], dept: str = "B", **overrides: Any
) -> dict[str, Any]:
    """A request of `dept`'s applicant for `entry`, created and submitted over HTTP; the
    platform's answer to the submission."""
    client = api(server, dept, Role.APPLICANT)
    created = client.create_request(request_body(entry, **overrides), key=new_idempotency_key())
    return client.request_action(created["id"], "submit")


def add_department(server: LiveServer, key: str = "C", name: str = "南通市税务局") -> None:
    """A fourth department (default 南通市税务局) with an applicant, made over HTTP by the
    platform's security admin; the applicant signs in as `server.username(key, APPLICANT)`."""
    admin = api(server, "P", Role.SECURITY_ADMIN)
    department = {"name": name, "credit_code": make_credit_code("11320600014160003")}
    dept = admin.request("POST", actions.departments_path(), json=department).json()
    username = f"{key.lower()}_{Role.APPLICANT.value}"
    user = {
        "username": username,
        "full_name": f"{name[3:]}{Role.APPLICANT.label_zh}",
        "password": PASSWORD,
        "department_id": dept["id"],
        "roles": [Role.APPLICANT.value],
    }
    admin.request("POST", "/api/v1/users", json=user)
    keep_password(server, username)
    server.users[(key, Role.APPLICANT)] = username


def keep_password(server: LiveServer, username: str) -> None:
    """A user created over the API must change the temporary password at the first sign-in
    (issue 11); the tests sign in with PASSWORD, so the flag is cleared in the database."""
    from sqlalchemy import update

    from govshare_platform.departments.models import User

    with server.session() as s:
        s.execute(update(User).where(User.username == username).values(must_change_password=False))
        s.commit()
