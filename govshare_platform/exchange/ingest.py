"""Taking in a delivery (第二十三条) in two steps, so that nothing of a refused or interrupted
upload is kept and no write transaction waits on the network:

1. `stage`: the upload's chunks are counted (refused past the byte limit), hashed, read as rows
   (`readers`), checked (`checker`), and the canonical CSV and its key index written to a private
   temporary directory. No database write; a refusal raises `Rejected` with the report.
2. `store`: in the caller's write transaction, the Delivery row, its key index (batched inserts;
   COPY on PostgreSQL) and the blob (`storage`), made durable before the caller commits.

The caller removes the staging directory (`Staged.cleanup`) whatever happens.
"""

from __future__ import annotations

import hashlib
import shutil
import struct
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import insert
from sqlalchemy.orm import Session

from govshare_core.exchange import (
    CsvEncoding,
    DeliveryFormat,
    DeliveryProblem,
    delivered_on_time,
)
from govshare_core.exchange_schemas import DeliveryReport
from govshare_core.schemas import DataItem
from govshare_platform.exchange.checker import ReportBuilder, RowChecker
from govshare_platform.exchange.keyset import UniqueKeys
from govshare_platform.exchange.models import Delivery, DeliveryKey
from govshare_platform.exchange.readers import FileProblem, check_zip, csv_rows, xlsx_rows
from govshare_platform.exchange.storage import CHUNK, BlobStore, BlobWriter

_KEY_HEAD = struct.Struct("<QIH")
KEY_BATCH = 20_000


@dataclass(frozen=True)
class UploadSpec:
    format: DeliveryFormat
    encoding: CsvEncoding | None
    filename: str | None
    max_bytes: int


class TooLarge(Exception):
    def __init__(self, received: int) -> None:
        super().__init__(f"more than the limit ({received} bytes received)")
        self.received = received


class Rejected(Exception):
    """The checker refused the file: `report` says why, row by row."""

    def __init__(self, report: DeliveryReport, received: int) -> None:
        super().__init__(str(report.problems[0].code) if report.problems else "rejected")
        self.report = report
        self.received = received

    @property
    def code(self) -> str:
        return str(self.report.problems[0].code) if self.report.problems else "rejected"


class _Counted:
    """The upload's chunks, counted and hashed on the way; TooLarge past `limit`."""

    def __init__(self, chunks: Iterable[bytes], limit: int) -> None:
        self._chunks = iter(chunks)
        self._limit = limit
        self.size = 0
        self.sha = hashlib.sha256()

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self._chunks:
            if not chunk:
                continue
            self.size += len(chunk)
            if self.size > self._limit:
                raise TooLarge(self.size)
            self.sha.update(chunk)
            yield chunk

    def drain(self) -> None:
        """Read what the client still sends (so it gets the answer), up to the limit."""
        for _ in self:
            pass


@dataclass
class Staged:
    """A checked delivery waiting to be stored: canonical CSV and key index on local disk."""

    workdir: Path
    rows: int = 0
    bytes: int = 0
    sha256: str = ""
    stored_bytes: int = 0
    report: DeliveryReport | None = None
    key_count: int = 0
    _open: list[BinaryIO] = field(default_factory=list, repr=False)

    @property
    def canonical(self) -> Path:
        return self.workdir / "canonical.csv"

    @property
    def keys(self) -> Path:
        return self.workdir / "keys.bin"

    def cleanup(self) -> None:
        for f in self._open:
            f.close()
        shutil.rmtree(self.workdir, ignore_errors=True)


def new_staging(tmp_root: Path | None = None) -> Staged:
    if tmp_root is not None:
        tmp_root.mkdir(parents=True, exist_ok=True)
    return Staged(Path(tempfile.mkdtemp(prefix="delivery-", dir=tmp_root)))


def _check_rows(rows: Iterator[list[str]], checker: RowChecker, report: ReportBuilder) -> None:
    try:
        header = next(rows, None)
        if header is None:
            report.add(DeliveryProblem.EMPTY_FILE)
            return
        if not checker.header(header):
            return
        number = 0
        for number, cells in enumerate(rows, start=1):
            checker.row(number, cells)
        if number == 0:
            report.add(DeliveryProblem.NO_ROWS)
    except FileProblem as problem:
        report.add(problem.code, row=problem.row, value=problem.value)
    finally:
        checker.finish()


def stage(
    staged: Staged, chunks: Iterable[bytes], items: Sequence[DataItem], spec: UploadSpec
) -> Staged:
    """Check the upload into `staged`; Rejected (with the report) or TooLarge when refused."""
    counted = _Counted(chunks, spec.max_bytes)
    report = ReportBuilder()
    canonical = open(staged.canonical, "wb")
    keys = open(staged.keys, "wb")
    staged._open += [canonical, keys]

    def on_key(key: str, offset: int, length: int) -> None:
        raw = key.encode("utf-8")
        keys.write(_KEY_HEAD.pack(offset, length, len(raw)) + raw)
        staged.key_count += 1

    checker = RowChecker(
        items,
        report,
        canonical.write,
        on_key,
        pad_short=spec.format == DeliveryFormat.XLSX,
        keys=UniqueKeys(staged.workdir / "keys.sqlite"),
    )
    if spec.format == DeliveryFormat.XLSX:
        rows = _xlsx(staged, counted, spec, report)
    else:
        rows = csv_rows(counted, spec.encoding or CsvEncoding.UTF8)
    if rows is not None:
        _check_rows(rows, checker, report)
    if report.problem_count:
        counted.drain()
        raise Rejected(report.report(), counted.size)
    canonical.close()
    keys.close()
    staged.rows = report.rows_checked
    staged.bytes = counted.size
    staged.sha256 = counted.sha.hexdigest()
    staged.stored_bytes = checker.stored_bytes
    staged.report = report.report()
    return staged


def _xlsx(
    staged: Staged, counted: _Counted, spec: UploadSpec, report: ReportBuilder
) -> Iterator[list[str]] | None:
    """Spool the upload to the staging directory, check the zip; the rows, or None refused."""
    path = staged.workdir / "upload.xlsx"
    with open(path, "wb") as spool:
        for chunk in counted:
            spool.write(chunk)
    if counted.size == 0:
        report.add(DeliveryProblem.EMPTY_FILE)
        return None
    try:
        check_zip(path, spec.max_bytes)
    except FileProblem as problem:
        report.add(problem.code, value=problem.value)
        return None
    return xlsx_rows(path)


# --- step 2: the write transaction ---------------------------------------------------------------


def _read_keys(path: Path, delivery_id: int) -> Iterator[list[tuple[int, str, int, int]]]:
    """The staged key index in batches of (delivery_id, key, offset, length)."""
    batch: list[tuple[int, str, int, int]] = []
    with open(path, "rb") as f:
        while head := f.read(_KEY_HEAD.size):
            offset, length, size = _KEY_HEAD.unpack(head)
            batch.append((delivery_id, f.read(size).decode("utf-8"), offset, length))
            if len(batch) >= KEY_BATCH:
                yield batch
                batch = []
    if batch:
        yield batch


def _insert_keys(session: Session, path: Path, delivery_id: int) -> None:
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        raw = connection.connection.driver_connection
        with raw.cursor() as cursor:  # type: ignore[union-attr]
            sql = 'COPY delivery_keys (delivery_id, key, "offset", length) FROM STDIN'
            with cursor.copy(sql) as copy:
                for batch in _read_keys(path, delivery_id):
                    for row in batch:
                        copy.write_row(row)
        return
    if connection.dialect.name == "sqlite":
        sql = 'INSERT INTO delivery_keys (delivery_id, key, "offset", length) VALUES (?, ?, ?, ?)'
        for batch in _read_keys(path, delivery_id):
            connection.exec_driver_sql(sql, batch)
        return
    for batch in _read_keys(path, delivery_id):  # any other database: portable executemany
        session.execute(
            insert(DeliveryKey),
            [{"delivery_id": d, "key": k, "offset": o, "length": n} for d, k, o, n in batch],
        )


@dataclass(frozen=True)
class Recorded:
    delivery: Delivery
    writer: BlobWriter


def store(
    session: Session,
    blobs: BlobStore,
    staged: Staged,
    *,
    entry_id: int,
    department_id: int,
    items: Sequence[DataItem],
    key_item: str,
    spec: UploadSpec,
    user_id: int,
    now: datetime,
    today: date,
    due: date | None,
) -> Recorded:
    """The Delivery row, its key index and its durable blob, in `session`'s transaction. The
    caller commits, or aborts the writer and rolls back."""
    assert staged.report is not None, "stage the delivery first"
    writer = blobs.writer(session)
    try:
        delivery = Delivery(
            entry_id=entry_id,
            department_id=department_id,
            format=str(spec.format),
            encoding=str(spec.encoding) if spec.format == DeliveryFormat.CSV else None,
            filename=spec.filename,
            rows=staged.rows,
            bytes=staged.bytes,
            sha256=staged.sha256,
            items=[item.name for item in items],
            key_item=key_item,
            blob_key=writer.key,
            stored_bytes=staged.stored_bytes,
            delivered_by=user_id,
            delivered_at=now,
            due=due,
            on_time=delivered_on_time(today, due),
            report=staged.report.model_dump(mode="json"),
        )
        session.add(delivery)
        session.flush()
        _insert_keys(session, staged.keys, delivery.id)
        with open(staged.canonical, "rb") as f:
            while data := f.read(CHUNK):
                writer.write(data)
        writer.finish()
    except BaseException:
        writer.abort()
        raise
    return Recorded(delivery, writer)
