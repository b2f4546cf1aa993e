"""Every way an upload is refused (第三十条): nothing changes, and the answer names why."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

import pytest
from cryptography import x509
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from govshare_core.agreements import SIGNATURE_FIELDS, SigningRefusal, SignTurn
from govshare_core.vocab import Role
from govshare_platform.db import utcnow
from govshare_platform.departments.models import User
from govshare_platform.pki import service as pki
from tests.platform.agreement_pki import ScratchCA, csr_pem, new_key, sign_pdf
from tests.platform.agreement_support import (
    Signer,
    awaiting,
    detail,
    headers,
    pdf,
    sign_turn,
    signed,
    signer,
    snapshot,
    upload,
)
from tests.platform.conftest import World


def refused(r: Any, status: int, why: SigningRefusal) -> None:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["code"] == why.value


@pytest.fixture
def started(world: World) -> tuple[int, int, Signer]:
    """An agreement awaiting the consumer, with the consumer's filed admin as a signer."""
    rid, aid = awaiting(world)
    return rid, aid, signer(world, world.uid("B", Role.RESOURCE_ADMIN))


def test_tampered_upload_is_refused(world: World, started: tuple[int, int, Signer]) -> None:
    rid, aid, consumer = started
    before = snapshot(world, rid, aid)
    data = bytearray(signed(world, aid, consumer, SignTurn.CONSUMER))
    marker = b"/M (D\\072"  # the signing time in the new signature dictionary: signed bytes
    at = data.rindex(marker) + len(marker) + 3
    data[at] = ord("1") if data[at] != ord("1") else ord("2")
    refused(
        upload(world, aid, consumer.user_id, bytes(data), 0), 422, SigningRefusal.SIGNATURE_INVALID
    )
    assert snapshot(world, rid, aid) == before


def test_foreign_ca_certificate_is_untrusted(
    world: World, started: tuple[int, int, Signer]
) -> None:
    rid, aid, consumer = started
    before = snapshot(world, rid, aid)
    foreign = ScratchCA.make()
    key = new_key()
    data = sign_pdf(
        pdf(world, aid, consumer.user_id),
        field=SIGNATURE_FIELDS[SignTurn.CONSUMER],
        key=key,
        cert=foreign.issue(key, "冒名者"),
        ca=foreign.cert,
        stamp=None,
    )
    refused(upload(world, aid, consumer.user_id, data, 0), 422, SigningRefusal.CERT_UNTRUSTED)
    assert snapshot(world, rid, aid) == before


def test_revoked_certificate_is_refused(world: World, started: tuple[int, int, Signer]) -> None:
    rid, aid, consumer = started
    r = world.client.post(
        f"/api/v1/certificates/{consumer.serial}/revoke",
        json={"reason": "密钥遗失，申请吊销"},
        headers=headers(world, consumer.user_id),
    )
    assert r.status_code == 200, r.text
    before = snapshot(world, rid, aid)
    data = signed(world, aid, consumer, SignTurn.CONSUMER)
    refused(upload(world, aid, consumer.user_id, data, 0), 422, SigningRefusal.CERT_REVOKED)
    assert snapshot(world, rid, aid) == before


def test_expired_certificate_is_refused(world: World, started: tuple[int, int, Signer]) -> None:
    rid, aid, consumer = started
    key = new_key()
    with world.session() as s:
        user = s.get(User, consumer.user_id)
        assert user is not None
        record = pki.issue(
            s,
            world.app.state.ca,
            csr_pem=csr_pem(key),
            user=user,
            role=Role.RESOURCE_ADMIN,
            now=utcnow() - timedelta(days=3),
            validity=timedelta(days=1),
        )
        s.commit()
        cert = x509.load_pem_x509_certificate(record.certificate_pem.encode())
    before = snapshot(world, rid, aid)
    data = sign_pdf(
        pdf(world, aid, consumer.user_id),
        field=SIGNATURE_FIELDS[SignTurn.CONSUMER],
        key=key,
        cert=cert,
        ca=consumer.ca,
        stamp=None,
    )
    refused(upload(world, aid, consumer.user_id, data, 0), 422, SigningRefusal.CERT_EXPIRED)
    assert snapshot(world, rid, aid) == before


def test_signature_in_another_field_is_refused(
    world: World, started: tuple[int, int, Signer]
) -> None:
    rid, aid, consumer = started
    before = snapshot(world, rid, aid)
    data = signed(world, aid, consumer, SignTurn.PROVIDER)
    refused(upload(world, aid, consumer.user_id, data, 0), 422, SigningRefusal.WRONG_FIELD)
    assert snapshot(world, rid, aid) == before


def test_changed_page_content_is_refused(world: World, started: tuple[int, int, Signer]) -> None:
    rid, aid, consumer = started
    before = snapshot(world, rid, aid)
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf(world, aid, consumer.user_id)))
    extra = generic.StreamObject(stream_data=b"BT /F1 24 Tf 100 100 Td (VOID) Tj ET")
    writer.add_stream_to_page(0, writer.add_object(extra))
    out = io.BytesIO()
    writer.write(out)
    data = sign_pdf(
        out.getvalue(),
        field=SIGNATURE_FIELDS[SignTurn.CONSUMER],
        key=consumer.key,
        cert=consumer.cert,
        ca=consumer.ca,
        stamp=None,
    )
    refused(upload(world, aid, consumer.user_id, data, 0), 422, SigningRefusal.MODIFIED)
    assert snapshot(world, rid, aid) == before


def test_replayed_old_revision_is_stale(world: World, started: tuple[int, int, Signer]) -> None:
    rid, aid, consumer = started
    draft = pdf(world, aid, consumer.user_id)
    sign_turn(world, aid, consumer, SignTurn.CONSUMER)
    provider = signer(world, world.uid("A", Role.RESOURCE_ADMIN))
    before = snapshot(world, rid, aid)
    on_draft = sign_pdf(
        draft,
        field=SIGNATURE_FIELDS[SignTurn.PROVIDER],
        key=provider.key,
        cert=provider.cert,
        ca=provider.ca,
        stamp=None,
    )
    # naming the old revision, and claiming the current one
    refused(upload(world, aid, provider.user_id, on_draft, 0), 412, SigningRefusal.STALE_REVISION)
    refused(upload(world, aid, provider.user_id, on_draft, 1), 412, SigningRefusal.STALE_REVISION)
    # the current revision, sent back unsigned
    again = pdf(world, aid, provider.user_id)
    refused(upload(world, aid, provider.user_id, again, 1), 422, SigningRefusal.NO_NEW_SIGNATURE)
    assert snapshot(world, rid, aid) == before


def test_wrong_person_cannot_sign(world: World, started: tuple[int, int, Signer]) -> None:
    rid, aid, consumer = started
    sign_turn(world, aid, consumer, SignTurn.CONSUMER)
    before = snapshot(world, rid, aid)
    # the provider's second resource admin, not on file
    other = world.add_user("A", Role.RESOURCE_ADMIN, username="a_resource_admin_2")
    unfiled = signer(world, other)
    data = signed(world, aid, unfiled, SignTurn.PROVIDER)
    refused(upload(world, aid, other, data, 1), 403, SigningRefusal.WRONG_SIGNER)
    # the filed admin uploading what the unfiled one signed
    filed = world.uid("A", Role.RESOURCE_ADMIN)
    refused(upload(world, aid, filed, data, 1), 403, SigningRefusal.WRONG_SIGNER)
    # the consumer's admin on the provider's turn
    data = signed(world, aid, consumer, SignTurn.PROVIDER)
    refused(upload(world, aid, consumer.user_id, data, 1), 403, SigningRefusal.NOT_YOUR_TURN)
    assert snapshot(world, rid, aid) == before


def test_not_a_pdf_and_wrong_media_type(world: World, started: tuple[int, int, Signer]) -> None:
    rid, aid, consumer = started
    before = snapshot(world, rid, aid)
    refused(upload(world, aid, consumer.user_id, b"hello", 0), 422, SigningRefusal.NOT_A_PDF)
    r = world.client.post(
        f"/api/v1/agreements/{aid}/signatures",
        content=b"%PDF-1.7",
        headers=headers(world, consumer.user_id, **{"If-Match": 'W/"0"'}),
    )
    assert r.status_code == 415
    r = world.client.post(
        f"/api/v1/agreements/{aid}/signatures",
        content=pdf(world, aid, consumer.user_id),
        headers=headers(world, consumer.user_id, **{"Content-Type": "application/pdf"}),
    )
    assert r.status_code == 428
    refused(
        upload(world, aid, consumer.user_id, pdf(world, aid, consumer.user_id), 0),
        422,
        SigningRefusal.NO_NEW_SIGNATURE,
    )
    assert snapshot(world, rid, aid) == before


def test_department_without_filed_admin_cannot_sign(world: World) -> None:
    _rid, aid = awaiting(world, file=False)
    admin = world.uid("B", Role.RESOURCE_ADMIN)
    assert detail(world, aid, admin)["actions"] == []
    r = upload(world, aid, admin, pdf(world, aid, admin), 0)
    refused(r, 409, SigningRefusal.NO_FILED_SIGNER)


def test_decline_returns_the_request_with_the_reason(
    world: World, started: tuple[int, int, Signer]
) -> None:
    rid, aid, consumer = started
    sign_turn(world, aid, consumer, SignTurn.CONSUMER)
    provider = world.uid("A", Role.RESOURCE_ADMIN)
    reason = "保密条款需补充数据销毁要求"
    r = world.client.post(
        f"/api/v1/agreements/{aid}/decline",
        json={"reason": reason},
        headers=headers(world, provider),
    )
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "declined" and r.json()["declined_reason"] == reason
    req = world.client.get(f"/api/v1/requests/{rid}", headers=world.h("B", Role.APPLICANT)).json()
    assert req["status"] == "provider_approved"
    assert req["events"][-1]["action"] == "agreement_declined"
    assert req["events"][-1]["comment"] == reason
    # the platform approves again: a new agreement, drafted afresh
    r = world.client.post(
        f"/api/v1/requests/{rid}/platform-decision",
        json={"approve": True},
        headers=world.h("P", Role.PLATFORM_ADMIN),
    )
    assert r.status_code == 200, r.text
    listed = world.client.get(
        f"/api/v1/agreements?request_id={rid}", headers=world.h("P", Role.PLATFORM_ADMIN)
    ).json()
    assert [a["status"] for a in listed["items"]] == ["awaiting_consumer", "declined"]


def test_withdraw_cancels_the_open_agreement(
    world: World, started: tuple[int, int, Signer]
) -> None:
    rid, aid, _consumer = started
    r = world.client.post(f"/api/v1/requests/{rid}/withdraw", headers=world.h("B", Role.APPLICANT))
    assert r.status_code == 200, r.text
    out = detail(world, aid, world.uid("P", Role.PLATFORM_ADMIN))
    assert out["status"] == "cancelled" and out["actions"] == [] and out["due"] is None
