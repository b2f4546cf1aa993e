"""The audit trail anchored outside the database (第二十六条, 第三十三条).

A checkpoint is the statement "the chain had `seq` events ending in `hash` at `at`", signed with
an Ed25519 key the database does not hold (a PEM file, `govshare-platform audit init-key`).
Each checkpoint is stored in `audit_checkpoints` AND appended to the checkpoint file (JSON
lines, outside the database) and copied into every backup. Verification then checks the chain
from its base to the head and against the newest checkpoint: the event at the checkpoint's seq
must exist with that hash, the head must not be behind it, and the signature must verify with
the key's public half. So deleting the tail (with or without moving the head back), re-hashing
after a forged event, and wiping the trail are all found — only changes after the newest
checkpoint escape, which is why the maintenance sweep takes one every hour.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from govshare_core.audit_schemas import AuditVerifyOut, CheckpointCheck
from govshare_platform.audit import service as audit
from govshare_platform.audit.models import AuditCheckpoint, AuditEvent, AuditHead
from govshare_platform.db import utcnow
from govshare_platform.settings import Settings

PURPOSE = "govshare-audit-checkpoint"
DEFAULT_CHECKPOINT_FILE = "audit-checkpoints.jsonl"


class AnchorError(Exception):
    """The audit key is missing, unreadable or not the one expected."""


# --- the key ----------------------------------------------------------------------------------


def key_id(public: Ed25519PublicKey) -> str:
    """The key's fingerprint: SHA-256 (hex) of the raw public key."""
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()


def write_key(path: Path) -> str:
    """Create a new private key at `path` (mode 0600; refuses to overwrite); returns its id."""
    private = Ed25519PrivateKey.generate()
    pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(pem)
    return key_id(private.public_key())


def ensure_key(directory: Path) -> dict[str, Any]:
    """The settings of an audit key in `directory`, created at the first call (the embedded
    demo: no key material in the repository)."""
    key = directory / "audit.key"
    if not key.exists():
        write_key(key)
    return {"audit_key_file": key, "audit_checkpoint_file": directory / DEFAULT_CHECKPOINT_FILE}


def public_pem(private: Ed25519PrivateKey) -> bytes:
    return private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def load_private(path: Path) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as exc:
        raise AnchorError(f"cannot read the audit key {path}: {exc}") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise AnchorError(f"{path} is not an Ed25519 private key")
    return key


def load_public(path: Path) -> Ed25519PublicKey:
    """The public half from a private or a public PEM file (an auditor may hold only that)."""
    data = path.read_bytes() if path.exists() else b""
    if b"PRIVATE KEY" in data:
        return load_private(path).public_key()
    try:
        key = serialization.load_pem_public_key(data)
    except (ValueError, TypeError) as exc:
        raise AnchorError(f"cannot read the key {path}: {exc}") from None
    if not isinstance(key, Ed25519PublicKey):
        raise AnchorError(f"{path} is not an Ed25519 key")
    return key


def configured_key(settings: Settings) -> Ed25519PrivateKey | None:
    return load_private(settings.audit_key_file) if settings.audit_key_file else None


def checkpoint_file(settings: Settings) -> Path | None:
    if settings.audit_checkpoint_file is not None:
        return settings.audit_checkpoint_file
    if settings.audit_key_file is not None:
        return settings.audit_key_file.parent / DEFAULT_CHECKPOINT_FILE
    return None


def sign(private: Ed25519PrivateKey, data: bytes) -> str:
    return base64.b64encode(private.sign(data)).decode("ascii")


def signature_ok(public: Ed25519PublicKey, data: bytes, signature: str) -> bool:
    try:
        public.verify(base64.b64decode(signature, validate=True), data)
    except (InvalidSignature, ValueError):
        return False
    return True


# --- checkpoints ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Checkpoint:
    seq: int
    hash: str
    at: datetime
    key_id: str
    signature: str

    def message(self) -> bytes:
        return signed_message(self.seq, self.hash, self.at, self.key_id)

    def as_json(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "hash": self.hash,
            "at": self.at.isoformat(),
            "key_id": self.key_id,
            "signature": self.signature,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Checkpoint:
        return cls(
            int(data["seq"]),
            str(data["hash"]),
            datetime.fromisoformat(str(data["at"])),
            str(data["key_id"]),
            str(data["signature"]),
        )


def signed_message(seq: int, digest: str, at: datetime, kid: str) -> bytes:
    body = {"purpose": PURPOSE, "seq": seq, "hash": digest, "at": at.isoformat(), "key_id": kid}
    return json.dumps(body, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _append_line(path: Path, checkpoint: Checkpoint) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps(checkpoint.as_json(), sort_keys=True) + "\n"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        os.write(fd, line.encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)


def read_file(path: Path | None) -> list[Checkpoint]:
    """Every readable checkpoint line of the file (none if there is no file)."""
    if path is None or not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            out.append(Checkpoint.from_json(json.loads(line)))
        except (ValueError, KeyError, TypeError):
            continue
    return out


def newest(checkpoints: list[Checkpoint]) -> Checkpoint | None:
    return max(checkpoints, key=lambda c: (c.seq, c.at), default=None)


def newest_in_table(session: Session) -> Checkpoint | None:
    row = session.scalars(
        select(AuditCheckpoint).order_by(AuditCheckpoint.seq.desc(), AuditCheckpoint.id.desc())
    ).first()
    if row is None:
        return None
    return Checkpoint(row.seq, row.hash, row.at, row.key_id, row.signature)


def take(session: Session, settings: Settings) -> AuditCheckpoint | None:
    """Sign the current head in `session`'s transaction (the caller commits, then calls
    `publish`); None without a configured key."""
    private = configured_key(settings)
    if private is None:
        return None
    audit.flush_pending(session)  # the checkpoint covers the events of its own transaction
    head = session.get(AuditHead, 1, populate_existing=True)
    seq, digest = (head.seq, head.hash) if head is not None else (0, audit.GENESIS)
    kid, at = key_id(private.public_key()), utcnow()
    row = AuditCheckpoint(
        seq=seq,
        hash=digest,
        at=at,
        key_id=kid,
        signature=sign(private, signed_message(seq, digest, at, kid)),
    )
    session.add(row)
    session.flush()
    return row


def publish(settings: Settings, row: AuditCheckpoint) -> None:
    """Append a committed checkpoint to the checkpoint file (outside the database)."""
    path = checkpoint_file(settings)
    if path is not None:
        _append_line(path, Checkpoint(row.seq, row.hash, row.at, row.key_id, row.signature))


def checkpoint_now(factory: sessionmaker[Session], settings: Settings) -> AuditCheckpoint | None:
    """Take, commit and publish a checkpoint in a transaction of its own."""
    with factory() as session:
        audit.begin_write(session)
        row = take(session, settings)
        session.commit()
    if row is not None:
        publish(settings, row)
    return row


def sweep_checkpoint(factory: sessionmaker[Session], settings: Settings) -> bool:
    """The maintenance sweep's checkpoint: only when a key is configured and the head moved
    since the newest checkpoint. Returns whether one was taken."""
    if settings.audit_key_file is None:
        return False
    with factory() as session:
        head = session.get(AuditHead, 1)
        last = newest_in_table(session)
    if head is not None and last is not None and last.seq == head.seq and last.hash == head.hash:
        return False
    return checkpoint_now(factory, settings) is not None


def checkpoint_if_moved(settings: Settings) -> bool:
    """`sweep_checkpoint` with an engine of its own (a program starting the platform)."""
    from govshare_platform.db import make_engine, make_session_factory

    engine = make_engine(settings.database_url)
    try:
        return sweep_checkpoint(make_session_factory(engine), settings)
    finally:
        engine.dispose()


# --- verification -----------------------------------------------------------------------------


def check_checkpoint(
    session: Session, public: Ed25519PublicKey, cp: Checkpoint, chain: audit.VerifyResult
) -> CheckpointCheck:
    """One checkpoint against the key and the chain as it is now."""

    def result(reason: str | None) -> CheckpointCheck:
        return CheckpointCheck(seq=cp.seq, at=cp.at, ok=reason is None, reason=reason)

    if cp.key_id != key_id(public):
        return result("checkpoint signed with another key")
    if not signature_ok(public, cp.message(), cp.signature):
        return result("checkpoint signature invalid")
    if chain.head_seq < cp.seq:
        return result("the head is behind the checkpoint: events were deleted")
    if cp.seq < chain.base_seq:
        return result("the checkpointed event lies in a purged range without a later checkpoint")
    if cp.seq == chain.base_seq:
        matches = cp.hash == _base_hash(session)
        return result(None if matches else "the chain's base does not match the checkpoint")
    stored = session.scalar(select(AuditEvent.hash).where(AuditEvent.seq == cp.seq))
    if stored is None:
        return result("the checkpointed event is missing")
    if stored != cp.hash:
        return result("the checkpointed event's hash differs: the trail was rewritten")
    return result(None)


def _base_hash(session: Session) -> str:
    head = session.get(AuditHead, 1)
    return head.base_hash if head is not None else audit.GENESIS


def _head_only(session: Session) -> audit.VerifyResult:
    """The head and base as stored, before any rehashing (to check checkpoints first)."""
    head = session.get(AuditHead, 1, populate_existing=True)
    if head is None:
        return audit.VerifyResult(False, 0)
    return audit.VerifyResult(True, 0, None, None, head.base_seq, head.seq, head.hash)


def verify(session: Session, settings: Settings, *, full: bool = True) -> AuditVerifyOut:
    """The chain against itself and against the newest checkpoint of the file and of the table
    (each checked; the newer one is reported, any failure fails).

    `full`: rehash from the chain's base to the head. Otherwise (incremental, GET /audit/verify
    by default) the checkpoints are checked first and, when every one holds and the newest lies
    inside the kept chain, only the events after it are rehashed, from its signed hash: what the
    signature covers is not hashed again. Any checkpoint failure, or no key, falls back to the
    full check, so every finding is reported exactly as by a full one. What only the full check
    finds: an old event edited BEFORE the newest checkpoint while its stored hash was left alone
    (the chain is then not consistent in itself; a rewrite that re-hashes it changes the
    checkpointed event's hash and is found either way)."""
    private = configured_key(settings)
    public = private.public_key() if private is not None else None
    candidates = []
    if public is not None:
        candidates = [
            c
            for c in (newest(read_file(checkpoint_file(settings))), newest_in_table(session))
            if c is not None
        ]
    start: tuple[int, str] | None = None
    if not full and public is not None and candidates:
        stored = _head_only(session)
        first = [check_checkpoint(session, public, c, stored) for c in candidates]
        cp = max(candidates, key=lambda c: (c.seq, c.at))
        if stored.ok and all(c.ok for c in first) and cp.seq > stored.base_seq:
            start = (cp.seq, cp.hash)
    chain = audit.verify_chain(session, start=start)
    ok, first_broken, reason = chain.ok, chain.first_broken_seq, chain.reason
    check: CheckpointCheck | None = None
    if public is not None:
        checks = [check_checkpoint(session, public, c, chain) for c in candidates]
        if checks:
            failed = [c for c in checks if not c.ok]
            check = failed[0] if failed else max(checks, key=lambda c: (c.seq, c.at))
            if failed and ok:
                ok, first_broken, reason = False, None, failed[0].reason
    return AuditVerifyOut(
        ok=ok,
        checked=chain.checked,
        base_seq=chain.base_seq,
        head_seq=chain.head_seq,
        first_broken_seq=first_broken,
        reason=reason,
        checkpoint=check,
        anchored=private is not None,
        verified_at=utcnow(),
    )


def verify_details(result: AuditVerifyOut, *, full: bool) -> dict[str, Any]:
    """What an `audit_verify` event records of a verification (the desk's and the sweep's; the
    audit admin's to-do reads `ok` and `full`: govshare_platform.inbox.admin_todo)."""
    return {
        "ok": result.ok,
        "full": full,
        "checked": result.checked,
        "first_broken_seq": result.first_broken_seq,
        "reason": result.reason,
        "anchored": result.anchored,
    }
