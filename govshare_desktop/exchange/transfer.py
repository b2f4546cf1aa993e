"""File transfers with the exchange system, streamed from and to disk (no Qt here).

    keys = UploadKeys()
    out = upload_delivery(client, entry_id, path, fmt="csv", encoding="utf-8", keys=keys,
                          progress=on_bytes, cancelled=task_is_cancelled)
    got = download(client, exchange_paths.data_path(entry_id), {"format": "csv"}, target, ...)

Uploads read the file in blocks as the connection sends them (`_ProgressReader`): progress is
counted, and a cancel stops the body mid-way — the platform then keeps nothing (第二十三条: a
partial upload leaves nothing behind). Each upload of the same file to the same entry carries the
same Idempotency-Key until the platform answers, so a retry after a dropped connection is
answered with the first result instead of making a second delivery.

Downloads go to `<target>.part` and are renamed to the target only when complete: a cut stream
(grant revoked mid-download, network gone) or a size/row count that does not match the headers
deletes the part file and raises `TransferIncomplete`; a retry starts over cleanly.

These functions run in background tasks (govshare_desktop/tasks.py); they use the client's
session, base URL and token, and build their requests here (file bodies are not JSON actions).
"""

from __future__ import annotations

import csv
import hashlib
import os
import threading
import time
import uuid
import zipfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import requests
from pydantic import ValidationError

from govshare_core.exchange import MAX_QUERY_KEYS, DeliveryFormat
from govshare_core.exchange_schemas import DeliveryOut, QueryOut
from govshare_desktop.api import exchange_paths
from govshare_desktop.api.client import PlatformClient
from govshare_desktop.api.errors import ApiError, network_error

BLOCK = 256 * 1024
"""Bytes read or written at a time."""
UPLOAD_READ_TIMEOUT = 600.0
"""Seconds to wait for the platform's answer once a file is sent (it checks every row)."""
UPLOAD_RETRIES = 2
"""Automatic resends after a dropped connection (same Idempotency-Key: no duplicate)."""

CONTENT_TYPES = {
    DeliveryFormat.CSV: "text/csv",
    DeliveryFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

OnBytes = Callable[[int, int | None], None]
"""progress(bytes done, bytes in all or None)."""
IsCancelled = Callable[[], bool]


class TransferCancelled(Exception):
    """The user cancelled the transfer; nothing of it is kept."""


class TransferIncomplete(Exception):
    """The transfer ended early or does not match what the platform announced; the part file
    is deleted. `reason`: "cut" (the stream broke), "size", "rows", "corrupt"."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


class DeliveryRejected(Exception):
    """The platform's checker refused the file (422 delivery_rejected): `report` is its
    DeliveryReport (rows_checked, problem_count, problems, truncated)."""

    def __init__(self, report: dict[str, Any], detail: str = "") -> None:
        super().__init__(detail or "delivery_rejected")
        self.report = report
        self.detail = detail


class UploadKeys:
    """Idempotency keys of uploads waiting for an answer, by (entry, the file's SHA-256):
    resending the same file gets the same key until the platform has answered once."""

    def __init__(self) -> None:
        self._keys: dict[tuple[int, str], str] = {}
        self._lock = threading.Lock()

    def key_for(self, entry_id: int, sha256: str) -> str:
        with self._lock:
            return self._keys.setdefault((entry_id, sha256), uuid.uuid4().hex)

    def forget(self, entry_id: int, sha256: str) -> None:
        with self._lock:
            self._keys.pop((entry_id, sha256), None)

    def pending(self) -> int:
        with self._lock:
            return len(self._keys)


def _never() -> bool:
    return False


def _ignore(_done: int, _total: int | None) -> None:
    return None


def file_sha256(path: Path, *, cancelled: IsCancelled = _never) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(BLOCK):
            if cancelled():
                raise TransferCancelled
            digest.update(block)
    return digest.hexdigest()


class _ProgressReader:
    """A file-like body for `requests`: its length gives Content-Length; each block read
    reports progress and checks for a cancel (which aborts the connection mid-body)."""

    def __init__(self, path: Path, progress: OnBytes, cancelled: IsCancelled) -> None:
        self._file = path.open("rb")
        self._size = path.stat().st_size
        self._done = 0
        self._progress = progress
        self._cancelled = cancelled

    def __len__(self) -> int:
        return self._size

    def read(self, size: int = -1) -> bytes:
        if self._cancelled():
            raise TransferCancelled
        block = self._file.read(BLOCK if size is None or size < 0 else min(size, BLOCK))
        self._done += len(block)
        self._progress(self._done, self._size)
        return block

    def close(self) -> None:
        self._file.close()


def _headers(client: PlatformClient, **extra: str) -> dict[str, str]:
    headers = {"Accept": "application/json, application/problem+json"}
    if client.token:
        headers["Authorization"] = f"Bearer {client.token}"
    headers.update(extra)
    return headers


def problem_of(response: requests.Response) -> ApiError:
    """The ApiError of a refused answer (problem+json, or the bare status)."""
    try:
        body = response.json()
    except ValueError:
        body = {}
    body = body if isinstance(body, dict) else {}
    fallback = "server_unavailable" if response.status_code >= 500 else "http_error"
    return ApiError(
        response.status_code,
        str(body.get("code") or fallback),
        str(body.get("detail", response.reason or "")),
        list(body.get("errors", [])),
        body,
    )


def _checked_model(model: Any, data: Any) -> dict[str, Any]:
    try:
        model.model_validate(data)
    except ValidationError as exc:
        raise ApiError(200, "unexpected_response", str(exc)) from exc
    return dict(data)


# --- upload ----------------------------------------------------------------------------------


def upload_delivery(
    client: PlatformClient,
    entry_id: int,
    path: Path,
    *,
    fmt: str,
    encoding: str | None,
    keys: UploadKeys,
    progress: OnBytes = _ignore,
    cancelled: IsCancelled = _never,
    retries: int = UPLOAD_RETRIES,
) -> dict[str, Any]:
    """Deliver `path` for the entry (第二十三条); the platform's DeliveryOut. Raises
    DeliveryRejected with the checker's report, TransferCancelled, or ApiError."""
    sha = file_sha256(path, cancelled=cancelled)
    key = keys.key_for(entry_id, sha)
    params = {"format": fmt, "filename": path.name}
    if fmt == DeliveryFormat.CSV and encoding:
        params["encoding"] = encoding
    headers = _headers(
        client, **{"Idempotency-Key": key, "Content-Type": CONTENT_TYPES[DeliveryFormat(fmt)]}
    )
    url = client.base_url + exchange_paths.deliveries_path(entry_id)
    for attempt in range(retries + 1):
        body = _ProgressReader(path, progress, cancelled)
        try:
            response = client.session.post(
                url,
                params=params,
                data=body,
                headers=headers,
                timeout=(client.timeout[0], UPLOAD_READ_TIMEOUT),
            )
        except requests.RequestException as exc:
            if cancelled():
                raise TransferCancelled from exc
            if attempt == retries:
                raise network_error("network_unreachable", str(exc)) from exc
            time.sleep(client.backoff * (2**attempt))
            continue
        finally:
            body.close()
        if response.status_code in (502, 503, 504) and attempt < retries:
            time.sleep(client.backoff * (2**attempt))
            continue
        return _upload_answer(response, keys, entry_id, sha)
    raise AssertionError("unreachable")


def _upload_answer(
    response: requests.Response, keys: UploadKeys, entry_id: int, sha: str
) -> dict[str, Any]:
    if response.status_code < 500:
        keys.forget(entry_id, sha)  # answered: a new upload of this file is a new delivery
    if response.status_code < 400:
        return _checked_model(DeliveryOut, response.json())
    error = problem_of(response)
    if error.code == "delivery_rejected" and isinstance(error.body.get("report"), dict):
        raise DeliveryRejected(error.body["report"], error.detail)
    raise error


# --- download --------------------------------------------------------------------------------


@dataclass
class Downloaded:
    """A complete download: where, how many bytes and rows, which items, from which delivery."""

    path: Path
    bytes: int
    rows: int | None = None
    items: list[str] = field(default_factory=list)
    delivery_id: int | None = None


def part_path(target: Path) -> Path:
    return target.with_name(target.name + ".part")


def download(
    client: PlatformClient,
    path: str,
    params: Mapping[str, Any],
    target: Path,
    *,
    fmt: str,
    progress: OnBytes = _ignore,
    cancelled: IsCancelled = _never,
) -> Downloaded:
    """Stream GET `path` into `target` via `<target>.part` (see the module docstring)."""
    part = part_path(target)
    url = client.base_url + path
    try:
        response = client.session.get(
            url, params=dict(params), headers=_headers(client), stream=True, timeout=client.timeout
        )
    except requests.RequestException as exc:
        raise network_error("network_unreachable", str(exc)) from exc
    with response:
        if response.status_code >= 400:
            raise problem_of(response)
        total = _int_header(response, "Content-Length")
        rows = _int_header(response, "X-Row-Count")
        try:
            written = _write_stream(response.iter_content(BLOCK), part, total, progress, cancelled)
            _verify(part, fmt, written, total, rows)
        except BaseException:
            part.unlink(missing_ok=True)
            raise
    os.replace(part, target)
    items = [unquote(i) for i in response.headers.get("X-Items", "").split(",") if i]
    return Downloaded(target, written, rows, items, _int_header(response, "X-Delivery-Id"))


def _int_header(response: requests.Response, name: str) -> int | None:
    value = response.headers.get(name)
    return int(value) if value is not None and value.isdigit() else None


def _write_stream(
    chunks: Iterable[bytes],
    part: Path,
    total: int | None,
    progress: OnBytes,
    cancelled: IsCancelled,
) -> int:
    written = 0
    with part.open("wb") as out:
        try:
            for chunk in chunks:
                if cancelled():
                    raise TransferCancelled
                out.write(chunk)
                written += len(chunk)
                progress(written, total)
        except requests.RequestException as exc:  # the stream was cut (ChunkedEncodingError…)
            raise TransferIncomplete("cut", str(exc)) from exc
    return written


def _verify(part: Path, fmt: str, written: int, total: int | None, rows: int | None) -> None:
    """The file is what the platform announced: its size, its rows (CSV), a whole zip (XLSX)."""
    if total is not None and written != total:
        raise TransferIncomplete("size", f"{written} of {total} bytes")
    if fmt == DeliveryFormat.XLSX:
        try:
            with zipfile.ZipFile(part) as archive:
                archive.namelist()
        except zipfile.BadZipFile as exc:
            raise TransferIncomplete("corrupt", str(exc)) from exc
    elif rows is not None:
        counted = count_csv_rows(part)
        if counted != rows:
            raise TransferIncomplete("rows", f"{counted} of {rows} rows")


def count_csv_rows(path: Path) -> int:
    """Data rows of a UTF-8 CSV file (the header not counted), streamed."""
    with path.open(encoding="utf-8-sig", newline="") as f:
        return max(sum(1 for _ in csv.reader(f)) - 1, 0)


# --- query -----------------------------------------------------------------------------------


def batches(keys: list[str], size: int = MAX_QUERY_KEYS) -> list[list[str]]:
    return [keys[n : n + size] for n in range(0, len(keys), size)]


def clean_keys(lines: Iterable[str]) -> list[str]:
    """Keys from pasted or imported lines: stripped, empty ones dropped, duplicates once."""
    seen: dict[str, None] = {}
    for line in lines:
        key = line.strip().strip('"').strip()
        if key:
            seen.setdefault(key, None)
    return list(seen)


def query(
    client: PlatformClient,
    entry_id: int,
    keys: list[str],
    *,
    items: list[str] | None = None,
    progress: OnBytes = _ignore,
    cancelled: IsCancelled = _never,
) -> dict[str, Any]:
    """Look rows up by key (信息查询, 第二十四条) in batches of MAX_QUERY_KEYS (the platform
    refuses more in one call): QueryOut with the batches' rows and missing keys joined."""
    merged: dict[str, Any] | None = None
    url = client.base_url + exchange_paths.query_path(entry_id)
    for n, batch in enumerate(batches(keys)):
        if cancelled():
            raise TransferCancelled
        body: dict[str, Any] = {"keys": batch}
        if items:
            body["items"] = items
        try:
            response = client.session.post(
                url, json=body, headers=_headers(client), timeout=client.timeout
            )
        except requests.RequestException as exc:
            raise network_error("network_unreachable", str(exc)) from exc
        if response.status_code >= 400:
            raise problem_of(response)
        answer = _checked_model(QueryOut, response.json())
        if merged is None:
            merged = answer
        else:
            merged["rows"].extend(answer["rows"])
            merged["missing"].extend(answer["missing"])
        progress(min((n + 1) * MAX_QUERY_KEYS, len(keys)), len(keys))
    assert merged is not None, "no keys"
    return merged
