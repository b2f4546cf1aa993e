"""Access matrix: every endpoint × every role × own / other department's object (第三十三条).

Callers with department roles belong to department A; platform roles belong to the platform
department P. Each object is owned by A ("own") or by B ("other"); the refused roles share one,
each call after a success gets a fresh one (matrix_support.wrong_calls);
share requests are placed with A as consumer, A as provider, or between B and C ("none").
An allowed call must succeed (2xx); any other must be refused with 403 or 404 — whatever the
object's state, so permission is always checked before state.

A test also checks that this table covers every route of the app, so a new endpoint cannot
escape it.
"""

from __future__ import annotations

import itertools
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from govshare_core.agreements import SignTurn
from govshare_core.creditcode import make_credit_code
from govshare_core.vocab import Role
from govshare_core.workdays import confirmation_refusal
from govshare_platform import clock
from govshare_platform.departments.models import Department, ResourceAdminFiling
from tests.platform.agreement_support import complete as complete_agreement
from tests.platform.agreement_support import matrix_agreement, matrix_upload
from tests.platform.audit_support import keyed_settings
from tests.platform.catalog_helpers import act, create_entry, entry_payload, publish_entry
from tests.platform.conftest import DEPT_ROLES, PASSWORD, PLATFORM_ROLES, World
from tests.platform.matrix_support import wrong_calls
from tests.platform.pki_support import make_csr, request_certificate
from tests.platform.test_access import PUBLIC, api_routes
from tests.platform.test_workday_years import _enter_notice

R, V, AP, RA = Role.REGISTRAR, Role.CATALOG_REVIEWER, Role.APPLICANT, Role.RESOURCE_ADMIN
PA, SU, SE, AU = Role.PLATFORM_ADMIN, Role.SUPERVISOR, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN
DEPT = frozenset(DEPT_ROLES)
ALL = frozenset(Role)
NONE: frozenset[Role] = frozenset()
_counter = itertools.count(1)

Call = tuple[dict[str, Any], Any]  # (path parameters, JSON body)
Setup = Callable[[World, str], Call]


@dataclass(frozen=True)
class Target:
    method: str
    path: str
    setup: Setup
    allowed: dict[str, frozenset[Role]] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)


def caller_dept(role: Role) -> str:
    return "P" if role in PLATFORM_ROLES else "A"


# --- object builders -------------------------------------------------------------------------


def _certificate(world: World, placement: str) -> Call:
    """A certificate of department A's ("own") or B's ("other") resource admin."""
    r = request_certificate(world, "A" if placement == "own" else "B", RA)
    assert r.status_code == 201, r.text
    return {"serial": r.json()["serial"]}, REASON


def _no_object(body: Any = None) -> Setup:
    return lambda world, placement: ({}, body() if callable(body) else body)


def _entry(state: str, body: Any = None) -> Setup:
    def setup(world: World, placement: str) -> Call:
        dept = "A" if placement == "own" else "B"
        entry = publish_entry(world, dept) if state == "published" else create_entry(world, dept)
        steps = {"draft": [], "submitted": ["submit"], "dept_approved": ["submit", "dept-approve"]}
        roles = {"submit": R, "dept-approve": V}
        for step in steps.get(state, []):
            act(world, entry["id"], step, dept, roles[step])
        return {"entry_id": entry["id"]}, body

    return setup


def _attachment(world: World, placement: str) -> Call:
    params, _ = _entry("draft")(world, placement)
    dept = "A" if placement == "own" else "B"
    r = world.client.post(
        f"/api/v1/catalog/entries/{params['entry_id']}/attachments?filename=api.pdf",
        content=b"%PDF-1.4 test",
        headers=world.h(dept, R, **{"Content-Type": "application/pdf"}),
    )
    assert r.status_code == 201, r.text
    return {"attachment_id": r.json()["id"]}, None


def _change_report(body: Any = None) -> Setup:
    def setup(world: World, placement: str) -> Call:
        params, _ = _entry("published")(world, placement)
        dept = "A" if placement == "own" else "B"
        r = world.client.post(
            f"/api/v1/catalog/entries/{params['entry_id']}/change-reports",
            json=_change_body(),
            headers=world.h(dept, R),
        )
        assert r.status_code == 201, r.text
        return {"report_id": r.json()["id"]}, body

    return setup


def _change_body() -> dict[str, Any]:
    return {
        "effective_date": (clock.today() - timedelta(days=3)).isoformat(),
        "description": "更新周期调整为每周",
        "changes": {"update_cycle": "weekly"},
    }


PLACES = {"consumer": ("A", "B"), "provider": ("B", "A"), "none": ("B", "C")}


def _request_body(entry_id: int) -> dict[str, Any]:
    return {
        "entry_id": entry_id,
        "data_items": ["姓名"],
        "business": "居民身份核验",
        "users": "窗口受理人员",
        "share_mode": "interface",
        "reason": "办理户籍业务需要核验身份",
        "end_date": (clock.today() + timedelta(days=180)).isoformat(),
    }


REQUEST_STEPS: dict[str, list[tuple[str, str, Role, dict[str, Any] | None]]] = {
    "draft": [],
    "submitted": [("submit", "consumer", AP, None)],
    "provider_approved": [
        ("submit", "consumer", AP, None),
        ("provider-decision", "provider", RA, {"approve": True}),
    ],
    "provider_rejected": [
        ("submit", "consumer", AP, None),
        (
            "provider-decision",
            "provider",
            RA,
            {"approve": False, "ground": "not_duty_related", "comment": "无关"},
        ),
    ],
}
REQUEST_STEPS["awaiting_agreement"] = [
    *REQUEST_STEPS["provider_approved"],
    ("platform-decision", "P", PA, {"approve": True}),
]
REQUEST_STEPS["active"] = [
    *REQUEST_STEPS["awaiting_agreement"],
    ("sign-agreement", "P", PA, None),  # the three signatures (第三十条), see make_request
]
REQUEST_STEPS["disputed"] = [
    *REQUEST_STEPS["provider_rejected"],
    ("dispute", "consumer", AP, {"reason": "属于法定职责"}),
]


def make_request(world: World, placement: str, state: str, **entry_fields: Any) -> int:
    consumer, provider = PLACES[placement]
    entry = publish_entry(world, provider, **entry_fields)
    r = world.client.post(
        "/api/v1/requests", json=_request_body(entry["id"]), headers=world.h(consumer, AP)
    )
    assert r.status_code == 201, r.text
    rid = r.json()["id"]
    for action, who, role, body in REQUEST_STEPS[state]:
        dept = {"consumer": consumer, "provider": provider}.get(who, who)
        if action == "sign-agreement":
            complete_agreement(world, rid, consumer, provider)
            continue
        resp = world.client.post(
            f"/api/v1/requests/{rid}/{action}", json=body, headers=world.h(dept, role)
        )
        assert resp.status_code == 200, (action, resp.text)
    return int(rid)


def _request(state: str, body: Any = None) -> Setup:
    return lambda world, placement: ({"request_id": make_request(world, placement, state)}, body)


def _draft_with_body(world: World, placement: str) -> Call:
    rid = make_request(world, placement, "draft")
    consumer = PLACES[placement][0]
    r = world.client.get(f"/api/v1/requests/{rid}", headers=world.h(consumer, AP))
    body = _request_body(r.json()["entry_id"])
    body["reason"] = "办理户籍迁移业务需要核验身份信息"
    return {"request_id": rid}, body


def _grant(body: Any = None) -> Setup:
    def setup(world: World, placement: str) -> Call:
        # an unconditional share is granted on submission (第二十五条): the same grant as a
        # conditional one's after its agreement, without three signatures per call
        unconditional = {"share_type": "unconditional", "share_conditions": None}
        rid = make_request(world, placement, "submitted", **unconditional)
        r = world.client.get(f"/api/v1/requests/{rid}", headers=world.h("P", PA))
        assert r.json()["status"] == "active", r.text
        grants = world.client.get("/api/v1/grants", headers=world.h("P", PA)).json()["items"]
        (grant,) = [g for g in grants if g["request_id"] == rid]
        assert r.status_code == 200
        return {"grant_id": grant["id"]}, body

    return setup


def _user_in_a(world: World, placement: str) -> Call:
    return {"user_id": world.uid("A", R)}, {"full_name": f"改名{next(_counter)}"}


def _reset_body(world: World, placement: str) -> Call:
    return {"user_id": world.uid("A", R)}, {"new_password": f"Temp-Passw0rd-{next(_counter)}"}


def _dept_b_rename(world: World, placement: str) -> Call:
    return {"department_id": world.depts["B"]}, {"short_name": f"民政{next(_counter)}"}


def _active_filing(world: World, placement: str) -> Call:
    """A fresh active 备案 filing of department A's resource admin (withdrawn once)."""
    from govshare_platform.departments.models import ResourceAdminFiling

    with world.session() as s:
        filing = ResourceAdminFiling(
            department_id=world.depts["A"], user_id=world.uid("A", RA), phone="0513-1"
        )
        s.add(filing)
        s.commit()
        return {"department_id": world.depts["A"], "filing_id": filing.id}, None


def _dept_a(body: Any = None) -> Setup:
    def setup(world: World, placement: str) -> Call:
        payload = body(world) if callable(body) else body
        return {"department_id": world.depts["A"]}, payload

    return setup


def _override_day(working: bool | None) -> Setup:
    def setup(world: World, placement: str) -> Call:
        day = "2027-02-06"
        body = None if working is None else {"day": day, "working": working, "note": "调休"}
        return {"day": day}, body

    return setup


def _workday_year(body: Any = None) -> Setup:
    """A year whose schedule can be confirmed today (govshare_core.workdays.confirmation_refusal:
    one without official data, last year to next year)."""

    def setup(world: World, placement: str) -> Call:
        today = clock.today()
        years = (today.year + 1, today.year, today.year - 1)
        year = next((y for y in years if confirmation_refusal(y, today, 1) is None), None)
        assert year is not None, f"no confirmable year around {today}: chinesecalendar has them all"
        _enter_notice(world, year)  # a confirmation needs one day of its notice entered
        return {"year": year}, body

    return setup


def _new_department() -> dict[str, Any]:
    n = next(_counter)
    return {"name": f"南通市测试局{n}", "credit_code": make_credit_code(f"113206000999{n:05d}")}


def _new_user(world: World) -> dict[str, Any]:
    return {
        "username": f"newuser{next(_counter)}",
        "full_name": "新用户",
        "password": "Sufficiently-L0ng",
        "department_id": world.depts["A"],
        "roles": ["applicant"],
    }


def _filing(world: World) -> dict[str, Any]:
    return {"user_id": world.uid("A", RA), "phone": "0513-85000000"}


def _new_request(world: World, placement: str) -> Call:
    entry = publish_entry(world, "B")
    return {}, _request_body(entry["id"])


def _password_change() -> dict[str, str]:
    return {"current_password": PASSWORD, "new_password": "Neues-Passw0rt#26"}


def _audit_keyed(world: World, placement: str) -> Call:
    """No object; the platform given an audit key (a checkpoint and a bundle need one)."""
    settings = world.app.state.settings
    if settings.audit_key_file is None:
        directory = Path(tempfile.mkdtemp(prefix="govshare-matrix-audit-"))
        world.app.state.settings = keyed_settings(settings.database_url, directory)
    return {}, None


def _import_rows(world: World, placement: str) -> Call:
    """A workbook import (issue 12) editing a draft of A ("own") or of B ("other")."""
    entry = create_entry(world, "A" if placement == "own" else "B")
    change = entry_payload(summary="导入修改后的摘要内容，用于核验。")
    return {}, {"rows": [{"row": 2, "key": "1", "entry_id": entry["id"], "entry": change}]}


# --- the matrix ------------------------------------------------------------------------------

GLOBAL = "global"
ENTRY_VIS = {"own": DEPT | {PA, SU}, "other": frozenset({PA, SU})}
OWN_REGISTRAR = {"own": frozenset({R}), "other": NONE}
PLATFORM_ONLY = {"own": frozenset({PA}), "other": frozenset({PA})}
PARTY_VIS = {"consumer": DEPT | {PA}, "provider": DEPT | {PA}, "none": frozenset({PA})}
CONSUMER_APPLICANT = {"consumer": frozenset({AP}), "provider": NONE, "none": NONE}
REQ_PLATFORM = {p: frozenset({PA}) for p in PLACES}
REASON = {"reason": "材料不完整，请补充"}

E = "/api/v1/catalog/entries/{entry_id}"
Q = "/api/v1/requests/{request_id}"
AG = "/api/v1/agreements/{agreement_id}"
CONSUMER_RA = {"consumer": frozenset({RA}), "provider": NONE, "none": NONE}
CONSUMER, PLATFORM = SignTurn.CONSUMER, SignTurn.PLATFORM
TARGETS = [
    Target("GET", "/api/v1/me", _no_object(), {GLOBAL: ALL}),
    Target("POST", "/api/v1/auth/logout", _no_object(), {GLOBAL: ALL}),
    Target("POST", "/api/v1/auth/password", _no_object(_password_change), {GLOBAL: ALL}),
    Target("GET", "/api/v1/security/password-policy", _no_object(), {GLOBAL: ALL}),
    Target(
        "PATCH",
        "/api/v1/security/password-policy",
        _no_object({"max_age_days": 120}),
        {GLOBAL: frozenset({SE})},
        {"If-Match": "*"},
    ),
    Target("GET", "/api/v1/departments", _no_object(), {GLOBAL: ALL}),
    Target("POST", "/api/v1/departments", _no_object(_new_department), {GLOBAL: frozenset({SE})}),
    Target("GET", "/api/v1/departments/{department_id}", _dept_a(), {GLOBAL: ALL}),
    Target("GET", "/api/v1/departments/{department_id}/resource-admins", _dept_a(), {GLOBAL: ALL}),
    Target(
        "POST",
        "/api/v1/departments/{department_id}/resource-admins",
        _dept_a(_filing),
        {GLOBAL: frozenset({SE})},
    ),
    Target("GET", "/api/v1/users", _no_object(), {GLOBAL: frozenset({SE})}),
    Target("POST", "/api/v1/users", lambda w, p: ({}, _new_user(w)), {GLOBAL: frozenset({SE})}),
    Target("GET", "/api/v1/users/{user_id}", _user_in_a, {GLOBAL: frozenset({SE})}),
    Target(
        "PATCH", "/api/v1/users/{user_id}", _user_in_a, {GLOBAL: frozenset({SE})}, {"If-Match": "*"}
    ),
    Target(
        "POST",
        "/api/v1/users/{user_id}/unlock",
        _user_in_a,
        {GLOBAL: frozenset({SE})},
        {"If-Match": "*"},
    ),
    Target(
        "POST",
        "/api/v1/users/{user_id}/reset-password",
        _reset_body,
        {GLOBAL: frozenset({SE})},
        {"If-Match": "*"},
    ),
    Target(
        "PATCH",
        "/api/v1/departments/{department_id}",
        _dept_b_rename,
        {GLOBAL: frozenset({SE})},
        {"If-Match": "*"},
    ),
    Target(
        "POST",
        "/api/v1/departments/{department_id}/resource-admins/{filing_id}/withdraw",
        _active_filing,
        {GLOBAL: frozenset({SE})},
    ),
    Target("GET", "/api/v1/audit/events", _no_object(), {GLOBAL: frozenset({AU})}),
    Target("GET", "/api/v1/audit/verify", _no_object(), {GLOBAL: frozenset({AU})}),
    Target("GET", "/api/v1/audit/checkpoints", _no_object(), {GLOBAL: frozenset({AU})}),
    Target("POST", "/api/v1/audit/checkpoints", _audit_keyed, {GLOBAL: frozenset({AU})}),
    Target("GET", "/api/v1/audit/export?format=bundle", _audit_keyed, {GLOBAL: frozenset({AU})}),
    Target("GET", "/api/v1/policy", _no_object(), {GLOBAL: ALL}),
    Target(
        "PATCH",
        "/api/v1/policy",
        _no_object({"review_working_days": 5}),
        {GLOBAL: frozenset({PA})},
        {"If-Match": "*"},
    ),
    Target("GET", "/api/v1/workdays/overrides", _no_object(), {GLOBAL: ALL}),
    Target(
        "PUT", "/api/v1/workdays/overrides/{day}", _override_day(True), {GLOBAL: frozenset({PA})}
    ),
    Target(
        "DELETE", "/api/v1/workdays/overrides/{day}", _override_day(None), {GLOBAL: frozenset({PA})}
    ),
    Target("GET", "/api/v1/workdays/deadline?received=2026-09-29", _no_object(), {GLOBAL: ALL}),
    Target("GET", "/api/v1/workdays/years", _no_object(), {GLOBAL: ALL}),
    Target("GET", "/api/v1/workdays/years/{year}", _workday_year(), {GLOBAL: ALL}),
    Target(
        "PUT",
        "/api/v1/workdays/years/{year}/confirmation",
        _workday_year({"note": "国办发明电"}),
        {GLOBAL: frozenset({PA})},
    ),
    Target(
        "DELETE",
        "/api/v1/workdays/years/{year}/confirmation",
        _workday_year(),
        {GLOBAL: frozenset({PA})},
    ),
    # catalog
    Target("GET", "/api/v1/catalog/entries", _no_object(), {GLOBAL: ALL}),
    Target("POST", "/api/v1/catalog/entries", _no_object(entry_payload), {GLOBAL: frozenset({R})}),
    Target("GET", "/api/v1/catalog/export", _no_object(), {GLOBAL: ALL}),
    Target(
        "POST",
        "/api/v1/catalog/imports/preview",
        _import_rows,
        {"own": frozenset({R}), "other": frozenset({R})},
    ),
    Target("POST", "/api/v1/catalog/imports", _import_rows, OWN_REGISTRAR),
    Target("GET", E, _entry("draft"), ENTRY_VIS),
    Target(
        "PUT",
        E,
        _entry("draft", entry_payload(name="常住人口基本信息（修订）")),
        OWN_REGISTRAR,
        {"If-Match": "*"},
    ),
    Target("DELETE", E, _entry("draft"), OWN_REGISTRAR),
    Target("GET", E + "/snapshots", _entry("draft"), ENTRY_VIS),
    Target("GET", E + "/diff", _entry("draft"), ENTRY_VIS),
    Target("POST", E + "/submit", _entry("draft"), OWN_REGISTRAR),
    Target("POST", E + "/recall", _entry("submitted"), OWN_REGISTRAR),
    Target(
        "POST", E + "/dept-approve", _entry("submitted"), {"own": frozenset({V}), "other": NONE}
    ),
    Target(
        "POST",
        E + "/dept-return",
        _entry("submitted", REASON),
        {"own": frozenset({V}), "other": NONE},
    ),
    Target("POST", E + "/publish", _entry("dept_approved"), PLATFORM_ONLY),
    Target("POST", E + "/platform-return", _entry("dept_approved", REASON), PLATFORM_ONLY),
    Target("POST", E + "/withdraw", _entry("published", REASON), PLATFORM_ONLY),
    Target("GET", E + "/attachments", _entry("draft"), ENTRY_VIS),
    Target("POST", E + "/attachments?filename=doc.pdf", _entry("draft"), OWN_REGISTRAR),
    Target("GET", "/api/v1/catalog/attachments/{attachment_id}", _attachment, ENTRY_VIS),
    Target("DELETE", "/api/v1/catalog/attachments/{attachment_id}", _attachment, OWN_REGISTRAR),
    Target("POST", E + "/change-reports", _entry("published", None), OWN_REGISTRAR),
    Target("GET", "/api/v1/catalog/change-reports", _no_object(), {GLOBAL: ALL}),
    Target(
        "POST", "/api/v1/catalog/change-reports/{report_id}/apply", _change_report(), PLATFORM_ONLY
    ),
    Target(
        "POST",
        "/api/v1/catalog/change-reports/{report_id}/reject",
        _change_report(REASON),
        PLATFORM_ONLY,
    ),
    Target("GET", "/api/v1/catalog/share-catalog?q=人口", _no_object(), {GLOBAL: ALL}),
    Target("GET", "/api/v1/catalog/share-catalog/facets?q=人口", _no_object(), {GLOBAL: ALL}),
    Target("GET", "/api/v1/catalog/source-hints?item=姓名", _no_object(), {GLOBAL: ALL}),
    # share requests, grants, inbox
    Target("GET", "/api/v1/requests", _no_object(), {GLOBAL: ALL}),
    Target("POST", "/api/v1/requests", _new_request, {GLOBAL: frozenset({AP})}),
    Target("POST", "/api/v1/requests/escalate-overdue", _no_object(), {GLOBAL: frozenset({PA})}),
    Target("GET", Q, _request("submitted"), PARTY_VIS),
    Target("PUT", Q, _draft_with_body, CONSUMER_APPLICANT, {"If-Match": "*"}),
    Target("POST", Q + "/submit", _request("draft"), CONSUMER_APPLICANT),
    Target("POST", Q + "/withdraw", _request("submitted"), CONSUMER_APPLICANT),
    Target(
        "POST",
        Q + "/provider-decision",
        _request("submitted", {"approve": True}),
        {"consumer": NONE, "provider": frozenset({RA}), "none": NONE},
    ),
    Target(
        "POST",
        Q + "/platform-decision",
        _request("provider_approved", {"approve": True}),
        REQ_PLATFORM,
    ),
    Target(
        "POST",
        Q + "/dispute",
        _request("provider_rejected", {"reason": "属于法定职责范围"}),
        CONSUMER_APPLICANT,
    ),
    Target(
        "POST",
        Q + "/mediate",
        _request("disputed", {"overturn": True, "comment": "依法应予共享"}),
        REQ_PLATFORM,
    ),
    Target("GET", "/api/v1/grants", _no_object(), {GLOBAL: ALL}),
    Target("POST", "/api/v1/grants/expire", _no_object(), {GLOBAL: frozenset({PA})}),
    Target("GET", "/api/v1/grants/{grant_id}", _grant(), PARTY_VIS),
    Target(
        "POST",
        "/api/v1/grants/{grant_id}/revoke",
        _grant({"reason": "业务已终止"}),
        {"consumer": frozenset({PA}), "provider": frozenset({RA, PA}), "none": frozenset({PA})},
    ),
    Target("GET", "/api/v1/inbox", _no_object(), {GLOBAL: ALL}),
    # 第三十条: the three parties see the agreement; each signs or declines on its turn only
    Target("GET", "/api/v1/agreements", _no_object(), {GLOBAL: ALL}),
    Target("GET", AG, matrix_agreement(CONSUMER), PARTY_VIS),
    Target("GET", AG + "/pdf", matrix_agreement(CONSUMER), PARTY_VIS),
    Target("POST", AG + "/signatures", matrix_upload, CONSUMER_RA, {"If-Match": 'W/"0"'}),
    Target("POST", AG + "/decline", matrix_agreement(CONSUMER, REASON), CONSUMER_RA),
    Target("POST", AG + "/platform-signature", matrix_agreement(PLATFORM), REQ_PLATFORM),
    Target("GET", "/api/v1/agreement-templates", _no_object(), {GLOBAL: frozenset({PA})}),
    # signer certificates: for oneself, in a signer role one holds; revoked by the owner or the
    # security admin (三员分立: credentials are the security admin's)
    Target("GET", "/api/v1/certificates", _no_object(), {GLOBAL: ALL}),
    Target(
        "POST",
        "/api/v1/certificates",
        _no_object(lambda: {"csr_pem": make_csr()[1], "role": RA.value}),
        {GLOBAL: frozenset({RA})},
    ),
    Target(
        "POST",
        "/api/v1/certificates/{serial}/revoke",
        _certificate,
        {"own": frozenset({RA, SE}), "other": frozenset({SE})},
    ),
    Target("GET", "/api/v1/agreement-templates/current", _no_object(), {GLOBAL: frozenset({PA})}),
    Target(
        "POST",
        "/api/v1/agreement-templates",
        _no_object(
            {"title": "数据保密协议（修订）", "body": "甲方{consumer_name}承诺依法使用共享数据。"}
        ),
        {GLOBAL: frozenset({PA})},
    ),
]


def _body_for(target: Target, world: World, placement: str) -> Call:
    params, body = target.setup(world, placement)
    if target.path.endswith("/change-reports") and target.method == "POST":
        body = _change_body()
    if "/attachments?" in target.path:
        body = b"%PDF-1.4 interface document"
    return params, body


def _call(world: World, target: Target, role: Role, made: Call) -> int:
    params, body = made
    url = target.path.format(**params)
    headers = world.h(caller_dept(role), role, **target.headers)
    if isinstance(body, bytes):
        headers["Content-Type"] = "application/pdf"
        r = world.client.request(target.method, url, content=body, headers=headers)
    else:
        r = world.client.request(target.method, url, json=body, headers=headers)
    if target.path == "/api/v1/auth/logout":
        world._tokens.pop(world.uid(caller_dept(role), role), None)  # that token is gone now
    if r.status_code >= 500:
        pytest.fail(f"{target.method} {url} as {role}: {r.status_code} {r.text}")
    return r.status_code


@pytest.fixture
def mworld(world: World) -> World:
    """The world plus a third department C, so requests can exist without A taking part."""
    with world.session() as s:
        dept = Department(name="南通市教育局", credit_code=make_credit_code("11320600014160003"))
        s.add(dept)
        s.commit()
        world.depts["C"] = dept.id
    for role in DEPT_ROLES:
        world.users[("C", role)] = world.add_user("C", role)
    with world.session() as s:  # C's resource admin on file (备案, 第二十八条), as A's and B's
        s.add(
            ResourceAdminFiling(
                department_id=world.depts["C"], user_id=world.users[("C", RA)], phone="1"
            )
        )
        s.commit()
    return world


@pytest.mark.parametrize("target", TARGETS, ids=lambda t: f"{t.method} {t.path}")
def test_access(mworld: World, target: Target) -> None:
    wrong = wrong_calls(
        target.method,
        target.allowed,
        lambda placement: _body_for(target, mworld, placement),
        lambda role, made: _call(mworld, target, role, made),
    )
    assert not wrong, f"{target.method} {target.path}: " + "; ".join(wrong)


def test_matrix_covers_every_route(world: World) -> None:
    covered = {(t.method, t.path.split("?")[0]) for t in TARGETS}
    # the exchange and usage domains keep their own matrices, each with this same coverage check
    # (test_exchange_matrix.py, test_usage_matrix.py, test_rectification_matrix.py,
    # test_assessment_matrix.py)
    own_matrix = (
        "/api/v1/exchange/",
        "/api/v1/usage/",
        "/api/v1/rectifications",
        "/api/v1/assessment/",
    )
    missing = [
        r
        for r in api_routes(world)
        if r not in covered and r not in PUBLIC and not r[1].startswith(own_matrix)
    ]
    assert not missing, f"routes without access-matrix rows: {missing}"
