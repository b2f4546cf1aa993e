"""The exchange system's routes (交换系统): each side's router, included here."""

from __future__ import annotations

from fastapi import APIRouter

from govshare_platform.exchange.deliveries_api import router as deliveries
from govshare_platform.exchange.schedule_api import router as schedule

router = APIRouter()
router.include_router(deliveries)
router.include_router(schedule)
