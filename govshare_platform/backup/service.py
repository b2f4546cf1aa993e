"""`govshare-platform backup` and `restore` (第三十条, 第三十二条).

A backup directory holds
- the database copy (database.sqlite3 or database.pgdump; govshare_platform.backup.database),
- `checkpoints.jsonl`: the audit checkpoint file as it was, with a checkpoint taken just before
  the copy (so the copy's chain is anchored at or after it),
- `files/`: the delivered files when they live outside the database (settings.storage_dir),
- `manifest.json`: SHA-256 and size of every file, the schema revision, the chain head and the
  newest checkpoint; `manifest.sig`: its Ed25519 signature with the audit key, when configured.

Restore checks the manifest (signature when a key is configured, every hash), refuses a target
database that is not empty, loads the copy and verifies the audit chain against the backup's
newest checkpoint.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import text

from govshare_core import __version__
from govshare_core.audit_schemas import AuditVerifyOut
from govshare_platform.audit import anchor
from govshare_platform.backup import database
from govshare_platform.backup.database import BackupError
from govshare_platform.db import make_engine, make_session_factory, utcnow
from govshare_platform.settings import Settings

MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
CHECKPOINTS = "checkpoints.jsonl"
FILES = "files"
FORMAT = "govshare-platform-backup"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _listing(directory: Path) -> dict[str, dict[str, Any]]:
    out = {}
    for path in sorted(directory.rglob("*")):
        name = path.relative_to(directory).as_posix()
        if path.is_file() and name not in (MANIFEST, SIGNATURE):
            out[name] = {"sha256": _sha256(path), "bytes": path.stat().st_size}
    return out


def _revision(url: str) -> str | None:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    finally:
        engine.dispose()


def backup(settings: Settings, out: Path) -> dict[str, Any]:
    """Make a backup of the running platform in the new (or empty) directory `out`."""
    if out.exists() and any(out.iterdir()):
        raise BackupError(f"{out} is not empty")
    out.mkdir(parents=True, exist_ok=True)
    url = settings.database_url
    database.dialect(url)
    engine = make_engine(url)
    try:
        factory = make_session_factory(engine)
        checkpoint = anchor.checkpoint_now(factory, settings)
    finally:
        engine.dispose()
    copy = database.dump(url, out)
    source = anchor.checkpoint_file(settings)
    if source is not None and source.exists():
        shutil.copyfile(source, out / CHECKPOINTS)
    if settings.storage_dir is not None and settings.storage_dir.exists():
        shutil.copytree(settings.storage_dir, out / FILES)
    private = anchor.configured_key(settings)
    manifest = {
        "format": FORMAT,
        "version": 1,
        "platform_version": __version__,
        "created_at": utcnow().isoformat(),
        "dialect": database.dialect(url),
        "database_file": copy.name,
        "schema_revision": _revision(url),
        "checkpoint": (
            anchor.Checkpoint(
                checkpoint.seq,
                checkpoint.hash,
                checkpoint.at,
                checkpoint.key_id,
                checkpoint.signature,
            ).as_json()
            if checkpoint is not None
            else None
        ),
        "key_id": anchor.key_id(private.public_key()) if private else None,
        "files": _listing(out),
    }
    data = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")
    (out / MANIFEST).write_bytes(data)
    if private is not None:
        (out / SIGNATURE).write_text(anchor.sign(private, data) + "\n", encoding="ascii")
    return manifest


@dataclass
class RestoreResult:
    manifest: dict[str, Any]
    signed: bool
    verify: AuditVerifyOut | None = None
    notes: list[str] = field(default_factory=list)


def check_manifest(source: Path, settings: Settings) -> tuple[dict[str, Any], bool, list[str]]:
    """The manifest, whether its signature was checked, and notes; BackupError when it fails."""
    try:
        data = (source / MANIFEST).read_bytes()
        manifest = json.loads(data)
    except (OSError, ValueError) as exc:
        raise BackupError(f"no readable {MANIFEST} in {source}: {exc}") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{source} is not a platform backup")
    notes: list[str] = []
    private = anchor.configured_key(settings)
    signed = False
    if (source / SIGNATURE).exists():
        if private is None:
            notes.append("manifest signature NOT checked: no audit key configured")
        else:
            signature = (source / SIGNATURE).read_text(encoding="ascii").strip()
            if manifest.get("key_id") != anchor.key_id(private.public_key()):
                raise BackupError("the manifest is signed with another audit key")
            if not anchor.signature_ok(private.public_key(), data, signature):
                raise BackupError("the manifest's signature is invalid")
            signed = True
    elif private is not None:
        raise BackupError("the manifest is not signed, but an audit key is configured")
    found = _listing(source)
    for name, expected in manifest.get("files", {}).items():
        if name not in found:
            raise BackupError(f"{name} is missing from the backup")
        if found[name]["sha256"] != expected["sha256"]:
            raise BackupError(f"{name} differs from the manifest (SHA-256)")
    unlisted = sorted(set(found) - set(manifest.get("files", {})))
    if unlisted:  # restored as delivered files otherwise, unchecked
        raise BackupError(f"{unlisted[0]} is not in the manifest")
    return manifest, signed, notes


def restore(source: Path, settings: Settings, *, storage_dir: Path | None = None) -> RestoreResult:
    """Restore the backup in `source` into the EMPTY database of `settings.database_url`."""
    manifest, signed, notes = check_manifest(source, settings)
    url = settings.database_url
    if manifest.get("dialect") != database.dialect(url):
        raise BackupError(f"this backup is of a {manifest.get('dialect')} database")
    files = (source / FILES).exists()
    if files and storage_dir is not None and storage_dir.exists() and any(storage_dir.iterdir()):
        # checked before the database is loaded: a refusal leaves the target untouched
        raise BackupError(f"the storage directory {storage_dir} is not empty")
    database.load(url, source / manifest["database_file"])
    if files:
        if storage_dir is None:
            notes.append(f"delivered files are in {source / FILES}: copy them to storage_dir")
        else:  # every file was checked against the signed manifest (check_manifest)
            shutil.copytree(source / FILES, storage_dir, dirs_exist_ok=True)
    result = RestoreResult(manifest, signed, notes=notes)
    checkpoints = source / CHECKPOINTS
    check_settings = settings.model_copy(
        update={"audit_checkpoint_file": checkpoints}  # the backup's, never the live file
    )
    if check_settings.audit_key_file is None:
        notes.append("audit chain checked against itself only: no audit key configured")
    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as session:
            result.verify = anchor.verify(session, check_settings)
    finally:
        engine.dispose()
    return result
