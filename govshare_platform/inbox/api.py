"""The 待办 (to-do) inbox of the signed-in user (第二十七条 deadlines)."""

from __future__ import annotations

from fastapi import APIRouter

from govshare_core.schemas import InboxItem
from govshare_platform import clock
from govshare_platform.deps import ReadCtx
from govshare_platform.inbox import service

router = APIRouter(tags=["inbox"])


@router.get("/inbox", response_model=list[InboxItem])
def read_inbox(ctx: ReadCtx) -> list[InboxItem]:
    """Items the caller can act on, overdue first, then by due date (at most 200)."""
    return service.inbox(ctx.db, actor=ctx.actor, today=clock.today())
