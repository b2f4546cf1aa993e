"""`govshare-platform audit …`, `backup` and `restore`: the operator's audit, retention and
backup tools (第二十六条, 第三十条, 第三十二条). Registered by govshare_platform.cli."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from govshare_platform.settings import Settings

CommonOptions = Callable[[argparse.ArgumentParser], None]


def _settings(args: argparse.Namespace) -> Settings:
    overrides: dict[str, Any] = {}
    if getattr(args, "database_url", None):
        overrides["database_url"] = args.database_url
    if getattr(args, "key", None):
        overrides["audit_key_file"] = args.key
    return Settings(**overrides)


def _factory(settings: Settings) -> Any:
    from govshare_platform.db import make_engine, make_session_factory

    return make_session_factory(make_engine(settings.database_url))


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2


def cmd_verify(args: argparse.Namespace) -> int:
    from govshare_platform.audit import anchor

    settings = _settings(args)
    with _factory(settings)() as session:
        result = anchor.verify(session, settings)
    cp = result.checkpoint
    if not result.ok:
        where = f" at event #{result.first_broken_seq}" if result.first_broken_seq else ""
        print(
            f"audit chain BROKEN{where}: {result.reason} "
            f"({result.checked} events verified before it)",
            file=sys.stderr,
        )
        return 1
    print(f"audit chain intact: {result.checked} events verified")
    if not result.anchored:
        print("not anchored: no audit key configured (GOVSHARE_AUDIT_KEY_FILE)")
    elif cp is None:
        print("anchored, but no checkpoint yet (`govshare-platform audit checkpoint`)")
    else:
        print(f"matches the signed checkpoint of event #{cp.seq} ({cp.at.isoformat()})")
    return 0


def cmd_init_key(args: argparse.Namespace) -> int:
    from govshare_platform.audit import anchor

    if args.out.exists():
        return _fail(f"{args.out} exists already (a key is never overwritten)")
    kid = anchor.write_key(args.out)
    print(f"audit key written to {args.out} (mode 0600), key id {kid}")
    print(f"set GOVSHARE_AUDIT_KEY_FILE={args.out}; keep a copy off the database server")
    return 0


def cmd_public_key(args: argparse.Namespace) -> int:
    from govshare_platform.audit import anchor

    private = anchor.configured_key(_settings(args))
    if private is None:
        return _fail("no audit key configured (--key or GOVSHARE_AUDIT_KEY_FILE)")
    args.out.write_bytes(anchor.public_pem(private))
    print(f"public key written to {args.out}, key id {anchor.key_id(private.public_key())}")
    return 0


def cmd_checkpoint(args: argparse.Namespace) -> int:
    from govshare_platform.audit import anchor

    settings = _settings(args)
    row = anchor.checkpoint_now(_factory(settings), settings)
    if row is None:
        return _fail("no audit key configured (--key or GOVSHARE_AUDIT_KEY_FILE)")
    print(json.dumps({"seq": row.seq, "hash": row.hash, "at": row.at.isoformat()}))
    return 0


def cmd_verify_export(args: argparse.Namespace) -> int:
    from govshare_platform.audit import anchor, export

    if args.public_key is not None:
        public = anchor.load_public(args.public_key)
    else:
        private = anchor.configured_key(_settings(args))
        if private is None:
            return _fail("give --public-key or configure the audit key")
        public = private.public_key()
    check = export.verify_bundle(args.file, public)
    if not check.ok:
        print(f"export does NOT verify: {'; '.join(check.problems)}", file=sys.stderr)
        return 1
    m = check.manifest
    print(
        f"export verifies: {check.rows} events (#{m.get('first_seq')}–#{m.get('last_seq')}), "
        f"{m.get('kind')}, signed by key {m.get('key_id')}"
    )
    return 0


def cmd_archive(args: argparse.Namespace) -> int:
    from govshare_platform.audit import retention

    settings = _settings(args)
    try:
        m = retention.archive(_factory(settings), settings, before=args.before, out=args.out)
    except retention.RetentionError as exc:
        return _fail(str(exc))
    print(f"archived events #{m['first_seq']}–#{m['last_seq']} ({m['events']}) to {args.out}")
    return 0


def cmd_purge(args: argparse.Namespace) -> int:
    from govshare_platform.audit import retention

    settings = _settings(args)
    try:
        done = retention.purge(_factory(settings), settings, archive_file=args.archive)
    except retention.RetentionError as exc:
        return _fail(str(exc))
    print(
        f"purged events #{done.first_seq}–#{done.last_seq} ({done.deleted}); the chain now "
        f"starts after #{done.last_seq}; checkpoint at #{done.checkpoint_seq}"
    )
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from govshare_platform.backup.database import BackupError
    from govshare_platform.backup.service import backup

    try:
        manifest = backup(_settings(args), args.out)
    except BackupError as exc:
        return _fail(str(exc))
    signed = "signed" if manifest["key_id"] else "NOT signed (no audit key configured)"
    cp = manifest["checkpoint"]
    print(f"backup written to {args.out}: {len(manifest['files'])} files, manifest {signed}")
    if cp:
        print(f"audit checkpoint: event #{cp['seq']}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from govshare_platform.backup.database import BackupError
    from govshare_platform.backup.service import restore

    try:
        result = restore(args.source, _settings(args), storage_dir=args.storage_dir)
    except BackupError as exc:
        return _fail(str(exc))
    for note in result.notes:
        print(f"note: {note}")
    v = result.verify
    if v is None or not v.ok:
        reason = v.reason if v else "not verified"
        print(f"restored, but the audit chain does NOT verify: {reason}", file=sys.stderr)
        return 1
    anchored = f", matches checkpoint #{v.checkpoint.seq}" if v.checkpoint else ""
    print(f"restored; manifest verified; audit chain intact ({v.checked} events{anchored})")
    return 0


def add_parsers(sub: Any, common: CommonOptions) -> None:
    """Add `audit …`, `backup` and `restore` to the CLI's subcommands."""
    audit = sub.add_parser("audit", help="audit trail tools (verify, key, export, retention)")
    audit_sub = audit.add_subparsers(dest="audit_command", required=True)

    def command(name: str, func: Callable[[argparse.Namespace], int], help: str) -> Any:
        parser = audit_sub.add_parser(name, help=help, description=help)
        common(parser)
        parser.add_argument(
            "--key", type=Path, help="audit key (default: $GOVSHARE_AUDIT_KEY_FILE)"
        )
        parser.set_defaults(func=func)
        return parser

    command("verify", cmd_verify, "check the hash chain and the newest signed checkpoint")
    init = command("init-key", cmd_init_key, "write a new Ed25519 audit key (mode 0600)")
    init.add_argument("--out", type=Path, required=True)
    pub = command("public-key", cmd_public_key, "write the audit key's public half (PEM)")
    pub.add_argument("--out", type=Path, required=True)
    command("checkpoint", cmd_checkpoint, "sign the chain's head now")
    ver = command("verify-export", cmd_verify_export, "verify a bundle or archive file")
    ver.add_argument("file", type=Path)
    ver.add_argument("--public-key", type=Path, help="PEM of the audit key's public half")
    arc = command(
        "archive", cmd_archive, "export the oldest kept events before DATE as a signed archive"
    )
    arc.add_argument("--before", type=date.fromisoformat, required=True, help="YYYY-MM-DD")
    arc.add_argument("--out", type=Path, required=True)
    purge = command(
        "purge",
        cmd_purge,
        "delete the range of a verified archive (older than log_retention_years, 第二十六条)",
    )
    purge.add_argument("--archive", type=Path, required=True)

    bak = sub.add_parser(
        "backup",
        help="online backup: database, audit checkpoint, signed manifest (第三十条)",
        description="Copy the running platform's database consistently (SQLite online backup "
        "API; PostgreSQL pg_dump), with a fresh audit checkpoint and a manifest of SHA-256 "
        "hashes signed with the audit key, into a new directory.",
    )
    common(bak)
    bak.add_argument("--out", type=Path, required=True)
    bak.add_argument("--key", type=Path, help="audit key (default: $GOVSHARE_AUDIT_KEY_FILE)")
    bak.set_defaults(func=cmd_backup)
    res = sub.add_parser(
        "restore",
        help="restore a backup into an EMPTY database and verify it",
        description="Check the backup's manifest (hashes; signature with the audit key), "
        "restore into an empty database, and verify the audit chain against the backup's "
        "checkpoint. Exit status 1 when the chain does not verify.",
    )
    common(res)
    res.add_argument("--from", dest="source", type=Path, required=True)
    res.add_argument("--key", type=Path, help="audit key (default: $GOVSHARE_AUDIT_KEY_FILE)")
    res.add_argument("--storage-dir", type=Path, help="copy the backup's delivered files here")
    res.set_defaults(func=cmd_restore)
