"""Interface documents (接口规范说明文档, 第十九条) attached to catalog entries."""

from __future__ import annotations

import hashlib
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Query, Request, Response
from sqlalchemy import select
from sqlalchemy.orm import defer

from govshare_core.schemas import AttachmentOut
from govshare_core.vocab import EntryStatus
from govshare_platform.catalog.access import require_owner_registrar, visible_entry
from govshare_platform.catalog.models import Attachment
from govshare_platform.deps import Ctx, IdempotencyKey, ReadCtx, WriteCtx
from govshare_platform.errors import Problem, conflict, not_found
from govshare_platform.idempotency import service as idem

router = APIRouter()

MAX_BYTES = 10 * 1024 * 1024
OBJECT = "catalog_entry"
_LOCKED = (EntryStatus.PUBLISHED, EntryStatus.WITHDRAWN)


def _too_large() -> Problem:
    return Problem(413, "attachment_too_large", f"attachments are limited to {MAX_BYTES} bytes")


async def raw_body(request: Request) -> bytes:
    """The request body, read in chunks and refused (413) past MAX_BYTES."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BYTES:
        raise _too_large()
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BYTES:
            raise _too_large()
        chunks.append(chunk)
    return b"".join(chunks)


def _clean_filename(filename: str) -> str:
    name = filename.replace("\\", "/").rsplit("/", 1)[-1].strip()
    if not name or name in (".", ".."):
        raise Problem(422, "bad_filename", "give the attachment a file name")
    return name


@router.post("/entries/{entry_id}/attachments", status_code=201, response_model=AttachmentOut)
def upload_attachment(
    entry_id: int,
    request: Request,
    ctx: WriteCtx,
    filename: Annotated[str, Query(min_length=1, max_length=200)],
    data: Annotated[bytes, Depends(raw_body)],
    key: IdempotencyKey = None,
) -> object:
    """Attach a document (the raw request body) to an entry of the caller's department."""
    entry = visible_entry(ctx, entry_id)
    require_owner_registrar(ctx, entry)
    if entry.status == EntryStatus.WITHDRAWN:
        raise conflict("entry_withdrawn", "a withdrawn entry takes no attachments")
    name = _clean_filename(filename)
    content_type = request.headers.get("content-type") or "application/octet-stream"
    digest = hashlib.sha256(data).hexdigest()

    def produce() -> AttachmentOut:
        att = Attachment(
            entry_id=entry.id,
            filename=name,
            content_type=content_type[:100],
            size=len(data),
            sha256=digest,
            data=data,
            uploaded_by=ctx.user.id,
        )
        ctx.db.add(att)
        ctx.db.flush()
        details = {"attachment_id": att.id, "filename": name, "size": len(data), "sha256": digest}
        ctx.audit("catalog_attachment_add", object_type=OBJECT, object_id=entry.id, details=details)
        return AttachmentOut.model_validate(att)

    body = {"filename": name, "sha256": digest, "content_type": content_type}
    return idem.run(ctx.db, ctx.user.id, key, path=request.url.path, body=body, produce=produce)


@router.get("/entries/{entry_id}/attachments", response_model=list[AttachmentOut])
def list_attachments(entry_id: int, ctx: ReadCtx) -> list[Attachment]:
    visible_entry(ctx, entry_id)
    return list(
        ctx.db.scalars(
            select(Attachment)
            .options(defer(Attachment.data))
            .where(Attachment.entry_id == entry_id)
            .order_by(Attachment.id)
            .limit(200)
        )
    )


SAFE_CONTENT_TYPES = frozenset(
    {
        "application/pdf",
        "application/zip",
        "application/msword",
        "application/vnd.ms-excel",
        "application/vnd.ms-powerpoint",
        "application/vnd.oasis.opendocument.text",
        "application/vnd.oasis.opendocument.spreadsheet",
        "image/png",
        "image/jpeg",
        "image/gif",
        "text/plain",
        "text/csv",
    }
)
"""Types an attachment is served as; anything else (text/html, image/svg+xml, XML, scripts:
what a browser would run) goes out as application/octet-stream (issue 11, finding 14)."""


def served_content_type(stored: str | None) -> str:
    base = (stored or "").split(";", 1)[0].strip().lower()
    if base in SAFE_CONTENT_TYPES or base.startswith(
        "application/vnd.openxmlformats-officedocument."
    ):
        return base
    return "application/octet-stream"


def _attachment(ctx: Ctx, attachment_id: int) -> Attachment:
    att = ctx.db.get(Attachment, attachment_id)
    if att is None:
        raise not_found("attachment")
    visible_entry(ctx, att.entry_id)
    return att


@router.get("/attachments/{attachment_id}")
def download_attachment(attachment_id: int, ctx: ReadCtx) -> Response:
    att = _attachment(ctx, attachment_id)
    disposition = f"attachment; filename*=UTF-8''{quote(att.filename)}"
    return Response(
        att.data,
        media_type=served_content_type(att.content_type),
        headers={"Content-Disposition": disposition, "ETag": f'"{att.sha256}"'},
    )


@router.delete("/attachments/{attachment_id}", status_code=204)
def delete_attachment(attachment_id: int, ctx: WriteCtx) -> Response:
    att = _attachment(ctx, attachment_id)
    entry = visible_entry(ctx, att.entry_id)
    require_owner_registrar(ctx, entry)
    if entry.status in _LOCKED:
        raise conflict("entry_published", "attachments of a published entry stay on record")
    ctx.db.delete(att)
    ctx.audit(
        "catalog_attachment_delete",
        object_type=OBJECT,
        object_id=entry.id,
        details={"attachment_id": attachment_id, "filename": att.filename},
    )
    ctx.db.commit()
    return Response(status_code=204)
