"""The file key store: generation, passphrase, file mode, CSR, certificate and renewal."""

from __future__ import annotations

import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec

from govshare_core.agreements import CERTIFICATE_RENEWAL_WARNING
from govshare_desktop.signing.errors import SigningError
from govshare_desktop.signing.keys import KEY_FILE, KeyStore
from tests.desktop.signing.pki import SigningCA

PASS = "正确的口令-123"


@pytest.fixture
def store(tmp_path: Path) -> KeyStore:
    return KeyStore(tmp_path / "keys")


def test_generate_writes_an_encrypted_key_readable_by_the_owner_only(store: KeyStore) -> None:
    assert not store.has_key("省平台", "张三")
    store.generate("省平台", "张三", PASS)
    assert store.has_key("省平台", "张三")
    path = store.folder("省平台", "张三") / KEY_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = path.read_text()
    assert "BEGIN ENCRYPTED PRIVATE KEY" in text
    key = store.private_key("省平台", "张三", PASS)
    assert isinstance(key.curve, ec.SECP256R1)


def test_wrong_passphrase_is_a_signing_error(store: KeyStore) -> None:
    store.generate("p", "u", PASS)
    with pytest.raises(SigningError) as caught:
        store.private_key("p", "u", "wrong-passphrase")
    assert caught.value.code == "wrong_passphrase"
    assert "口令" in caught.value.message_zh


def test_short_passphrase_is_refused(store: KeyStore) -> None:
    with pytest.raises(SigningError) as caught:
        store.generate("p", "u", "1234567")
    assert caught.value.code == "weak_passphrase"
    assert not store.has_key("p", "u")


def test_csr_is_a_valid_pkcs10_request(store: KeyStore) -> None:
    store.generate("p", "u", PASS)
    csr = x509.load_pem_x509_csr(store.csr_pem("p", "u", PASS, common_name="张三").encode())
    assert csr.is_signature_valid
    assert csr.subject.rfc4514_string() == "CN=张三"
    public = store.private_key("p", "u", PASS).public_key()
    assert csr.public_key() == public


def test_certificate_is_stored_only_for_its_key(store: KeyStore, ca: SigningCA) -> None:
    store.generate("p", "u", PASS)
    cert_pem = ca.issue(store.csr_pem("p", "u", PASS, common_name="u"))
    store.store_certificate("p", "u", cert_pem, ca.pem)
    cert = store.certificate("p", "u")
    assert cert is not None and cert.subject.rfc4514_string().startswith("OU=resource_admin")
    assert not store.needs_renewal("p", "u")
    store.generate("p", "u", PASS)  # a new key: the old certificate no longer fits
    assert store.certificate("p", "u") is None
    with pytest.raises(SigningError) as caught:
        store.store_certificate("p", "u", cert_pem, ca.pem)
    assert caught.value.code == "certificate_mismatch"


def test_renewal_is_offered_before_expiry(store: KeyStore, ca: SigningCA) -> None:
    assert store.needs_renewal("p", "u")  # no certificate at all
    store.generate("p", "u", PASS)
    store.store_certificate(
        "p", "u", ca.issue(store.csr_pem("p", "u", PASS, common_name="u")), ca.pem
    )
    cert = store.certificate("p", "u")
    assert cert is not None
    before = cert.not_valid_after_utc - CERTIFICATE_RENEWAL_WARNING - timedelta(days=1)
    assert not store.needs_renewal("p", "u", now=before)
    assert store.needs_renewal("p", "u", now=before + timedelta(days=2))
    assert store.needs_renewal("p", "u", now=datetime.now(UTC) + timedelta(days=400))
