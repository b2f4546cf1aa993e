"""Rectification orders (督促纠正, 第三十六条) and their history.

A supervisor issues an order to a department citing the item of 第三十六条 it breaches, the facts
and a due date (working days); the department answers with the measures taken and one evidence
file (kept in the row, deferred); the supervisor accepts or returns it. States and actions:
govshare_core.assessment.RECTIFICATION.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from govshare_platform.db import Base, UTCDateTime, utcnow
from govshare_platform.departments.models import Department, User
from govshare_platform.usage.models import display


class Rectification(Base):
    __tablename__ = "rectifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"))
    article_item: Mapped[str] = mapped_column(String(2))  # Article36Item: "1".."7"
    facts: Mapped[str] = mapped_column(Text)
    round_id: Mapped[int | None] = mapped_column(Integer)  # the round that found it (no FK)
    issued_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    status: Mapped[str] = mapped_column(String(16), default="issued")
    due: Mapped[date] = mapped_column(Date)
    due_provisional: Mapped[bool] = mapped_column(Boolean, default=False)
    measures: Mapped[str | None] = mapped_column(Text)  # the latest answer
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # closed or withdrawn
    evidence_filename: Mapped[str | None] = mapped_column(String(200))
    evidence_size: Mapped[int | None] = mapped_column(Integer)
    evidence_sha256: Mapped[str | None] = mapped_column(String(64))
    evidence: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    department: Mapped[Department] = relationship(lazy="joined", viewonly=True)
    issuer: Mapped[User] = relationship(foreign_keys=[issued_by], lazy="joined", viewonly=True)
    events: Mapped[list[RectificationEvent]] = relationship(
        lazy="selectin", cascade="all, delete-orphan", order_by="RectificationEvent.id"
    )

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        Index("ix_rectifications_department", "department_id", "status", "id"),
        Index("ix_rectifications_status_due", "status", "due"),
    )

    @property
    def department_name(self) -> str:
        return self.department.name

    @property
    def issued_by_name(self) -> str:
        return display(self.issuer)


class RectificationEvent(Base):
    """One step of an order: issued, answered, accepted, returned, withdrawn."""

    __tablename__ = "rectification_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    rectification_id: Mapped[int] = mapped_column(
        ForeignKey("rectifications.id", ondelete="CASCADE"), index=True
    )
    action: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16))  # the status after the step
    actor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    reason: Mapped[str | None] = mapped_column(Text)
    due: Mapped[date | None] = mapped_column(Date)  # the due date after the step

    actor: Mapped[User] = relationship(foreign_keys=[actor_id], lazy="joined", viewonly=True)

    @property
    def by(self) -> int:
        return self.actor_id

    @property
    def by_name(self) -> str:
        return display(self.actor)
