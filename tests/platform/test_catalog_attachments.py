"""Interface documents attached to entries (接口规范说明文档, 第十九条)."""

from __future__ import annotations

from sqlalchemy import select

from govshare_core.vocab import Role
from govshare_platform.audit.models import AuditEvent
from govshare_platform.catalog.attachments_api import MAX_BYTES
from tests.platform.catalog_helpers import API, act, create_entry
from tests.platform.conftest import World


def _upload(world: World, entry_id: int, data: bytes, dept: str = "A", name: str = "接口说明.pdf"):  # type: ignore[no-untyped-def]
    return world.client.post(
        f"{API}/entries/{entry_id}/attachments",
        params={"filename": name},
        content=data,
        headers=world.h(dept, Role.REGISTRAR, **{"Content-Type": "application/pdf"}),
    )


def test_attachment_round_trip(world: World) -> None:
    entry = create_entry(world)
    data = b"%PDF-1.7 interface spec \x00\x01"
    r = _upload(world, entry["id"], data)
    assert r.status_code == 201, r.text
    meta = r.json()
    assert meta["filename"] == "接口说明.pdf" and meta["size"] == len(data)
    assert meta["content_type"] == "application/pdf"
    listed = world.client.get(
        f"{API}/entries/{entry['id']}/attachments", headers=world.h("A", Role.CATALOG_REVIEWER)
    ).json()
    assert [a["id"] for a in listed] == [meta["id"]]
    got = world.client.get(f"{API}/attachments/{meta['id']}", headers=world.h("A", Role.APPLICANT))
    assert got.status_code == 200 and got.content == data
    assert got.headers["content-type"] == "application/pdf"
    hidden = world.client.get(
        f"{API}/attachments/{meta['id']}", headers=world.h("B", Role.APPLICANT)
    )
    assert hidden.status_code == 404
    assert _upload(world, entry["id"], b"x", dept="B").status_code == 404
    gone = world.client.delete(
        f"{API}/attachments/{meta['id']}", headers=world.h("A", Role.REGISTRAR)
    )
    assert gone.status_code == 204
    with world.session() as s:
        actions = s.scalars(
            select(AuditEvent.action).where(AuditEvent.action.like("catalog_attachment_%"))
        ).all()
    assert actions == ["catalog_attachment_add", "catalog_attachment_delete"]


def test_published_attachments_stay(world: World) -> None:
    entry = create_entry(world)
    meta = _upload(world, entry["id"], b"spec").json()
    act(world, entry["id"], "submit", "A", Role.REGISTRAR)
    act(world, entry["id"], "dept-approve", "A", Role.CATALOG_REVIEWER)
    act(world, entry["id"], "publish", "P", Role.PLATFORM_ADMIN)
    other = world.client.get(
        f"{API}/attachments/{meta['id']}", headers=world.h("B", Role.APPLICANT)
    )
    assert other.status_code == 200
    r = world.client.delete(f"{API}/attachments/{meta['id']}", headers=world.h("A", Role.REGISTRAR))
    assert r.status_code == 409


def test_oversized_attachment_is_413(world: World) -> None:
    entry = create_entry(world)
    r = _upload(world, entry["id"], b"\0" * (MAX_BYTES + 1))
    assert r.status_code == 413
    assert r.json()["code"] == "attachment_too_large"
    assert _upload(world, entry["id"], b"ok", name="../").status_code == 422
