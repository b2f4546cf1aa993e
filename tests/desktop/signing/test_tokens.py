"""A UKey simulated by SoftHSM2: key generated on the token, CSR signed by it, a signature
validated against the test CA; a wrong PIN and a missing module have their codes."""

from __future__ import annotations

import shutil

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from govshare_core.agreements import SIGNATURE_FIELDS, SignTurn
from govshare_desktop.signing.errors import SigningError
from govshare_desktop.signing.signer import sign_agreement
from govshare_desktop.signing.tokens import (
    SOFTHSM_MODULE,
    TokenKeySource,
    generate_token_key,
    list_tokens,
    token_csr_pem,
)
from govshare_desktop.signing.verify import inspect_pdf
from tests.desktop.signing.conftest import PIN
from tests.desktop.signing.pki import SigningCA

MODULE = str(SOFTHSM_MODULE)

pytestmark = pytest.mark.skipif(
    not (SOFTHSM_MODULE.is_file() and shutil.which("softhsm2-util")), reason="needs SoftHSM2"
)


def test_key_on_the_token_signs_a_valid_agreement(token: str, ca: SigningCA, draft: bytes) -> None:
    assert token in list_tokens(MODULE)
    public_der = generate_token_key(MODULE, token, PIN, "govshare-sign")
    csr_pem = token_csr_pem(MODULE, token, PIN, "govshare-sign", common_name="王五")
    csr = x509.load_pem_x509_csr(csr_pem.encode())
    assert csr.is_signature_valid
    assert (
        csr.public_key().public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo) == public_der
    )
    cert = x509.load_pem_x509_certificate(
        ca.issue(csr_pem, name="王五", department="丙县").encode()
    )
    source = TokenKeySource(
        MODULE, token, "govshare-sign", certificate=cert, ca_certificate=ca.cert
    )
    field = SIGNATURE_FIELDS[SignTurn.PROVIDER]
    signed = sign_agreement(draft, field_name=field, source=source, secret=PIN)
    [check] = inspect_pdf(signed, ca.pem.encode())
    assert check.valid and check.signer_name == "王五" and check.department == "丙县"

    with pytest.raises(SigningError) as caught:
        sign_agreement(draft, field_name=field, source=source, secret="0000")
    assert caught.value.code == "wrong_pin"
    assert "PIN" in caught.value.message_zh


def test_a_missing_module_or_token_is_token_missing(
    token: str, ca: SigningCA, draft: bytes
) -> None:
    with pytest.raises(SigningError) as caught:
        list_tokens("/nonexistent/libukey.so")
    assert caught.value.code == "token_missing"
    assert "UKey" in caught.value.message_zh
    with pytest.raises(SigningError) as caught:
        generate_token_key(MODULE, "no-such-token", PIN, "k")
    assert caught.value.code == "token_missing"
