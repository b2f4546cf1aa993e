"""Where delivered files live (第二十三条): one blob store shared by every API process.

- `FileBlobStore`: a configured directory (GOVSHARE_STORAGE_DIR; on a shared volume when several
  API processes run). A blob is written under `tmp/` and renamed into place only by `finish`,
  after an fsync; `abort` removes it. A crash between `finish` and the delivery's commit leaves an
  unreferenced file, which `sweep_orphans` removes: never a row pointing at a missing file.
- `DatabaseBlobStore`: without a directory, blobs are `blob_chunks` rows of CHUNK bytes, written in
  the delivery's own transaction: they commit or vanish with it.

Blob keys are random (uuid4 hex), never derived from user input.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from govshare_platform.exchange.models import BlobChunk

CHUNK = 1024 * 1024


def new_blob_key() -> str:
    return uuid.uuid4().hex


class BlobWriter(Protocol):
    key: str

    def write(self, data: bytes) -> None: ...

    def finish(self) -> int:
        """Make the blob durable (file store: fsync + rename); returns its size."""
        ...

    def abort(self) -> None:
        """Drop everything written (idempotent)."""
        ...


class BlobStore(Protocol):
    def writer(self, session: Session) -> BlobWriter:
        """A new blob, written in `session`'s transaction where the store is the database."""
        ...

    def iter_chunks(self, session: Session, key: str, chunk: int = CHUNK) -> Iterator[bytes]:
        """The blob's bytes, in order, `chunk` at a time (never all in memory)."""
        ...

    def read_range(self, session: Session, key: str, offset: int, length: int) -> bytes: ...

    def delete(self, session: Session, key: str) -> None: ...


# --- files -----------------------------------------------------------------------------------


class _FileWriter:
    def __init__(self, root: Path) -> None:
        self.key = new_blob_key()
        self._final = root / self.key[:2] / self.key
        self._tmp = root / "tmp" / f"{self.key}.part"
        self._tmp.parent.mkdir(parents=True, exist_ok=True)
        self._file = open(self._tmp, "wb")
        self._size = 0

    def write(self, data: bytes) -> None:
        self._file.write(data)
        self._size += len(data)

    def finish(self) -> int:
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()
        self._final.parent.mkdir(parents=True, exist_ok=True)
        os.replace(self._tmp, self._final)
        return self._size

    def abort(self) -> None:
        if not self._file.closed:
            self._file.close()
        self._tmp.unlink(missing_ok=True)
        self._final.unlink(missing_ok=True)


class FileBlobStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, key: str) -> Path:
        return self.root / key[:2] / key

    def writer(self, session: Session) -> BlobWriter:
        return _FileWriter(self.root)

    def iter_chunks(self, session: Session, key: str, chunk: int = CHUNK) -> Iterator[bytes]:
        with open(self.path(key), "rb") as f:
            while data := f.read(chunk):
                yield data

    def read_range(self, session: Session, key: str, offset: int, length: int) -> bytes:
        with open(self.path(key), "rb") as f:
            f.seek(offset)
            return f.read(length)

    def delete(self, session: Session, key: str) -> None:
        self.path(key).unlink(missing_ok=True)

    def sweep_orphans(self, referenced: set[str]) -> int:
        """Remove blobs no delivery points to and stale temporary files; returns how many."""
        removed = 0
        for path in self.root.glob("*/*"):
            if path.parent.name == "tmp" or path.name not in referenced:
                path.unlink(missing_ok=True)
                removed += 1
        return removed


# --- the database ----------------------------------------------------------------------------


class _DatabaseWriter:
    def __init__(self, session: Session) -> None:
        self.key = new_blob_key()
        self._session = session
        self._buffer = bytearray()
        self._seq = 0
        self._size = 0

    def _flush_chunk(self, data: bytes) -> None:
        self._session.add(BlobChunk(blob_key=self.key, seq=self._seq, data=data))
        self._session.flush()
        self._seq += 1

    def write(self, data: bytes) -> None:
        self._buffer += data
        self._size += len(data)
        while len(self._buffer) >= CHUNK:
            self._flush_chunk(bytes(self._buffer[:CHUNK]))
            del self._buffer[:CHUNK]

    def finish(self) -> int:
        if self._buffer or self._seq == 0:
            self._flush_chunk(bytes(self._buffer))
            self._buffer.clear()
        return self._size

    def abort(self) -> None:
        self._buffer.clear()
        self._session.execute(delete(BlobChunk).where(BlobChunk.blob_key == self.key))


class DatabaseBlobStore:
    def writer(self, session: Session) -> BlobWriter:
        return _DatabaseWriter(session)

    def iter_chunks(self, session: Session, key: str, chunk: int = CHUNK) -> Iterator[bytes]:
        # one row at a time: a 1 GiB blob is never in memory at once
        seqs = session.scalars(
            select(BlobChunk.seq).where(BlobChunk.blob_key == key).order_by(BlobChunk.seq)
        ).all()
        for seq in seqs:
            data = session.scalar(
                select(BlobChunk.data).where(BlobChunk.blob_key == key, BlobChunk.seq == seq)
            )
            if data:
                yield bytes(data)

    def read_range(self, session: Session, key: str, offset: int, length: int) -> bytes:
        first, last = offset // CHUNK, (offset + length - 1) // CHUNK
        rows = session.execute(
            select(BlobChunk.seq, BlobChunk.data)
            .where(BlobChunk.blob_key == key, BlobChunk.seq.between(first, last))
            .order_by(BlobChunk.seq)
        ).all()
        joined = b"".join(bytes(data) for _, data in rows)
        start = offset - first * CHUNK
        return joined[start : start + length]

    def delete(self, session: Session, key: str) -> None:
        session.execute(delete(BlobChunk).where(BlobChunk.blob_key == key))


def blob_store(storage_dir: Path | None) -> BlobStore:
    """The configured store: the directory when set, else the database."""
    return FileBlobStore(storage_dir) if storage_dir is not None else DatabaseBlobStore()
