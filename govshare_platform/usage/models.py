"""Usage inquiries (使用情况询问, 第二十二条) and discrepancy reports (数据异议, 第二十条).

Both are between a provider department (the entry's) and a consumer department that holds or
held a grant on the entry. A discrepancy keeps its history (`discrepancy_events`) and its one
evidence attachment in the row (deferred: loaded only when downloaded).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from govshare_platform.catalog.models import CatalogEntry
from govshare_platform.db import Base, UTCDateTime, utcnow
from govshare_platform.departments.models import Department, User


def display(user: User | None) -> str:
    """How a user is named: the display name, or the username without one."""
    if user is None:
        return ""
    return (user.full_name or "").strip() or user.username


class _BetweenDepartments:
    """The entry and the two departments, with their names for the API."""

    if TYPE_CHECKING:
        entry: CatalogEntry
        provider_department: Department
        consumer_department: Department

    @property
    def entry_name(self) -> str:
        return self.entry.name

    @property
    def provider_department_name(self) -> str:
        return self.provider_department.name

    @property
    def consumer_department_name(self) -> str:
        return self.consumer_department.name


class UsageInquiry(_BetweenDepartments, Base):
    """A provider's question how a consumer uses granted data, and the answer (第二十二条)."""

    __tablename__ = "usage_inquiries"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("catalog_entries.id"), index=True)
    provider_department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"))
    consumer_department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"))
    question: Mapped[str] = mapped_column(Text)
    asked_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    asked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    due: Mapped[date | None] = mapped_column(Date)
    due_provisional: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(16), default="open")
    answer: Mapped[str | None] = mapped_column(Text)
    answered_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    entry: Mapped[CatalogEntry] = relationship(lazy="joined")
    provider_department: Mapped[Department] = relationship(
        foreign_keys=[provider_department_id], viewonly=True
    )
    consumer_department: Mapped[Department] = relationship(
        foreign_keys=[consumer_department_id], viewonly=True
    )
    asker: Mapped[User] = relationship(foreign_keys=[asked_by], viewonly=True)
    answerer: Mapped[User | None] = relationship(foreign_keys=[answered_by], viewonly=True)

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        Index("ix_usage_inquiries_provider", "provider_department_id", "status", "id"),
        Index("ix_usage_inquiries_consumer", "consumer_department_id", "status", "id"),
        Index("ix_usage_inquiries_status_due", "status", "due"),
    )

    @property
    def asked_by_name(self) -> str:
        return display(self.asker)

    @property
    def answered_by_name(self) -> str | None:
        return display(self.answerer) if self.answerer is not None else None


class Discrepancy(_BetweenDepartments, Base):
    """A consumer's report that data it received is wrong (第二十条), and its handling."""

    __tablename__ = "discrepancies"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("catalog_entries.id"), index=True)
    provider_department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"))
    consumer_department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"))
    delivery_id: Mapped[int | None] = mapped_column(ForeignKey("deliveries.id"))
    keys: Mapped[list[str]] = mapped_column(JSON, default=list)
    data_item: Mapped[str | None] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(Text)
    reported_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    reported_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    status: Mapped[str] = mapped_column(String(16), default="reported")
    due: Mapped[date | None] = mapped_column(Date)  # the provider's, while `reported`
    due_provisional: Mapped[bool] = mapped_column(Boolean, default=False)
    correction_delivery_id: Mapped[int | None] = mapped_column(ForeignKey("deliveries.id"))
    answer: Mapped[str | None] = mapped_column(Text)
    evidence_filename: Mapped[str | None] = mapped_column(String(200))
    evidence_size: Mapped[int | None] = mapped_column(Integer)
    evidence_sha256: Mapped[str | None] = mapped_column(String(64))
    evidence: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    entry: Mapped[CatalogEntry] = relationship(lazy="joined")
    provider_department: Mapped[Department] = relationship(
        foreign_keys=[provider_department_id], viewonly=True
    )
    consumer_department: Mapped[Department] = relationship(
        foreign_keys=[consumer_department_id], viewonly=True
    )
    reporter: Mapped[User] = relationship(foreign_keys=[reported_by], viewonly=True)
    events: Mapped[list[DiscrepancyEvent]] = relationship(
        lazy="selectin", cascade="all, delete-orphan", order_by="DiscrepancyEvent.id"
    )

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        Index("ix_discrepancies_provider", "provider_department_id", "status", "id"),
        Index("ix_discrepancies_consumer", "consumer_department_id", "status", "id"),
        Index("ix_discrepancies_status_due", "status", "due"),
    )

    @property
    def reported_by_name(self) -> str:
        return display(self.reporter)


class DiscrepancyEvent(Base):
    """One step of a discrepancy: reported, corrected, explained, accepted, disputed, ..."""

    __tablename__ = "discrepancy_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    discrepancy_id: Mapped[int] = mapped_column(
        ForeignKey("discrepancies.id", ondelete="CASCADE"), index=True
    )
    action: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16))  # the status after the step
    actor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    reason: Mapped[str | None] = mapped_column(Text)
    delivery_id: Mapped[int | None] = mapped_column(ForeignKey("deliveries.id"))

    actor: Mapped[User] = relationship(foreign_keys=[actor_id], lazy="joined", viewonly=True)
    department: Mapped[Department] = relationship(lazy="joined", viewonly=True)

    @property
    def by(self) -> int:
        return self.actor_id

    @property
    def by_name(self) -> str:
        return display(self.actor)

    @property
    def department_name(self) -> str:
        return self.department.name
