"""Drafting and verifying a three-party agreement (第三十条); targets: draft ≤ 1 s, verify ≤ 1 s.

    python benchmarks/bench_agreements.py [--runs 7] [--save signed.pdf]

Draft: `govshare_platform.agreements.draft.render_draft` of a two-page agreement (reportlab with
the embedded CJK font, then the three empty signature fields). Verify: the platform's check of
an upload carrying three signatures (`verify.verify_upload` on the third one: the prefix, the
new signature, its certificate chain to the CA, pyHanko's difference analysis, the two earlier
signatures), with a CA, keys and certificates made here (`govshare_platform.pki.profile`) and
visible stamps. No database: the certificate record lookup is a primary-key read.
Prints the median and the worst run of each.
"""

from __future__ import annotations

import argparse
import io
import statistics
import time
from collections.abc import Callable
from datetime import date, timedelta

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko.sign.signers import PdfSignatureMetadata, PdfSigner, SimpleSigner
from pyhanko_certvalidator.registry import SimpleCertificateStore

from govshare_core.agreements import SIGNATURE_FIELDS, SIGNING_ORDER, SignTurn, stamp_text
from govshare_core.stamp import STAMP_PARAM, stamp_style
from govshare_platform.agreements.draft import DraftContent, Party, render_draft
from govshare_platform.agreements.template import BUILTIN_BODY, fill, paragraphs
from govshare_platform.agreements.verify import Expectation, verify_upload
from govshare_platform.db import utcnow
from govshare_platform.pki import profile
from govshare_platform.pki.signing import as_asn1

PARTIES = {
    SignTurn.CONSUMER: ("南通市民政局", "113206000141600029"),
    SignTurn.PROVIDER: ("南通市公安局", "113206000141600016"),
    SignTurn.PLATFORM: ("南通市大数据管理局", "11320600MB0000001F"),
}


def content() -> DraftContent:
    items = ["姓名", "公民身份号码", "性别", "出生日期", "户籍地址", "婚姻状况"]
    values = {
        "consumer_name": PARTIES[SignTurn.CONSUMER][0],
        "provider_name": PARTIES[SignTurn.PROVIDER][0],
        "platform_name": PARTIES[SignTurn.PLATFORM][0],
        "entry_name": "常住人口基本信息",
        "resource_code": "320600-01-001-0001",
        "data_items": "、".join(items),
        "business": "社会救助家庭经济状况核对",
        "users": "低保审核科室经办人员",
        "share_mode": "接口方式",
        "end_date": "2027年06月01日",
    }
    return DraftContent(
        number="GS-XY-000001",
        title="政务信息资源共享数据保密协议",
        paragraphs=paragraphs(fill(BUILTIN_BODY, values)),
        parties=[Party(t, *PARTIES[t]) for t in SIGNING_ORDER],
        entry_name="常住人口基本信息",
        resource_code="320600-01-001-0001",
        data_items=items,
        business=values["business"],
        users=values["users"],
        share_mode="接口方式",
        end_date=date(2027, 6, 1),
        template_version=1,
    )


def _signers() -> tuple[dict[SignTurn, SimpleSigner], asn1_x509.Certificate]:
    """A CA and one signer per turn, each certificate issued by it."""
    now = utcnow()
    ca_key = profile.new_key()
    ca_subject = profile.organization_subject(
        common_name="Bench CA", organization=PARTIES[SignTurn.PLATFORM][0], credit_code=""
    )
    ca_cert = profile.ca_certificate(ca_key, ca_subject, now=now)
    signers = {}
    for turn in SIGNING_ORDER:
        key = profile.new_key()
        name, code = PARTIES[turn]
        subject = profile.signer_subject(
            full_name=f"{name}签署人",
            username=turn.value,
            organization=name,
            credit_code=code,
            role="resource_admin",
        )
        cert = profile.signer_certificate(
            ca_cert=ca_cert,
            ca_key=ca_key,
            public_key=key.public_key(),
            subject=subject,
            not_before=now - timedelta(minutes=1),
            validity=timedelta(days=30),
        )
        der = key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        signers[turn] = SimpleSigner(
            signing_cert=as_asn1(cert),
            signing_key=asn1_keys.PrivateKeyInfo.load(der),
            cert_registry=SimpleCertificateStore.from_certs([as_asn1(ca_cert)]),
        )
    return signers, as_asn1(ca_cert)


def sign(pdf: bytes, turn: SignTurn, signer: SimpleSigner) -> bytes:
    name = PARTIES[turn][0]
    text = stamp_text(name=f"{name}签署人", department=name, signed_at=utcnow())
    meta = PdfSignatureMetadata(
        field_name=SIGNATURE_FIELDS[turn], subfilter=SigSeedSubFilter.PADES, md_algorithm="sha256"
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    out = PdfSigner(meta, signer, stamp_style=stamp_style(text)).sign_pdf(
        writer, existing_fields_only=True, appearance_text_params={STAMP_PARAM: text}
    )
    return out.getvalue()


def _timed(runs: int, work: Callable[[], object]) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--save", metavar="PDF", help="also write the three-signature agreement")
    args = parser.parse_args()

    (cold,) = _timed(1, lambda: render_draft(content()))  # the font loads on the first
    drafts = _timed(args.runs, lambda: render_draft(content()))
    revisions = [render_draft(content())]
    signers, ca = _signers()
    for turn in SIGNING_ORDER:
        revisions.append(sign(revisions[-1], turn, signers[turn]))
    expect: Expectation[None] = Expectation(
        SignTurn.PLATFORM, [ca], lambda cert: (None, None), lambda record: True
    )

    def verify() -> object:
        return verify_upload(
            revisions[3], current=revisions[2], archived=revisions[:2], expect=expect
        )

    verify()  # warm-up
    checks = _timed(args.runs, verify)
    size = len(revisions[3]) / 1024
    for label, times, target in (("draft", drafts, 1.0), ("verify 3 signatures", checks, 1.0)):
        median, worst = statistics.median(times), max(times)
        verdict = "ok" if worst <= target else "SLOW"
        print(
            f"{label:22} median {median:.3f} s  worst {worst:.3f} s  target {target} s  {verdict}"
        )
    print(f"first draft of a process (font loading): {cold:.3f} s")
    print(f"signed PDF: {size:.0f} KiB, {len(revisions) - 1} signatures")
    if args.save:
        with open(args.save, "wb") as out:
            out.write(revisions[3])


if __name__ == "__main__":
    main()
