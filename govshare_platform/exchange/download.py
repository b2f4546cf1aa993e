"""The body of a projected download (第二十四条, 第二十九条), run after the request's session has
ended: it opens its own sessions from the factory, re-checks the grant as it goes, and logs the
outcome (第二十六条) when it ends — OK with rows and bytes sent, or ABORTED when the grant was
lost mid-stream (`grant_revoked`; the stream is cut by raising) or the client went away.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from govshare_core.exchange import DOWNLOAD_MODES, AccessAction, AccessOutcome, DeliveryFormat
from govshare_platform import clock
from govshare_platform.exchange import grants_view, log
from govshare_platform.exchange.csv_projection import projected_csv
from govshare_platform.exchange.projection import (
    GrantLost,
    Progress,
    column_picker,
    csv_rows,
    projected_batches,
)
from govshare_platform.exchange.storage import BlobStore
from govshare_platform.exchange.tabular import stream_file, xlsx_file


@dataclass(frozen=True)
class DownloadJob:
    """Everything the stream needs, as plain values (no ORM objects outlive the request)."""

    factory: sessionmaker[Session]
    store: BlobStore
    fmt: DeliveryFormat
    blob_key: str
    delivery_id: int
    entry_id: int
    entry_name: str
    provider_department_id: int
    department_id: int
    user_id: int
    user_name: str
    client_address: str | None
    grant_ids: list[int]
    items: list[str]


def _still_granted(job: DownloadJob) -> bool:
    with job.factory() as session:
        granted = grants_view.granted_items(
            session,
            department_id=job.department_id,
            entry_id=job.entry_id,
            today=clock.today(),
            modes=DOWNLOAD_MODES,
        )
    return set(job.items) <= granted


def _log(job: DownloadJob, progress: Progress, outcome: AccessOutcome, reason: str | None) -> None:
    log.record_standalone(
        job.factory,
        action=AccessAction.DOWNLOAD,
        outcome=outcome,
        reason=reason,
        user_id=job.user_id,
        user_name=job.user_name,
        department_id=job.department_id,
        entry_id=job.entry_id,
        provider_department_id=job.provider_department_id,
        delivery_id=job.delivery_id,
        grant_ids=job.grant_ids,
        items=job.items,
        rows=progress.rows,
        bytes_=progress.bytes,
        client_address=job.client_address,
    )


def _chunks(job: DownloadJob, session: Session, progress: Progress) -> Iterator[bytes]:
    chunks = job.store.iter_chunks(session, job.blob_key)
    if job.fmt == DeliveryFormat.CSV:
        return projected_csv(
            chunks, job.items, still_granted=lambda: _still_granted(job), progress=progress
        )
    rows = csv_rows(chunks)
    pick = column_picker(next(rows), job.items)
    batches = projected_batches(
        rows, pick, still_granted=lambda: _still_granted(job), progress=progress
    )
    return stream_file(xlsx_file(job.items, batches, title=job.entry_name))


def stream(job: DownloadJob) -> Iterator[bytes]:
    """The projected file's bytes; logs the outcome once, however the stream ends."""
    progress = Progress()
    outcome = AccessOutcome.ABORTED
    reason: str | None = "client_gone"
    try:
        with job.factory() as session:
            for chunk in _chunks(job, session, progress):
                progress.bytes += len(chunk)
                yield chunk
        outcome, reason = AccessOutcome.OK, None
    except GrantLost:
        reason = "grant_revoked"
        raise
    except Exception:
        reason = "server_error"
        raise
    finally:
        _log(job, progress, outcome, reason)
