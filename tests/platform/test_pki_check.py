"""A signer certificate as the agreements see it: `check_signer_certificate` refuses foreign,
expired and revoked certificates; certificates issued by the CA sign PDFs that pyHanko and
poppler's `pdfsig` (NSS) validate with the CA as the only trust root; revocation races."""

from __future__ import annotations

import io
import shutil
import subprocess
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import requests
from asn1crypto import keys as asn1_keys
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from fastapi import FastAPI
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import signers
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator.registry import SimpleCertificateStore
from reportlab.pdfgen import canvas
from sqlalchemy import select

from govshare_core.agreements import SigningRefusal
from govshare_core.vocab import Role
from govshare_platform.audit.models import AuditEvent
from govshare_platform.db import utcnow
from govshare_platform.departments.models import User
from govshare_platform.local_server import LocalServer
from govshare_platform.pki import authority, service
from govshare_platform.pki.authority import PlatformCA
from govshare_platform.pki.signing import as_asn1, platform_signer, trust_roots, validation_context
from tests.platform.conftest import World
from tests.platform.pki_support import PrivateKey, certificate_of, make_csr, request_certificate

RA_A = ("A", Role.RESOURCE_ADMIN)
REASON = {"reason": "the UKey was lost on the way home"}


def _ca(world: World) -> PlatformCA:
    ca: PlatformCA = world.app.state.ca
    return ca


def _issue(world: World, *, days_ago: int = 0) -> tuple[PrivateKey, x509.Certificate]:
    """A certificate for A's resource admin, issued `days_ago` (the service's clock set back)."""
    key, csr = make_csr()
    with world.session() as s:
        user = s.get(User, world.uid(*RA_A))
        assert user is not None
        record = service.issue(
            s,
            _ca(world),
            csr_pem=csr,
            user=user,
            role=Role.RESOURCE_ADMIN,
            now=utcnow() - timedelta(days=days_ago),
        )
        s.commit()
        return key, x509.load_pem_x509_certificate(record.certificate_pem.encode())


def _check(world: World, cert: x509.Certificate, **at: Any) -> tuple[Any, Any]:
    with world.session() as s:
        return service.check_signer_certificate(s, _ca(world), cert, at=at.get("at", utcnow()))


def test_a_valid_certificate_gives_its_record(world: World) -> None:
    _key, cert = _issue(world)
    record, refusal = _check(world, cert)
    assert refusal is None and record is not None
    assert record.user_id == world.uid(*RA_A) and record.role == "resource_admin"


def test_the_platform_signer_is_accepted_without_a_record(world: World) -> None:
    assert _check(world, _ca(world).signer_cert) == (None, None)


def test_a_foreign_ca_is_untrusted(world: World, tmp_path: Path) -> None:
    foreign = authority.create_ca(tmp_path / "ca", organization="别的机构", passphrase=b"x" * 12)
    assert _check(world, foreign.signer_cert) == (None, SigningRefusal.CERT_UNTRUSTED)
    assert _check(world, foreign.ca_cert) == (None, SigningRefusal.CERT_UNTRUSTED)


def test_issued_by_our_key_but_not_on_record_is_untrusted(world: World) -> None:
    _key, cert = _issue(world)
    with world.session() as s:  # the row is gone: the platform never issued it as far as it knows
        s.delete(service.find_by_serial(s, service.serial_hex(cert.serial_number)))
        s.commit()
    assert _check(world, cert) == (None, SigningRefusal.CERT_UNTRUSTED)


def test_an_expired_certificate_is_refused(world: World) -> None:
    _key, cert = _issue(world, days_ago=400)
    assert _check(world, cert) == (None, SigningRefusal.CERT_EXPIRED)
    record, refusal = _check(world, cert, at=utcnow() - timedelta(days=200))
    assert refusal is None and record is not None  # valid when it signed back then


def test_a_revoked_certificate_is_refused_from_its_revocation_on(world: World) -> None:
    _key, cert = _issue(world)
    before = utcnow()
    serial = service.serial_hex(cert.serial_number)
    done = world.client.post(
        f"/api/v1/certificates/{serial}/revoke", json=REASON, headers=world.h(*RA_A)
    )
    assert done.status_code == 200
    assert _check(world, cert) == (None, SigningRefusal.CERT_REVOKED)
    assert _check(world, cert, at=before)[1] is None
    with world.session() as s:
        assert service.is_revoked(s, serial.upper())
        assert not service.is_revoked(s, serial, at=before)


# --- the certificates sign PDFs that standard validators accept ----------------------------------


def _pdf() -> bytes:
    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.drawString(72, 720, "GovShare test agreement")
    page.showPage()
    page.save()
    return out.getvalue()


def _sign(pdf: bytes, signer: signers.Signer, field: str) -> bytes:
    meta = signers.PdfSignatureMetadata(field_name=field, subfilter=None)
    return signers.sign_pdf(
        IncrementalPdfFileWriter(io.BytesIO(pdf)), meta, signer=signer
    ).getvalue()


def _user_signer(key: PrivateKey, cert: x509.Certificate, ca: PlatformCA) -> signers.SimpleSigner:
    der = key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return signers.SimpleSigner(
        signing_cert=as_asn1(cert),
        signing_key=asn1_keys.PrivateKeyInfo.load(der),
        cert_registry=SimpleCertificateStore.from_certs(trust_roots(ca)),
    )


def test_issued_and_platform_certificates_sign_pdfs_pyhanko_validates(world: World) -> None:
    ca = _ca(world)
    key, csr = make_csr()
    response = request_certificate(world, *RA_A, csr_pem=csr)
    user_cert = certificate_of(response)
    signed = _sign(_pdf(), _user_signer(key, user_cert, ca), "Signature1Consumer")
    signed = _sign(signed, platform_signer(ca), "Signature3Platform")
    with world.session() as s:
        crl = service.crl_der(s, ca)
    reader = PdfFileReader(io.BytesIO(signed))
    assert len(reader.embedded_signatures) == 2
    for sig in reader.embedded_signatures:
        status = validate_pdf_signature(sig, validation_context(ca, crls=[crl]))
        assert status.bottom_line, status.pretty_print_details()

    serial = response.json()["serial"]
    world.client.post(f"/api/v1/certificates/{serial}/revoke", json=REASON, headers=world.h(*RA_A))
    with world.session() as s:
        crl = service.crl_der(s, ca)
    revoked = validate_pdf_signature(
        PdfFileReader(io.BytesIO(signed)).embedded_signatures[0],
        validation_context(ca, crls=[crl]),
    )
    assert not revoked.bottom_line and revoked.revoked


@pytest.mark.skipif(not (shutil.which("pdfsig") and shutil.which("certutil")), reason="poppler/NSS")
def test_pdfsig_trusts_the_signatures_with_the_ca_as_root(world: World, tmp_path: Path) -> None:
    ca = _ca(world)
    key, cert = _issue(world)
    pdf = tmp_path / "signed.pdf"
    pdf.write_bytes(
        _sign(_sign(_pdf(), _user_signer(key, cert, ca), "S1"), platform_signer(ca), "S3")
    )
    (tmp_path / "ca.pem").write_text(ca.ca_pem)
    nss = tmp_path / "nss"
    nss.mkdir()
    run = {"check": True, "capture_output": True, "text": True, "timeout": 60}
    subprocess.run(["certutil", "-N", "-d", f"sql:{nss}", "--empty-password"], **run)
    subprocess.run(
        [
            "certutil",
            "-A",
            "-d",
            f"sql:{nss}",
            "-n",
            "govshare",
            "-t",
            "C,C,C",
            "-i",
            str(tmp_path / "ca.pem"),
        ],
        **run,
    )
    out = subprocess.run(["pdfsig", "-nssdir", f"sql:{nss}", str(pdf)], **run).stdout
    assert out.count("Signature is Valid.") == 2, out
    assert out.count("Certificate is Trusted.") == 2, out


# --- two revocations at once: one wins, one gets 409, none a 500 ---------------------------------


@pytest.fixture
def live_server(app: FastAPI) -> Any:
    with LocalServer(app) as server:
        yield server.url


def test_parallel_revocations_give_one_200_and_one_409(world: World, live_server: str) -> None:
    serial = request_certificate(world, *RA_A).json()["serial"]
    barrier = threading.Barrier(2)
    headers = [world.h(*RA_A), world.h("P", Role.SECURITY_ADMIN)]

    def revoke(i: int) -> int:
        with requests.Session() as http:
            barrier.wait()
            url = f"{live_server}/api/v1/certificates/{serial}/revoke"
            return http.post(url, json=REASON, headers=headers[i], timeout=60).status_code

    with ThreadPoolExecutor(2) as pool:
        statuses = sorted(pool.map(revoke, range(2)))
    assert statuses == [200, 409]
    with world.session() as s:
        revokes = s.scalars(
            select(AuditEvent).where(
                AuditEvent.action == "certificate_revoke", AuditEvent.object_id == serial
            )
        ).all()
    assert len(revokes) == 1
