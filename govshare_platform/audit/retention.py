"""Retention of the audit trail (第二十六条: kept at least `log_retention_years`, never under
five years): archive a range as a signed bundle, then purge exactly that range.

- `archive` exports the kept chain's oldest events, from its base up to the last one before a
  date, verifies them while writing, and signs the bundle (kind `archive`).
- `purge` refuses an archive that does not verify, does not start at the chain's base, or does
  not match the database event by event, and refuses while any of its events is younger than
  the retention period. Then, in one transaction: the range is deleted, audit_head's base moves
  to the last purged event (so the chain still verifies from there), an `audit_purge` event is
  written and a new checkpoint signed.
"""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from govshare_core.rules import DEFAULT_LOG_RETENTION_YEARS
from govshare_platform import clock
from govshare_platform.audit import anchor, export, query
from govshare_platform.audit import service as audit
from govshare_platform.audit.models import AuditEvent, AuditHead
from govshare_platform.policy.service import get_policy
from govshare_platform.settings import Settings


class RetentionError(Exception):
    """An archive or a purge refused (the message says why)."""


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=clock.SHANGHAI)


def years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _key(settings: Settings) -> Any:
    private = anchor.configured_key(settings)
    if private is None:
        raise RetentionError(
            "no audit key configured (GOVSHARE_AUDIT_KEY_FILE): archives are signed"
        )
    return private


def archive(
    factory: sessionmaker[Session], settings: Settings, *, before: date, out: Path
) -> dict[str, Any]:
    """Write the bundle of the kept chain's events before `before` (Asia/Shanghai) to `out`;
    returns its manifest. Audited (`audit_archive`)."""
    private = _key(settings)
    if out.exists():
        raise RetentionError(f"{out} exists already")
    with factory() as session:
        head = session.get(AuditHead, 1)
        if head is None:
            raise RetentionError("the audit trail has no head row")
        base_seq, base_hash = head.base_seq, head.base_hash
        first_kept = session.scalar(
            select(func.min(AuditEvent.seq)).where(
                AuditEvent.seq > base_seq, AuditEvent.at >= _start_of(before)
            )
        )
        last = (first_kept - 1) if first_kept is not None else head.seq
        if last <= base_seq:
            raise RetentionError(f"no kept events before {before.isoformat()}")
        first = session.scalar(select(AuditEvent.prev_hash).where(AuditEvent.seq == base_seq + 1))
        if first != base_hash:
            raise RetentionError("the chain does not start at its base: run `audit verify`")
        events = query.iterate(session, query.AuditFilter(), after_seq=base_seq, upto_seq=last)
        newest = anchor.newest_in_table(session)
        try:
            manifest = export.write_bundle(
                out,
                events,
                private=private,
                session=session,
                kind="archive",
                filters={"before": before.isoformat()},
                checkpoint=newest,
            )
        except ValueError as exc:
            out.unlink(missing_ok=True)
            raise RetentionError(str(exc)) from None
        if not manifest["contiguous"] or manifest["last_seq"] != last:
            out.unlink(missing_ok=True)
            raise RetentionError("the range has a gap or a broken link: run `audit verify`")
    audit.append_standalone(
        factory,
        action="audit_archive",
        actor_name="cli",
        details={
            "first_seq": manifest["first_seq"],
            "last_seq": last,
            "events": manifest["events"],
            "before": before.isoformat(),
            "file": out.name,
        },
    )
    return manifest


@dataclass(frozen=True)
class PurgeResult:
    first_seq: int
    last_seq: int
    deleted: int
    checkpoint_seq: int | None


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _matches_database(session: Session, path: Path, first: int, last: int) -> str | None:
    """None when every archived event is in the database with the same hash (and nothing else
    is in the range); else the first difference."""
    with zipfile.ZipFile(path) as zf:
        rows = export.iter_bundle_rows(zf)
        for batch in query.iterate(
            session, query.AuditFilter(), after_seq=first - 1, upto_seq=last
        ):
            for event in batch:
                row = next(rows, None)
                if row is None or int(row["seq"]) != event.seq or row["hash"] != event.hash:
                    return f"event #{event.seq} differs from the archive"
                if (
                    audit.record_digest(event.prev_hash, audit.canonical_record(event))
                    != event.hash
                ):
                    return f"event #{event.seq} in the database was altered"
        if next(rows, None) is not None:
            return "the archive holds events the database does not"
    return None


def purge(
    factory: sessionmaker[Session],
    settings: Settings,
    *,
    archive_file: Path,
    today: date | None = None,
) -> PurgeResult:
    """Delete the archived range (see the module docstring for every refusal)."""
    private = _key(settings)
    check = export.verify_bundle(archive_file, private.public_key())
    if not check.ok:
        raise RetentionError("the archive does not verify: " + "; ".join(check.problems))
    m = check.manifest
    if m.get("kind") != "archive" or not m.get("contiguous") or not m.get("events"):
        raise RetentionError("not an archive of a contiguous range (make one with `audit archive`)")
    first, last = int(m["first_seq"]), int(m["last_seq"])
    day = today or clock.today()
    with factory() as session:
        audit.begin_write(session)
        head = session.execute(
            update(AuditHead)
            .where(AuditHead.id == 1)
            .values(seq=AuditHead.seq)
            .returning(AuditHead.base_seq, AuditHead.base_hash)
        ).first()
        if head is None:
            raise RetentionError("the audit trail has no head row")
        if (first, m["first_prev_hash"]) != (head.base_seq + 1, head.base_hash):
            raise RetentionError("the archive does not start at the chain's base (purged already?)")
        years = max(get_policy(session).log_retention_years, DEFAULT_LOG_RETENTION_YEARS)
        cutoff = _start_of(years_before(day, years))
        youngest = session.scalar(
            select(func.max(AuditEvent.at)).where(AuditEvent.seq.between(first, last))
        )
        if youngest is not None and youngest >= cutoff:
            raise RetentionError(
                f"events younger than {years} years (before {cutoff.date().isoformat()}) cannot "
                "be purged (第二十六条)"
            )
        problem = _matches_database(session, archive_file, first, last)
        if problem:
            raise RetentionError(f"the archive does not match the database: {problem}")
        deleted = session.execute(delete(AuditEvent).where(AuditEvent.seq.between(first, last)))
        session.execute(
            update(AuditHead)
            .where(AuditHead.id == 1)
            .values(base_seq=last, base_hash=m["last_hash"])
        )
        count = int(getattr(deleted, "rowcount", 0) or 0)
        audit.append(
            session,
            action="audit_purge",
            actor_name="cli",
            details={
                "first_seq": first,
                "last_seq": last,
                "deleted": count,
                "retention_years": years,
                "archive": archive_file.name,
                "archive_sha256": _sha256(archive_file),
            },
        )
        row = anchor.take(session, settings)
        session.commit()
    if row is not None:
        anchor.publish(settings, row)
    return PurgeResult(first, last, count, row.seq if row else None)
