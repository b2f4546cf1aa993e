"""Signing an agreement drafted like the platform's, validated with pyHanko and poppler."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from io import BytesIO
from pathlib import Path

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader

from govshare_core.agreements import SIGNATURE_FIELDS, SignTurn
from govshare_desktop.signing.errors import SigningError
from govshare_desktop.signing.keys import KeyStore
from govshare_desktop.signing.signer import FileKeySource, sign_agreement
from govshare_desktop.signing.verify import inspect_pdf
from tests.desktop.signing.pki import SigningCA

PASS = "正确的口令-123"
CONSUMER = SIGNATURE_FIELDS[SignTurn.CONSUMER]
PROVIDER = SIGNATURE_FIELDS[SignTurn.PROVIDER]


def signer_source(
    store: KeyStore, ca: SigningCA, user: str, *, name: str, dept: str, expired: bool = False
) -> FileKeySource:
    store.generate("test", user, PASS)
    csr = store.csr_pem("test", user, PASS, common_name=user)
    start = datetime.now(UTC) - timedelta(days=10) if expired else None
    days = 5 if expired else 365
    cert = ca.issue(csr, name=name, department=dept, days=days, start=start)
    store.store_certificate("test", user, cert, ca.pem)
    return FileKeySource("test", user, store=store)


@pytest.fixture
def store(tmp_path: Path) -> KeyStore:
    return KeyStore(tmp_path / "keys")


def test_signature_is_intact_valid_and_trusted_with_a_chinese_stamp(
    store: KeyStore, ca: SigningCA, draft: bytes, tmp_path: Path
) -> None:
    source = signer_source(store, ca, "zhang", name="张三", dept="甲市数据局")
    signed = sign_agreement(draft, field_name=CONSUMER, source=source, secret=PASS, stamp="")
    assert signed.startswith(draft)  # an incremental update: the draft's bytes stay
    [check] = inspect_pdf(signed, ca.pem.encode())
    assert (check.field_name, check.signer_name, check.department) == (
        CONSUMER,
        "张三",
        "甲市数据局",
    )
    assert check.intact and check.trusted and check.valid and check.problem is None
    path = tmp_path / "signed.pdf"
    path.write_bytes(signed)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True).stdout
    assert "签署人：张三".encode() in text and "单位：甲市数据局".encode() in text


def test_two_signatures_in_turn_both_stay_valid(
    store: KeyStore, ca: SigningCA, draft: bytes, tmp_path: Path
) -> None:
    first = signer_source(store, ca, "a", name="甲", dept="使用部门")
    second = signer_source(store, ca, "b", name="乙", dept="提供部门")
    once = sign_agreement(draft, field_name=CONSUMER, source=first, secret=PASS, stamp="")
    twice = sign_agreement(once, field_name=PROVIDER, source=second, secret=PASS, stamp="")
    checks = inspect_pdf(twice, ca.pem.encode())
    assert [c.field_name for c in checks] == [CONSUMER, PROVIDER]
    assert all(c.valid for c in checks), checks
    assert checks[0].modification == "FORM_FILLING"
    if shutil.which("pdfsig"):
        path = tmp_path / "twice.pdf"
        path.write_bytes(twice)
        out = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout
        assert out.count("Signature Validation: Signature is Valid.") == 2, out


def test_untrusted_without_the_platform_ca(store: KeyStore, ca: SigningCA, draft: bytes) -> None:
    source = signer_source(store, ca, "c", name="丙", dept="部门")
    signed = sign_agreement(draft, field_name=CONSUMER, source=source, secret=PASS, stamp="")
    [check] = inspect_pdf(signed, None)
    assert check.intact and not check.trusted and not check.valid
    assert check.problem_code == "no_ca"


def test_a_change_after_signing_is_reported(store: KeyStore, ca: SigningCA, draft: bytes) -> None:
    source = signer_source(store, ca, "d", name="丁", dept="部门")
    signed = bytearray(sign_agreement(draft, field_name=CONSUMER, source=source, secret=PASS))
    signed[200] ^= 0x01  # a byte of the draft, inside the signed range
    [check] = inspect_pdf(bytes(signed), ca.pem.encode())
    assert not check.intact and check.problem_code == "broken"


@pytest.mark.parametrize(
    ("case", "code"),
    [
        ("wrong_passphrase", "wrong_passphrase"),
        ("field_missing", "field_missing"),
        ("field_already_signed", "field_already_signed"),
        ("no_certificate", "no_certificate"),
        ("certificate_expired", "certificate_expired"),
    ],
)
def test_refusals_have_their_code(
    store: KeyStore, ca: SigningCA, draft: bytes, case: str, code: str
) -> None:
    source = signer_source(store, ca, "e", name="戊", dept="部门", expired="expired" in case)
    pdf, field, secret = draft, CONSUMER, PASS
    if case == "wrong_passphrase":
        secret = "not-the-passphrase"
    elif case == "field_missing":
        field = "NoSuchField"
    elif case == "field_already_signed":
        pdf = sign_agreement(draft, field_name=CONSUMER, source=source, secret=PASS)
    elif case == "no_certificate":
        store.generate("test", "e", PASS)
    with pytest.raises(SigningError) as caught:
        sign_agreement(pdf, field_name=field, source=source, secret=secret)
    assert caught.value.code == code
    assert caught.value.message_zh and caught.value.message_en


def test_stamp_glyph_widths_are_in_thousandths_of_an_em(
    store: KeyStore, ca: SigningCA, draft: bytes
) -> None:
    """pyHanko writes /W in font units; the stamp font is rescaled to 1000 units per em so a
    CJK glyph is 1000 wide (2048 drew the stamp's characters twice as far apart)."""
    source = signer_source(store, ca, "f", name="己", dept="部门")
    signed = sign_agreement(draft, field_name=CONSUMER, source=source, secret=PASS)
    [sig] = PdfFileReader(BytesIO(signed)).embedded_signatures
    font = sig.sig_field["/AP"]["/N"]["/Resources"]["/Font"]["/F1"]
    cid_font = font["/DescendantFonts"][0]
    widths = [w for item in cid_font["/W"] if isinstance(item, list) for w in item]
    assert widths and max(widths) <= 1000, widths
