"""Policy values and working-day overrides, kept by the platform admin (docs/design.md §3)."""

from __future__ import annotations

import json
from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, TextClause, text
from sqlalchemy.orm import Mapped, mapped_column

from govshare_core.agreements import DEFAULT_AGREEMENT_SIGNING_WORKING_DAYS
from govshare_core.assessment import DEFAULT_GRADE_BANDS, DEFAULT_WEIGHTS
from govshare_core.passwords import (
    DEFAULT_PASSWORD_MAX_AGE_DAYS,
    DEFAULT_PASSWORD_MIN_CLASSES,
    DEFAULT_PASSWORD_MIN_LENGTH,
)
from govshare_core.rules import DEFAULT_ENTRY_REVIEW_WORKING_DAYS
from govshare_core.usage import DEFAULT_DISCREPANCY_RESPONSE_WORKING_DAYS
from govshare_core.vocab import (
    DEFAULT_CHANGE_REPORT_DAYS,
    DEFAULT_LOG_RETENTION_YEARS,
    DEFAULT_REVIEW_WORKING_DAYS,
)
from govshare_platform.db import Base, UTCDateTime, utcnow


def _weights() -> dict[str, float]:
    return {str(k): v for k, v in DEFAULT_WEIGHTS.items()}


def _bands() -> dict[str, float]:
    return {str(k): v for k, v in DEFAULT_GRADE_BANDS.items()}


def _json_default(value: object) -> TextClause:
    return text("'" + json.dumps(value, sort_keys=True) + "'")


class Policy(Base):
    __tablename__ = "policy"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    review_working_days: Mapped[int] = mapped_column(default=DEFAULT_REVIEW_WORKING_DAYS)
    change_report_days: Mapped[int] = mapped_column(default=DEFAULT_CHANGE_REPORT_DAYS)
    log_retention_years: Mapped[int] = mapped_column(default=DEFAULT_LOG_RETENTION_YEARS)
    # platform policy, not the regulation's: 第十五条/第十六条 set no deadline for entry reviews
    entry_review_working_days: Mapped[int] = mapped_column(
        default=DEFAULT_ENTRY_REVIEW_WORKING_DAYS,
        server_default=text(str(DEFAULT_ENTRY_REVIEW_WORKING_DAYS)),
    )
    # platform policy: 第三十条 sets no period for signing the agreement
    agreement_signing_working_days: Mapped[int] = mapped_column(
        default=DEFAULT_AGREEMENT_SIGNING_WORKING_DAYS,
        server_default=text(str(DEFAULT_AGREEMENT_SIGNING_WORKING_DAYS)),
    )
    # platform policy: 第二十条 sets no period for answering a discrepancy report
    discrepancy_response_working_days: Mapped[int] = mapped_column(
        default=DEFAULT_DISCREPANCY_RESPONSE_WORKING_DAYS,
        server_default=text(str(DEFAULT_DISCREPANCY_RESPONSE_WORKING_DAYS)),
    )
    # assessment (第三十四条): group weights (sum 100) and grade bands; a round keeps its own copy
    assessment_weights: Mapped[dict[str, float]] = mapped_column(
        JSON, default=_weights, server_default=_json_default(_weights())
    )
    grade_bands: Mapped[dict[str, float]] = mapped_column(
        JSON, default=_bands, server_default=_json_default(_bands())
    )
    # the password policy (第三十三条), kept by the security admin (/security/password-policy)
    password_min_length: Mapped[int] = mapped_column(
        default=DEFAULT_PASSWORD_MIN_LENGTH, server_default=text(str(DEFAULT_PASSWORD_MIN_LENGTH))
    )
    password_min_classes: Mapped[int] = mapped_column(
        default=DEFAULT_PASSWORD_MIN_CLASSES,
        server_default=text(str(DEFAULT_PASSWORD_MIN_CLASSES)),
    )
    password_max_age_days: Mapped[int] = mapped_column(
        default=DEFAULT_PASSWORD_MAX_AGE_DAYS,
        server_default=text(str(DEFAULT_PASSWORD_MAX_AGE_DAYS)),
    )
    password_policy_version: Mapped[int] = mapped_column(default=1, server_default=text("1"))
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}


class WorkdayOverride(Base):
    __tablename__ = "workday_overrides"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    working: Mapped[bool] = mapped_column(Boolean)
    note: Mapped[str | None] = mapped_column(String(200))


class WorkdayYear(Base):
    """A year whose schedule the platform admin confirmed (govshare_core.workdays.YearSchedule
    CONFIRMED): the State Council's notice entered as overrides; its deadlines are no longer
    provisional. Only years without official data (第二十七条's working days)."""

    __tablename__ = "workday_years"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    confirmed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    confirmed_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    note: Mapped[str | None] = mapped_column(String(200))
