"""Who may see an inquiry or a discrepancy (404 otherwise) and take its actions (403, audited):
exactly the core's INQUIRY / DISCREPANCY tables (govshare_core.workflow.refusal)."""

from __future__ import annotations

import re
import unicodedata
from typing import TypeVar

from fastapi import Request
from sqlalchemy import select
from sqlalchemy.orm import lazyload

from govshare_core.usage import MAX_EVIDENCE_BYTES
from govshare_core.vocab import Role
from govshare_core.workflow import Parties, Transition, refusal
from govshare_platform.deps import Ctx
from govshare_platform.errors import Problem, not_found
from govshare_platform.usage.models import Discrepancy, UsageInquiry
from govshare_platform.usage.views import is_visible

T = TypeVar("T", UsageInquiry, Discrepancy)
_NAMES = {UsageInquiry: "usage inquiry", Discrepancy: "discrepancy"}


def load(ctx: Ctx, model: type[T], object_id: int, *, acting: bool = False) -> T:
    """The object if the caller's department is one of its two (or the caller is a platform
    admin); 404 otherwise. When acting, the row is locked so that concurrent steps queue, and
    an attempt on another departments' object is audited before answering 404."""
    query = select(model).where(model.id == object_id)
    if acting:
        query = (
            query.options(lazyload(model.entry))
            .with_for_update()
            .execution_options(populate_existing=True)
        )
    row = ctx.db.scalar(query)
    name = _NAMES[model]
    if row is None:
        raise not_found(name)
    if not is_visible(
        row, department_id=ctx.department_id, platform_admin=ctx.has(Role.PLATFORM_ADMIN)
    ):
        if acting:
            ctx.deny(f"not a party to this {name}", object_id=object_id)
        raise not_found(name)
    return row


def authorize(ctx: Ctx, parties: Parties, transition: Transition, object_id: int) -> None:
    """403 (audited) unless the core's rules let the caller take `transition`."""
    why = refusal(transition, ctx.actor, parties)
    if why is not None:
        raise ctx.deny(
            f"{transition.action}: {why.label_en}",
            object_id=object_id,
            action=transition.action,
            refusal=why,
        )


_UNSAFE = re.compile(r'[\x00-\x1f\x7f"\\/:*?<>|]+')
MAX_FILENAME = 200


def clean_filename(raw: str | None) -> str:
    """A safe file name: the last path part, no control or reserved characters, at most 200
    characters (the extension kept), "evidence" when nothing is left."""
    name = unicodedata.normalize("NFC", raw or "")
    name = re.split(r"[\\/]", name)[-1]
    name = _UNSAFE.sub("_", name).strip(" ._")
    if len(name) > MAX_FILENAME:
        stem, dot, ext = name.rpartition(".")
        ext = ext[:20] if dot and stem else ""
        name = name[: MAX_FILENAME - len(ext) - 1] + "." + ext if ext else name[:MAX_FILENAME]
    return name or "evidence"


def too_large() -> Problem:
    return Problem(413, "payload_too_large", f"the evidence exceeds {MAX_EVIDENCE_BYTES} bytes")


async def evidence_body(request: Request) -> bytes:
    """The raw uploaded evidence, read with a limit: 413 as soon as it exceeds
    MAX_EVIDENCE_BYTES (never read further)."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_EVIDENCE_BYTES:
        raise too_large()
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_EVIDENCE_BYTES:
            raise too_large()
        chunks.append(chunk)
    return b"".join(chunks)
