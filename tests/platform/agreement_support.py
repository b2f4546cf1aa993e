"""Helpers for the agreement tests (no tests here): a conditional request awaiting its
agreement, filed resource admins, signers with keys made here and certificates from the
platform (POST /certificates), and signing with pyHanko."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec
from sqlalchemy import select

from govshare_core.agreements import SIGNATURE_FIELDS, SignTurn
from govshare_core.vocab import Role
from govshare_platform.agreements.models import Agreement
from govshare_platform.departments.models import ResourceAdminFiling
from govshare_platform.requests.models import ShareRequest
from tests.platform.agreement_pki import csr_pem, new_key, sign_pdf
from tests.platform.conftest import World
from tests.platform.requests_support import act, body, make_entry, ok


def file_admin(world: World, dept: str, user_id: int | None = None) -> int:
    """File (备案) a resource admin of `dept` (default: its resource admin user)."""
    user_id = user_id or world.uid(dept, Role.RESOURCE_ADMIN)
    with world.session() as s:
        for old in s.scalars(
            select(ResourceAdminFiling).where(
                ResourceAdminFiling.department_id == world.depts[dept]
            )
        ):
            old.active = False
        s.add(ResourceAdminFiling(department_id=world.depts[dept], user_id=user_id, phone="1"))
        s.commit()
    return user_id


def unfile(world: World, dept: str) -> None:
    """Withdraw every filing of `dept`: it has no resource admin on file."""
    with world.session() as s:
        for old in s.scalars(
            select(ResourceAdminFiling).where(
                ResourceAdminFiling.department_id == world.depts[dept]
            )
        ):
            old.active = False
        s.commit()


def awaiting(
    world: World, *, consumer: str = "B", provider: str = "A", file: bool = True
) -> tuple[int, int]:
    """A conditional request of `consumer` on `provider`'s entry, approved by the provider and
    the platform: (request id, agreement id). Both resource admins are on file (unless not
    `file`)."""
    if file:
        file_admin(world, provider)
        file_admin(world, consumer)
    else:  # the provider's admin must be on file to decide (第二十八条); the consumer's is not
        file_admin(world, provider)
        unfile(world, consumer)
    entry = make_entry(world, dept=provider)
    r = world.client.post(
        "/api/v1/requests", json=body(entry), headers=world.h(consumer, Role.APPLICANT)
    )
    assert r.status_code == 201, r.text
    rid = r.json()["id"]
    ok(act(world, rid, "submit", consumer, Role.APPLICANT))
    ok(act(world, rid, "provider-decision", provider, Role.RESOURCE_ADMIN, approve=True))
    ok(
        act(world, rid, "platform-decision", "P", Role.PLATFORM_ADMIN, approve=True),
        "awaiting_agreement",
    )
    with world.session() as s:
        agreement = s.scalar(select(Agreement).where(Agreement.request_id == rid))
        assert agreement is not None
        return rid, agreement.id


@dataclass
class Signer:
    user_id: int
    key: ec.EllipticCurvePrivateKey
    cert: x509.Certificate
    ca: x509.Certificate
    serial: str


def signer(world: World, user_id: int, role: Role = Role.RESOURCE_ADMIN) -> Signer:
    """A key made here and its certificate from the platform (POST /certificates)."""
    key = new_key()
    r = world.client.post(
        "/api/v1/certificates",
        json={"csr_pem": csr_pem(key), "role": role.value},
        headers={"Authorization": f"Bearer {world.token(user_id)}"},
    )
    assert r.status_code == 201, r.text
    out = r.json()
    return Signer(
        user_id,
        key,
        x509.load_pem_x509_certificate(out["certificate_pem"].encode()),
        x509.load_pem_x509_certificate(out["ca_pem"].encode()),
        out["serial"],
    )


def headers(world: World, user_id: int, **extra: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {world.token(user_id)}", **extra}


def pdf(world: World, agreement_id: int, user_id: int) -> bytes:
    r = world.client.get(f"/api/v1/agreements/{agreement_id}/pdf", headers=headers(world, user_id))
    assert r.status_code == 200, r.text
    return r.content


def detail(world: World, agreement_id: int, user_id: int) -> dict[str, Any]:
    r = world.client.get(f"/api/v1/agreements/{agreement_id}", headers=headers(world, user_id))
    assert r.status_code == 200, r.text
    return dict(r.json())


def signed(
    world: World, agreement_id: int, who: Signer, turn: SignTurn, *, stamp: str | None = None
) -> bytes:
    """The current revision signed by `who` in `turn`'s field."""
    current = pdf(world, agreement_id, world.uid("P", Role.PLATFORM_ADMIN))
    return sign_pdf(
        current, field=SIGNATURE_FIELDS[turn], key=who.key, cert=who.cert, ca=who.ca, stamp=stamp
    )


def upload(world: World, agreement_id: int, user_id: int, data: bytes, revision: int | str) -> Any:
    return world.client.post(
        f"/api/v1/agreements/{agreement_id}/signatures",
        content=data,
        headers=headers(
            world, user_id, **{"Content-Type": "application/pdf", "If-Match": f'W/"{revision}"'}
        ),
    )


def sign_turn(
    world: World, agreement_id: int, who: Signer, turn: SignTurn, *, stamp: str | None = None
) -> dict[str, Any]:
    """Sign and upload `turn`; asserts it was accepted."""
    revision = detail(world, agreement_id, who.user_id)["revision"]
    r = upload(
        world,
        agreement_id,
        who.user_id,
        signed(world, agreement_id, who, turn, stamp=stamp),
        revision,
    )
    assert r.status_code == 200, r.text
    return dict(r.json())


def snapshot(world: World, request_id: int, agreement_id: int) -> tuple[Any, ...]:
    """Everything a refused upload must leave as it was."""
    with world.session() as s:
        req = s.get(ShareRequest, request_id)
        ag = s.get(Agreement, agreement_id)
        assert req is not None and ag is not None
        return (
            req.status,
            req.version,
            ag.status,
            ag.revision,
            ag.sha256,
            ag.version,
            len(ag.signatures),
        )


def advance(
    world: World, agreement_id: int, to: SignTurn, *, consumer: str = "B", provider: str = "A"
) -> None:
    """Sign the department turns from the current one up to `to` (the filed admins, no stamp)."""
    for turn, dept in ((SignTurn.CONSUMER, consumer), (SignTurn.PROVIDER, provider)):
        if turn == to:
            return
        current = detail(world, agreement_id, world.uid("P", Role.PLATFORM_ADMIN))["turn"]
        if current == turn.value:
            who = signer(world, world.uid(dept, Role.RESOURCE_ADMIN))
            sign_turn(world, agreement_id, who, turn)


def platform_sign(world: World, agreement_id: int) -> dict[str, Any]:
    r = world.client.post(
        f"/api/v1/agreements/{agreement_id}/platform-signature",
        headers=world.h("P", Role.PLATFORM_ADMIN),
    )
    assert r.status_code == 200, r.text
    return dict(r.json())


def complete(world: World, request_id: int, consumer: str, provider: str) -> None:
    """Sign the request's open agreement three times (the request becomes active)."""
    file_admin(world, consumer)
    file_admin(world, provider)
    with world.session() as s:
        aid = s.scalar(
            select(Agreement.id).where(
                Agreement.request_id == request_id, Agreement.status == "awaiting_consumer"
            )
        )
    assert aid is not None
    advance(world, aid, SignTurn.PLATFORM, consumer=consumer, provider=provider)
    platform_sign(world, aid)


# --- the access matrix's objects (tests/platform/test_access_matrix.py) ------------------------

PLACED = {"consumer": ("A", "B"), "provider": ("B", "A"), "none": ("B", "C")}
"""Placement of the caller's department A: as consumer, as provider, or neither (B and C)."""


def matrix_agreement(turn: SignTurn, json: Any = None) -> Any:
    """Setup: an agreement awaiting `turn`, placed as the matrix says; `json` as the body."""

    def setup(world: World, placement: str) -> tuple[dict[str, Any], Any]:
        consumer, provider = PLACED[placement]
        _rid, aid = awaiting(world, consumer=consumer, provider=provider)
        advance(world, aid, turn, consumer=consumer, provider=provider)
        return {"agreement_id": aid}, json

    return setup


def matrix_upload(world: World, placement: str) -> tuple[dict[str, Any], Any]:
    """Setup: an agreement awaiting its consumer, and the draft signed by A's resource admin
    in the consumer's field (accepted only when A is the consumer)."""
    consumer, provider = PLACED[placement]
    _rid, aid = awaiting(world, consumer=consumer, provider=provider)
    a_admin = signer(world, world.uid("A", Role.RESOURCE_ADMIN))
    return {"agreement_id": aid}, signed(world, aid, a_admin, SignTurn.CONSUMER)
