"""The signed agreement as anyone checks it with standard tools (第三十条): poppler's pdfsig with
the platform CA in an NSS database, pyHanko's validator, the fonts embedded, the text there;
a tampered copy fails both validators."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from govshare_core.agreements import SignTurn
from govshare_core.vocab import Role
from tests.platform.agreement_support import awaiting, pdf, platform_sign, sign_turn, signer
from tests.platform.conftest import World

TOOLS = ("pdfsig", "pdffonts", "pdftotext", "certutil", "pyhanko")
pytestmark = pytest.mark.skipif(
    any(shutil.which(t) is None and not Path(sys.executable).with_name(t).exists() for t in TOOLS),
    reason="poppler-utils, libnss3-tools or pyhanko-cli missing",
)


def _run(*cmd: str) -> str:
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
    return done.stdout + done.stderr


def _pyhanko() -> str:
    local = Path(sys.executable).with_name("pyhanko")
    return str(local) if local.exists() else "pyhanko"


def _signed_agreement(world: World) -> bytes:
    _rid, aid = awaiting(world)
    for turn, dept, name in (
        (SignTurn.CONSUMER, "B", "民政局资源管理员"),
        (SignTurn.PROVIDER, "A", "公安局资源管理员"),
    ):
        who = signer(world, world.uid(dept, Role.RESOURCE_ADMIN))
        stamp = f"签署人：{name}\n单位：{dept}\n时间：2026-06-01 10:00"
        sign_turn(world, aid, who, turn, stamp=stamp)
    platform_sign(world, aid)
    return pdf(world, aid, world.uid("P", Role.PLATFORM_ADMIN))


def _nss(tmp: Path, ca_pem: bytes) -> str:
    (tmp / "ca.pem").write_bytes(ca_pem)
    db = tmp / "nss"
    db.mkdir()
    _run("certutil", "-N", "--empty-password", "-d", f"sql:{db}")
    _run("certutil", "-A", "-n", "ca", "-t", "CT,C,C", "-i", str(tmp / "ca.pem"), "-d", f"sql:{db}")
    return f"sql:{db}"


def test_standard_validators_accept_it_and_refuse_a_tampered_copy(
    world: World, tmp_path: Path
) -> None:
    final = _signed_agreement(world)
    ca_pem = world.client.get("/api/v1/pki/ca.pem").content
    nss = _nss(tmp_path, ca_pem)
    signed = tmp_path / "agreement.pdf"
    signed.write_bytes(final)

    out = _run("pdfsig", "-nssdir", nss, str(signed))
    assert out.count("Signature Validation: Signature is Valid.") == 3, out
    assert out.count("Certificate Validation: Certificate is Trusted.") == 3, out
    out = _run(
        _pyhanko(),
        "sign",
        "validate",
        "--no-revocation-check",
        "--trust-replace",
        "--trust",
        str(tmp_path / "ca.pem"),
        "--executive-summary",
        str(signed),
    )
    assert out.count("VALID") >= 1 and "INVALID" not in out, out

    fonts = _run("pdffonts", str(signed))
    assert re.search(r"WenQuanYiMicroHei.*TrueType.*yes\s+yes", fonts), fonts
    assert not re.search(r"\bno\s+no\s+no\b", fonts.split("\n", 2)[-1]), fonts  # all embedded
    text = _run("pdftotext", "-layout", str(signed), "-")
    for words in (
        "政务信息资源共享数据保密协议",
        "南通市公安局",
        "南通市民政局",
        "南通市大数据管理局",
    ):
        assert words in text, words

    tampered = bytearray(final)
    marker = b"/M (D\\072"
    at = final.rindex(marker) + len(marker) + 3
    tampered[at] = ord("1") if tampered[at] != ord("1") else ord("2")
    bad = tmp_path / "tampered.pdf"
    bad.write_bytes(bytes(tampered))
    out = _run("pdfsig", "-nssdir", nss, str(bad))
    assert out.count("Signature Validation: Signature is Valid.") < 3, out
    out = _run(
        _pyhanko(),
        "sign",
        "validate",
        "--no-revocation-check",
        "--trust-replace",
        "--trust",
        str(tmp_path / "ca.pem"),
        "--executive-summary",
        str(bad),
    )
    assert "INVALID" in out, out
