"""Time one agreement signature on this machine (target: ≤ 2 s each).

    python benchmarks/bench_sign.py [--rounds 5]

Drafts an agreement like the platform's (three empty fields), makes a test CA and a file key,
then signs the consumer's field `rounds` times (each from the draft) and the provider's field
after it; prints min/median/max and writes JSON to benchmarks/results/. The first signature
also extracts the stamp font from the .ttc once (timed separately as "first").
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from govshare_core.agreements import SIGNATURE_FIELDS, SignTurn  # noqa: E402
from govshare_desktop.signing.keys import KeyStore  # noqa: E402
from govshare_desktop.signing.signer import FileKeySource, sign_agreement  # noqa: E402
from govshare_desktop.signing.verify import inspect_pdf  # noqa: E402
from tests.desktop.signing.pki import draft_pdf, make_ca  # noqa: E402

PASS = "bench-passphrase"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["GOVSHARE_DATA_DIR"] = tmp
        store, ca, draft = KeyStore(Path(tmp) / "keys"), make_ca(), draft_pdf()
        store.generate("bench", "u", PASS)
        csr = store.csr_pem("bench", "u", PASS, common_name="u")
        store.store_certificate("bench", "u", ca.issue(csr), ca.pem)
        source = FileKeySource("bench", "u", store=store)
        consumer, provider = (
            SIGNATURE_FIELDS[SignTurn.CONSUMER],
            SIGNATURE_FIELDS[SignTurn.PROVIDER],
        )

        def sign(pdf: bytes, field: str) -> tuple[bytes, float]:
            start = time.perf_counter()
            out = sign_agreement(pdf, field_name=field, source=source, secret=PASS)
            return out, time.perf_counter() - start

        _, first = sign(draft, consumer)
        times = []
        for _ in range(args.rounds):
            signed, seconds = sign(draft, consumer)
            times.append(seconds)
        twice, second_field = sign(signed, provider)
        start = time.perf_counter()
        checks = inspect_pdf(twice, ca.pem.encode())
        verify = time.perf_counter() - start
        assert all(c.valid for c in checks)
    result = {
        "when": datetime.now(UTC).isoformat(),
        "first_s": round(first, 3),
        "min_s": round(min(times), 3),
        "median_s": round(statistics.median(times), 3),
        "max_s": round(max(times), 3),
        "second_field_s": round(second_field, 3),
        "verify_two_s": round(verify, 3),
        "pdf_bytes": len(twice),
    }
    print(json.dumps(result, indent=2))
    out = ROOT / "benchmarks" / "results" / "bench_sign.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
