"""Helpers for the agreement screen tests (no tests of its own): a conditional request awaiting
its three-party agreement (第三十条) made over HTTP as the real roles would, filed resource
admins (备案), and signing keys made on "this computer" with the desktop's signing library and
certificates requested from the platform."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from govshare_core.agreements import SIGNATURE_FIELDS, SignTurn
from govshare_core.vocab import Role
from govshare_desktop.api.client import PlatformClient, new_idempotency_key
from govshare_desktop.context import AppContext
from govshare_desktop.host import signing_dir
from govshare_desktop.signing.keys import KeyStore
from govshare_desktop.signing.signer import sign_agreement
from govshare_desktop.signing.sources import FileKeySource
from tests.desktop.conftest import LiveServer
from tests.desktop.requests_support import api, publish_entry, submitted_request

PASSPHRASE = "签名口令-2026"
CERTIFICATES = "/api/v1/certificates"


def file_resource_admin(server: LiveServer, dept: str) -> int:
    """备案 (第二十八条): the platform's security admin files `dept`'s resource admin; the user's
    id."""
    me = api(server, dept, Role.RESOURCE_ADMIN).me()
    department_id, user_id = int(me["department"]["id"]), int(me["user"]["id"])
    admin = api(server, "P", Role.SECURITY_ADMIN)
    admin.request(
        "POST",
        f"/api/v1/departments/{department_id}/resource-admins",
        json={"user_id": user_id, "phone": "0513-12345678"},
        idempotency_key=new_idempotency_key(),
    )
    return user_id


def awaiting_agreement(server: LiveServer, *, file: bool = True) -> tuple[int, int]:
    """B's applicant asks for A's conditional entry; A's resource admin and the platform
    approve: (request id, agreement id). With `file`, A and B have resource admins on file."""
    if file:
        file_resource_admin(server, "A")
        file_resource_admin(server, "B")
    entry = publish_entry(server, "A")
    request_id = int(submitted_request(server, entry)["id"])
    api(server, "A", Role.RESOURCE_ADMIN).request_action(
        request_id, "provider-decision", {"approve": True}
    )
    platform = api(server, "P", Role.PLATFORM_ADMIN)
    answer = platform.request_action(request_id, "platform-decision", {"approve": True})
    assert answer["status"] == "awaiting_agreement", answer
    page = platform.agreements(request_id=request_id)
    assert page["total"] == 1, page
    return request_id, int(page["items"][0]["id"])


def give_key(
    context: AppContext, role: Role = Role.RESOURCE_ADMIN, *, store: KeyStore | None = None
) -> KeyStore:
    """A file key for the context's user on this computer (the desktop's KeyStore, under
    GOVSHARE_DATA_DIR unless `store`) and its certificate from the platform CA."""
    store = store or KeyStore(signing_dir())
    profile, user = context.profile_name, context.me["user"]
    store.generate(profile, user["username"], PASSPHRASE)
    csr = store.csr_pem(profile, user["username"], PASSPHRASE, common_name=user["full_name"])
    answer = context.client.request(
        "POST",
        CERTIFICATES,
        json={"csr_pem": csr, "role": role.value},
        idempotency_key=new_idempotency_key(),
    ).json()
    store.store_certificate(profile, user["username"], answer["certificate_pem"], answer["ca_pem"])
    return store


def agreement(client: PlatformClient, agreement_id: int) -> dict[str, Any]:
    return client.agreement(agreement_id)


def signed_by(context: AppContext, agreement_id: int, *, store: KeyStore | None = None) -> bytes:
    """The agreement's current revision signed by the context's user in the field of the
    agreement's turn (the desktop's signing library, not the UI)."""
    current = context.client.agreement(agreement_id)
    pdf = context.client.agreement_pdf(agreement_id)
    turn = SignTurn(current["turn"])
    source = FileKeySource(context.profile_name, context.me["user"]["username"], store=store)
    return sign_agreement(pdf, field_name=SIGNATURE_FIELDS[turn], source=source, secret=PASSPHRASE)


def upload(context: AppContext, agreement_id: int, pdf: bytes) -> dict[str, Any]:
    """POST the signed PDF as the context's user (setting up a later turn, not the UI)."""
    revision = context.client.agreement(agreement_id)["revision"]
    answer = context.client.request(
        "POST",
        f"/api/v1/agreements/{agreement_id}/signatures",
        content=pdf,
        content_type="application/pdf",
        if_match=int(revision),
    )
    return dict(answer.json())


def tampered(pdf: bytes) -> bytes:
    """The PDF with one byte changed inside what the first signature covers (the document
    information's producer, written uncompressed by reportlab): same length, still a PDF."""
    at = pdf.index(b"ReportLab")
    return pdf[:at] + b"ReportLbb" + pdf[at + len(b"ReportLab") :]


def sign_all_parties(
    server: LiveServer, make_context: Any, request_id: int, keys: Path
) -> dict[str, Any]:
    """The request's agreement signed by all three parties outside the UI (the departments'
    resource admins filed and given keys under `keys`, then the platform's signature); the
    platform's answer to the last."""
    file_resource_admin(server, "A")
    file_resource_admin(server, "B")
    platform = api(server, "P", Role.PLATFORM_ADMIN)
    agreement_id = int(platform.agreements(request_id=request_id)["items"][0]["id"])
    store = KeyStore(keys)
    for dept in ("B", "A"):
        context = make_context(dept, Role.RESOURCE_ADMIN)
        give_key(context, store=store)
        upload(context, agreement_id, signed_by(context, agreement_id, store=store))
    answer = platform.request("POST", f"/api/v1/agreements/{agreement_id}/platform-signature")
    return dict(answer.json())
