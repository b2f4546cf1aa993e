"""Share requests (共享申请), their history and disputes (第二十二条, 第二十五条, 第二十七条)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from govshare_core.workflow import Transition
from govshare_platform.catalog.models import CatalogEntry
from govshare_platform.db import Base, UTCDateTime, utcnow
from govshare_platform.departments.models import Department


class ShareRequest(Base):
    """A consumer department's request for data items of another department's entry (第二十八条)."""

    __tablename__ = "share_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("catalog_entries.id"), index=True)
    provider_department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"))
    consumer_department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"))
    applicant_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    # 第二十八条: 应用业务, 使用对象, 所需信息, 共享模式, 截止时间
    data_items: Mapped[list[str]] = mapped_column(JSON)
    business: Mapped[str] = mapped_column(String(500))
    users: Mapped[str] = mapped_column(String(500))
    share_mode: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text)
    end_date: Mapped[date] = mapped_column(Date)
    statutory_citation: Mapped[str | None] = mapped_column(Text)
    share_type: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(24), default="draft")
    # 第二十七条: the review deadline, counted in working days from receipt
    received_on: Mapped[date | None] = mapped_column(Date)
    review_due: Mapped[date | None] = mapped_column(Date)
    review_due_provisional: Mapped[bool] = mapped_column(Boolean, default=False)
    escalated: Mapped[bool] = mapped_column(Boolean, default=False)
    rejection_ground: Mapped[str | None] = mapped_column(String(32))
    rejection_comment: Mapped[str | None] = mapped_column(Text)
    provider_decided_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    provider_decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    platform_decided_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    platform_decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    entry: Mapped[CatalogEntry] = relationship(lazy="joined")
    # loaded on access (a session keeps the few departments), never joined: rows are locked FOR
    # UPDATE when acted on, and the departments must not be
    consumer_department: Mapped[Department] = relationship(
        foreign_keys=[consumer_department_id], viewonly=True
    )
    provider_department: Mapped[Department] = relationship(
        foreign_keys=[provider_department_id], viewonly=True
    )
    events: Mapped[list[RequestEvent]] = relationship(
        lazy="select", cascade="all, delete-orphan", order_by="RequestEvent.id"
    )
    disputes: Mapped[list[Dispute]] = relationship(
        lazy="select", cascade="all, delete-orphan", order_by="Dispute.id"
    )

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        Index("ix_share_requests_consumer_status", "consumer_department_id", "status", "id"),
        Index("ix_share_requests_provider_status", "provider_department_id", "status", "id"),
        Index("ix_share_requests_status_due", "status", "review_due"),
    )

    @property
    def consumer_department_name(self) -> str:
        return self.consumer_department.name

    @property
    def provider_department_name(self) -> str:
        return self.provider_department.name

    def move(self, transition: Transition, *, actor_id: int | None, comment: str | None) -> None:
        """Apply a workflow transition and record it in the history."""
        self.events.append(
            RequestEvent(
                action=transition.action,
                from_status=self.status,
                to_status=transition.target,
                actor_id=actor_id,
                comment=comment,
            )
        )
        self.status = transition.target


class RequestEvent(Base):
    """One step in a request's history: who did what, when, with what comment."""

    __tablename__ = "share_request_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("share_requests.id", ondelete="CASCADE"), index=True
    )
    action: Mapped[str] = mapped_column(String(32))
    from_status: Mapped[str | None] = mapped_column(String(24))
    to_status: Mapped[str] = mapped_column(String(24))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    comment: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Dispute(Base):
    """争议: a rejected applicant's objection, mediated by the platform (第二十五条)."""

    __tablename__ = "share_request_disputes"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("share_requests.id", ondelete="CASCADE"), index=True
    )
    raised_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    reason: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    resolution: Mapped[str | None] = mapped_column(Text)
    resolved_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
