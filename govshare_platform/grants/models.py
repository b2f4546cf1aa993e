"""Grants (授权): one row per granted data item, so access is column-level (第二十九条)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from govshare_platform.catalog.models import CatalogEntry
from govshare_platform.db import Base, UTCDateTime, utcnow
from govshare_platform.departments.models import Department


class Grant(Base):
    """The consumer department may use `data_item` of the entry until `valid_until` (截止时间)."""

    __tablename__ = "grants"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("share_requests.id"), index=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("catalog_entries.id"), index=True)
    provider_department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"))
    consumer_department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"))
    data_item: Mapped[str] = mapped_column(String(100))
    share_mode: Mapped[str] = mapped_column(String(16))
    valid_from: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="active")
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    revoked_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    entry: Mapped[CatalogEntry] = relationship(lazy="joined")
    # loaded on access, or for a page with selectinload: departments are few, a session keeps them
    consumer_department: Mapped[Department] = relationship(
        foreign_keys=[consumer_department_id], viewonly=True
    )
    provider_department: Mapped[Department] = relationship(
        foreign_keys=[provider_department_id], viewonly=True
    )

    __table_args__ = (
        Index("ix_grants_consumer_status", "consumer_department_id", "status", "valid_until"),
        Index("ix_grants_provider_status", "provider_department_id", "status", "valid_until"),
        Index("ix_grants_status_until", "status", "valid_until"),
    )
