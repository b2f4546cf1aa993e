"""Assessment rounds and their immutable snapshots; the periodic conformance checks (第十六条).

A round (`assessment_rounds`) assesses every department for one period. Computing it writes one
`round_results` row per department with the facts, the indicator values and the scores as JSON
(the snapshot: later changes to the data never move it); recompute replaces the rows until the
round is published. A supervisor's adjustment sits beside the computed score with its reason.
Departments file explanations (申辩) while the round is a draft.

`conformance_checks` records each run of the standard-conformance test over a published entry
(标准符合性测试, 第十六条): the entry, when, pass/fail and the problems found.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from govshare_platform.db import Base, UTCDateTime, utcnow
from govshare_platform.departments.models import Department, User
from govshare_platform.usage.models import display


class AssessmentRound(Base):
    __tablename__ = "assessment_rounds"

    id: Mapped[int] = mapped_column(primary_key=True)
    period: Mapped[str] = mapped_column(String(8))  # Period.code: 2026, 2026-Q3, 2026-11
    period_kind: Mapped[str] = mapped_column(String(8))
    starts: Mapped[date] = mapped_column(Date)
    ends: Mapped[date] = mapped_column(Date)
    title: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16), default="draft")
    asof: Mapped[date] = mapped_column(Date)  # counted to min(ends, the computation day)
    provisional: Mapped[bool] = mapped_column(Boolean, default=False)
    weights: Mapped[dict[str, float]] = mapped_column(JSON)  # as computed with
    grade_bands: Mapped[dict[str, float]] = mapped_column(JSON)
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    computed_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    published_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    version: Mapped[int] = mapped_column(Integer, default=1)

    computer: Mapped[User] = relationship(foreign_keys=[computed_by], lazy="joined", viewonly=True)
    publisher: Mapped[User | None] = relationship(
        foreign_keys=[published_by], lazy="joined", viewonly=True
    )
    results: Mapped[list[RoundResult]] = relationship(
        cascade="all, delete-orphan", order_by="RoundResult.rank", viewonly=False
    )

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (Index("ix_assessment_rounds_period", "period_kind", "period", "status"),)

    @property
    def computed_by_name(self) -> str:
        return display(self.computer)

    @property
    def published_by_name(self) -> str | None:
        return display(self.publisher) if self.publisher is not None else None


class RoundResult(Base):
    """One department's snapshot in a round (immutable once computed, except the adjustment)."""

    __tablename__ = "round_results"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("assessment_rounds.id", ondelete="CASCADE"), index=True
    )
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"))
    department_name: Mapped[str] = mapped_column(String(200))  # as it was named then
    facts: Mapped[dict[str, Any]] = mapped_column(JSON)  # DepartmentFacts as a dict
    indicators: Mapped[list[dict[str, Any]]] = mapped_column(JSON)  # IndicatorValue dicts
    group_scores: Mapped[dict[str, float | None]] = mapped_column(JSON)
    suggestions: Mapped[list[str]] = mapped_column(JSON)  # weak indicator codes
    computed_score: Mapped[float] = mapped_column(Float)
    adjusted_score: Mapped[float | None] = mapped_column(Float)
    adjust_reason: Mapped[str | None] = mapped_column(Text)
    adjusted_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    adjusted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    score: Mapped[float] = mapped_column(Float)  # effective: adjusted or computed
    grade: Mapped[str] = mapped_column(String(16))
    rank: Mapped[int] = mapped_column(Integer)

    department: Mapped[Department] = relationship(viewonly=True)
    adjuster: Mapped[User | None] = relationship(
        foreign_keys=[adjusted_by], lazy="joined", viewonly=True
    )

    __table_args__ = (UniqueConstraint("round_id", "department_id"),)

    @property
    def adjusted_by_name(self) -> str | None:
        return display(self.adjuster) if self.adjuster is not None else None


class RoundExplanation(Base):
    """A department's explanation (申辩) of its result, filed before publication."""

    __tablename__ = "round_explanations"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("assessment_rounds.id", ondelete="CASCADE"), index=True
    )
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"))
    text: Mapped[str] = mapped_column(Text)
    by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    author: Mapped[User] = relationship(foreign_keys=[by], lazy="joined", viewonly=True)

    @property
    def by_name(self) -> str:
        return display(self.author)


class ConformanceCheck(Base):
    """One run of the standard-conformance test over a published entry (第十六条)."""

    __tablename__ = "conformance_checks"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("catalog_entries.id", ondelete="CASCADE"))
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"))
    checked_on: Mapped[date] = mapped_column(Date)
    passed: Mapped[bool] = mapped_column(Boolean)
    problems: Mapped[list[str]] = mapped_column(JSON, default=list)  # rule codes

    __table_args__ = (
        Index("ix_conformance_checks_dept_day", "department_id", "checked_on", "entry_id"),
        Index("ix_conformance_checks_entry_day", "entry_id", "checked_on"),
    )
