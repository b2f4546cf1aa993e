"""Audit trail exports: CSV and XLSX for reading (every cell formula-neutralised through
govshare_platform.exchange.tabular, whose rule lives once in govshare_core.exchange), and the
signed bundle for keeping (第二十六条: archives before a purge are bundles too).

A bundle is a ZIP of
- `events.csv`: one row per event, oldest first, with its hash, its predecessor's hash and
  `record`, the exact canonical JSON the hash was computed over — so each row can be re-hashed
  without the database;
- `manifest.json`: what was selected (filters, range, counts), the SHA-256 of events.csv, the
  chain head and the newest checkpoint when it was made, the key id;
- `manifest.sig`: the Ed25519 signature of manifest.json's bytes with the audit key.
`verify_bundle` checks all of it (`govshare-platform audit verify-export FILE`).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy.orm import Session

from govshare_platform import clock
from govshare_platform.audit import anchor, query
from govshare_platform.audit.models import AuditEvent, AuditHead
from govshare_platform.audit.service import GENESIS, canonical_record, record_digest
from govshare_platform.db import utcnow
from govshare_platform.exchange.tabular import csv_batches

BUNDLE_FORMAT = "govshare-audit-bundle"
READ_HEADER = [
    "序号",
    "时间",
    "操作者编号",
    "操作者",
    "部门编号",
    "操作",
    "对象类型",
    "对象编号",
    "结果",
    "客户端地址",
    "详情",
    "前一哈希",
    "哈希",
]
BUNDLE_HEADER = [
    "seq",
    "at",
    "actor_id",
    "actor_name",
    "department_id",
    "action",
    "object_type",
    "object_id",
    "outcome",
    "client_address",
    "details",
    "prev_hash",
    "hash",
    "record",
]


def _text(value: object) -> str:
    return "" if value is None else str(value)


def read_row(e: AuditEvent) -> list[str]:
    """An event as the readable CSV/XLSX export shows it (time in Asia/Shanghai)."""
    return [
        str(e.seq),
        e.at.astimezone(clock.SHANGHAI).strftime("%Y-%m-%d %H:%M:%S"),
        _text(e.actor_id),
        _text(e.actor_name),
        _text(e.department_id),
        e.action,
        _text(e.object_type),
        _text(e.object_id),
        e.outcome,
        _text(e.client_address),
        json.dumps(e.details or {}, ensure_ascii=False, sort_keys=True),
        e.prev_hash,
        e.hash,
    ]


def bundle_row(e: AuditEvent) -> list[str]:
    return [
        str(e.seq),
        e.at.astimezone(clock.SHANGHAI).isoformat(),
        *read_row(e)[2:],
        canonical_record(e),
    ]


def read_batches(
    session: Session, filters: query.AuditFilter, upto_seq: int | None
) -> Iterator[list[list[str]]]:
    for batch in query.iterate(session, filters, upto_seq=upto_seq):
        yield [read_row(e) for e in batch]


# --- the bundle -------------------------------------------------------------------------------


@dataclass
class _Tally:
    count: int = 0
    first_seq: int | None = None
    last_seq: int | None = None
    first_prev_hash: str | None = None
    last_hash: str | None = None
    contiguous: bool = True
    broken_at: int | None = None

    def add(self, e: AuditEvent) -> None:
        if self.last_seq is None:
            self.first_seq, self.first_prev_hash = e.seq, e.prev_hash
        elif e.seq != self.last_seq + 1 or e.prev_hash != self.last_hash:
            self.contiguous = False
        if self.broken_at is None and record_digest(e.prev_hash, canonical_record(e)) != e.hash:
            self.broken_at = e.seq
        self.count += 1
        self.last_seq, self.last_hash = e.seq, e.hash


def write_bundle(
    path: Path,
    events: Iterable[list[AuditEvent]],
    *,
    private: Ed25519PrivateKey,
    session: Session,
    kind: str,
    filters: dict[str, Any],
    checkpoint: anchor.Checkpoint | None,
) -> dict[str, Any]:
    """Write the ZIP at `path`; returns the manifest. Raises ValueError when an event does not
    re-hash (the trail was altered: nothing is exported as if it were sound)."""
    tally, digest = _Tally(), hashlib.sha256()

    def rows() -> Iterator[list[list[str]]]:
        for batch in events:
            for e in batch:
                tally.add(e)
            yield [bundle_row(e) for e in batch]

    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        with zf.open("events.csv", "w", force_zip64=True) as out:
            for chunk in csv_batches(BUNDLE_HEADER, rows()):
                digest.update(chunk)
                out.write(chunk)
        if tally.broken_at is not None:
            raise ValueError(f"event #{tally.broken_at} does not re-hash: the trail was altered")
        head = session.get(AuditHead, 1)
        manifest = {
            "format": BUNDLE_FORMAT,
            "version": 1,
            "kind": kind,
            "created_at": utcnow().isoformat(),
            "filters": filters,
            "events": tally.count,
            "first_seq": tally.first_seq,
            "last_seq": tally.last_seq,
            "first_prev_hash": tally.first_prev_hash,
            "last_hash": tally.last_hash,
            "contiguous": tally.contiguous,
            "events_csv_sha256": digest.hexdigest(),
            "chain": {
                "head_seq": head.seq if head else 0,
                "head_hash": head.hash if head else GENESIS,
                "base_seq": head.base_seq if head else 0,
                "base_hash": head.base_hash if head else GENESIS,
            },
            "checkpoint": checkpoint.as_json() if checkpoint else None,
            "key_id": anchor.key_id(private.public_key()),
        }
        data = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")
        zf.writestr("manifest.json", data)
        zf.writestr("manifest.sig", anchor.sign(private, data) + "\n")
    return manifest


def temp_path(suffix: str) -> Path:
    handle, name = tempfile.mkstemp(prefix="govshare-audit-", suffix=suffix)
    os.close(handle)
    return Path(name)


@dataclass
class BundleCheck:
    ok: bool
    problems: list[str] = field(default_factory=list)
    manifest: dict[str, Any] = field(default_factory=dict)
    rows: int = 0


def iter_bundle_rows(zf: zipfile.ZipFile) -> Iterator[dict[str, str]]:
    with zf.open("events.csv") as raw:
        yield from csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8", newline=""))


def verify_bundle(path: Path, public: Ed25519PublicKey) -> BundleCheck:
    """Signature, events.csv's hash, every row re-hashed, counts and range as the manifest says
    (and an unbroken chain where the manifest says `contiguous`)."""
    check = BundleCheck(ok=False)
    try:
        zf = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        check.problems.append(f"not a bundle: {exc}")
        return check
    with zf:
        names = set(zf.namelist())
        missing = {"events.csv", "manifest.json", "manifest.sig"} - names
        if missing:
            check.problems.append(f"missing from the bundle: {', '.join(sorted(missing))}")
            return check
        data = zf.read("manifest.json")
        signature = zf.read("manifest.sig").decode("ascii", "replace").strip()
        try:
            manifest = json.loads(data)
        except ValueError:
            check.problems.append("manifest.json is not JSON")
            return check
        check.manifest = manifest
        if manifest.get("key_id") != anchor.key_id(public):
            check.problems.append("signed with another key (key id differs)")
        elif not anchor.signature_ok(public, data, signature):
            check.problems.append("manifest signature invalid")
        digest = hashlib.sha256()
        with zf.open("events.csv") as raw:
            while chunk := raw.read(1 << 20):
                digest.update(chunk)
        if digest.hexdigest() != manifest.get("events_csv_sha256"):
            check.problems.append("events.csv differs from the manifest's SHA-256")
        _check_rows(zf, manifest, check)
    check.ok = not check.problems
    return check


def _check_rows(zf: zipfile.ZipFile, manifest: dict[str, Any], check: BundleCheck) -> None:
    prev: tuple[int, str] | None = None
    first: dict[str, str] | None = None
    for row in iter_bundle_rows(zf):
        seq = int(row["seq"])
        first = first or row
        if record_digest(row["prev_hash"], row["record"]) != row["hash"]:
            check.problems.append(f"event #{seq} does not re-hash")
            return
        if json.loads(row["record"]).get("seq") != seq:
            check.problems.append(f"event #{seq}: its record names another seq")
            return
        if (
            manifest.get("contiguous")
            and prev is not None
            and (seq, row["prev_hash"])
            != (
                prev[0] + 1,
                prev[1],
            )
        ):
            check.problems.append(f"chain broken before event #{seq}")
            return
        prev = (seq, row["hash"])
        check.rows += 1
    expected = (
        manifest.get("events"),
        manifest.get("first_seq"),
        manifest.get("last_seq"),
        manifest.get("first_prev_hash"),
        manifest.get("last_hash"),
    )
    found = (
        check.rows,
        int(first["seq"]) if first else None,
        prev[0] if prev else None,
        first["prev_hash"] if first else None,
        prev[1] if prev else None,
    )
    if expected != found:
        check.problems.append("the events differ from the manifest's count or range")
