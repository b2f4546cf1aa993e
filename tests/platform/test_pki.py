"""The platform CA's certificate endpoints (第三十条 agreements are signed with its certificates):
who may get one, what it says, listing, revocation and the public CA certificate and CRL."""

from __future__ import annotations

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from sqlalchemy import select

from govshare_core.agreements import CERTIFICATE_VALIDITY, SIGNER_ROLES
from govshare_core.creditcode import make_credit_code
from govshare_core.vocab import Role
from govshare_platform.app import create_app
from govshare_platform.audit.models import AuditEvent
from govshare_platform.pki.profile import BACKDATE, DOCUMENT_SIGNING
from govshare_platform.settings import Settings
from tests.platform.conftest import DEPARTMENTS, World
from tests.platform.pki_support import certificate_of, make_csr, request_certificate

URL = "/api/v1/certificates"
RA_A = ("A", Role.RESOURCE_ADMIN)
RA_B = ("B", Role.RESOURCE_ADMIN)
SEC = ("P", Role.SECURITY_ADMIN)
DER, PEM = Encoding.DER, Encoding.PEM
REASON = {"reason": "the UKey was lost on the way home"}


def test_every_role_tries_signer_roles_get_certificates_for_themselves(world: World) -> None:
    for (dept, role), _uid in world.users.items():
        own = request_certificate(world, dept, role)
        if role in SIGNER_ROLES:
            assert own.status_code == 201, (dept, role, own.text)
        else:
            assert own.status_code == 422, (dept, role, own.text)
            assert own.json()["errors"][0]["field"] == "role"
        for other in SIGNER_ROLES - {role}:
            refused = request_certificate(world, dept, role, for_role=other)
            assert refused.status_code == 403, (dept, role, other, refused.text)


def test_the_platform_decides_the_subject_and_the_extensions(world: World) -> None:
    _key, csr = make_csr(cn="Mallory, the real owner")
    response = request_certificate(world, *RA_A, csr_pem=csr)
    assert response.status_code == 201
    body = response.json()
    cert = certificate_of(response)
    subject = {a.oid: a.value for a in cert.subject}
    name, first17, _ = DEPARTMENTS["A"]
    assert subject == {
        NameOID.COMMON_NAME: "a_resource_admin",  # the user's full name in the test world
        NameOID.USER_ID: "a_resource_admin",
        NameOID.ORGANIZATION_NAME: name,
        NameOID.ORGANIZATION_IDENTIFIER: make_credit_code(first17),
        NameOID.ORGANIZATIONAL_UNIT_NAME: "resource_admin",
    }
    assert "organizationIdentifier=" in body["subject"] and "Mallory" not in body["subject"]
    assert body["serial"] == format(cert.serial_number, "x")
    assert body["user_id"] == world.uid(*RA_A) and body["department_id"] == world.depts["A"]
    ca = x509.load_pem_x509_certificate(body["ca_pem"].encode())
    cert.verify_directly_issued_by(ca)
    lifetime = cert.not_valid_after_utc - cert.not_valid_before_utc
    assert CERTIFICATE_VALIDITY <= lifetime <= CERTIFICATE_VALIDITY + BACKDATE
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature and usage.content_commitment and not usage.key_cert_sign
    eku = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert {ExtendedKeyUsageOID.EMAIL_PROTECTION, DOCUMENT_SIGNING} <= set(eku)
    assert not cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    aki = cert.extensions.get_extension_for_class(x509.AuthorityKeyIdentifier).value
    ski = ca.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    assert aki.key_identifier == ski.digest
    with pytest.raises(x509.ExtensionNotFound):  # no public URL configured
        cert.extensions.get_extension_for_class(x509.CRLDistributionPoints)


def test_a_public_url_puts_the_crl_in_the_certificate(world: World, settings: Settings) -> None:
    settings.public_url = "https://share.example.gov.cn/"
    cert = certificate_of(request_certificate(world, *RA_A))
    points = cert.extensions.get_extension_for_class(x509.CRLDistributionPoints).value
    assert points[0].full_name[0].value == "https://share.example.gov.cn/api/v1/pki/crl"


@pytest.mark.parametrize(
    ("csr", "code"),
    [
        ("not a certificate request at all, only some words " * 3, "csr_not_pem"),
        (
            "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n" * 2,
            "csr_not_pem",
        ),
        ("tampered", "csr_bad_signature"),
        ("rsa1024", "csr_weak_key"),
        ("p521", "csr_weak_key"),
    ],
)
def test_bad_requests_are_422_on_the_csr(world: World, csr: str, code: str) -> None:
    if csr == "tampered":  # the signature's last byte changed: still DER, no longer valid
        der = bytearray(x509.load_pem_x509_csr(make_csr()[1].encode()).public_bytes(DER))
        der[-1] ^= 0x01
        csr = x509.load_der_x509_csr(bytes(der)).public_bytes(PEM).decode()
    elif csr == "rsa1024":
        csr = make_csr(rsa.generate_private_key(public_exponent=65537, key_size=1024))[1]
    elif csr == "p521":
        csr = make_csr(ec.generate_private_key(ec.SECP521R1()))[1]
    response = request_certificate(world, *RA_A, csr_pem=csr)
    assert response.status_code == 422, response.text
    errors = response.json()["errors"]
    assert errors[0]["field"] == "csr_pem" and errors[0]["code"] == code, errors


def test_rsa_2048_is_accepted(world: World) -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    assert request_certificate(world, *RA_A, csr_pem=make_csr(key)[1]).status_code == 201


def test_lists_own_certificates_and_the_security_admin_sees_all(world: World) -> None:
    mine = request_certificate(world, *RA_A).json()["serial"]
    renewed = request_certificate(world, *RA_A).json()["serial"]  # the old one stays valid
    theirs = request_certificate(world, *RA_B).json()["serial"]
    platform = request_certificate(world, "P", Role.PLATFORM_ADMIN).json()["serial"]

    def serials(who: tuple[str, Role], mine: bool) -> list[str]:
        response = world.client.get(URL, params={"mine": mine}, headers=world.h(*who))
        assert response.status_code == 200
        return [c["serial"] for c in response.json()]

    assert serials(RA_A, True) == [renewed, mine]  # newest first, none revoked
    assert serials(RA_A, False) == [renewed, mine]  # not the security admin: own only
    assert serials(SEC, True) == []
    assert set(serials(SEC, False)) == {mine, renewed, theirs, platform}
    assert world.client.get(URL).status_code == 401


def test_revoke_own_then_409_and_listed_in_the_crl(world: World) -> None:
    serial = request_certificate(world, *RA_A).json()["serial"]
    done = world.client.post(f"{URL}/{serial}/revoke", json=REASON, headers=world.h(*RA_A))
    assert done.status_code == 200, done.text
    assert done.json()["revoked_at"] and done.json()["revoked_reason"] == REASON["reason"]
    again = world.client.post(f"{URL}/{serial.upper()}/revoke", json=REASON, headers=world.h(*RA_A))
    assert again.status_code == 409 and again.json()["code"] == "certificate_already_revoked"

    ca = x509.load_pem_x509_certificate(world.client.get("/api/v1/pki/ca.pem").content)
    response = world.client.get("/api/v1/pki/crl")  # no sign-in
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pkix-crl"
    crl = x509.load_der_x509_crl(response.content)
    assert crl.is_signature_valid(ca.public_key()) and crl.issuer == ca.subject
    assert crl.next_update_utc is not None and crl.next_update_utc > crl.last_update_utc
    assert crl.get_revoked_certificate_by_serial_number(int(serial, 16)) is not None
    with world.session() as s:
        actions = s.scalars(select(AuditEvent.action).where(AuditEvent.object_id == serial)).all()
    assert actions == ["certificate_issue", "certificate_revoke"]


def test_others_get_404_and_the_security_admin_revokes(world: World) -> None:
    serial = request_certificate(world, *RA_A).json()["serial"]
    for who in (RA_B, ("A", Role.APPLICANT), ("P", Role.PLATFORM_ADMIN), ("P", Role.AUDIT_ADMIN)):
        response = world.client.post(f"{URL}/{serial}/revoke", json=REASON, headers=world.h(*who))
        assert response.status_code == 404, (who, response.text)
    missing = world.client.post(f"{URL}/ffff/revoke", json=REASON, headers=world.h(*RA_B))
    assert missing.status_code == 404
    garbage = world.client.post(f"{URL}/not-hex/revoke", json=REASON, headers=world.h(*SEC))
    assert garbage.status_code == 404
    done = world.client.post(f"{URL}/{serial}/revoke", json=REASON, headers=world.h(*SEC))
    assert done.status_code == 200


def test_ca_pem_without_sign_in(world: World) -> None:
    response = world.client.get("/api/v1/pki/ca.pem")
    assert response.status_code == 200
    ca = x509.load_pem_x509_certificate(response.content)
    assert ca.extensions.get_extension_for_class(x509.BasicConstraints).value.ca


def test_without_a_ca_the_certificate_endpoints_answer_503(settings: Settings) -> None:
    from fastapi.testclient import TestClient

    app = create_app(settings.model_copy(update={"ca_dir": None, "ca_passphrase": None}))
    try:
        with TestClient(app) as client:
            for path in ("/api/v1/pki/ca.pem", "/api/v1/pki/crl"):
                response = client.get(path)
                assert (
                    response.status_code == 503 and response.json()["code"] == "ca_not_configured"
                )
            assert client.get("/healthz").status_code == 200
    finally:
        app.state.engine.dispose()


def test_a_replayed_request_returns_the_first_certificate(world: World) -> None:
    body = {"csr_pem": make_csr()[1], "role": "resource_admin"}
    headers = world.h(*RA_A, **{"Idempotency-Key": "cert-1"})
    first = world.client.post(URL, json=body, headers=headers)
    again = world.client.post(URL, json=body, headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.json()["serial"] == first.json()["serial"]
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert len(world.client.get(URL, headers=world.h(*RA_A)).json()) == 1
    paths = world.client.get("/openapi.json").json()["paths"]
    assert {"/api/v1/certificates", "/api/v1/pki/crl", "/api/v1/pki/ca.pem"} <= paths.keys()
