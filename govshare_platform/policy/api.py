"""Policy, working-day override and confirmed-year endpoints (platform_admin edits; everyone
reads)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Path, Query
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from govshare_core.schemas import (
    PolicyIn,
    PolicyOut,
    WorkdayOverrideIn,
    WorkdayOverrideOut,
    WorkdayYearIn,
    WorkdayYearOut,
)
from govshare_core.vocab import Role
from govshare_core.workdays import WorkdayCalendar, confirmation_refusal, review_deadline
from govshare_platform import clock
from govshare_platform.departments.models import User
from govshare_platform.deps import Ctx, IfMatch, ReadCtx, WriteCtx
from govshare_platform.errors import Problem, invalid
from govshare_platform.policy.models import WorkdayOverride, WorkdayYear
from govshare_platform.policy.service import assessment_policy_errors, get_calendar, get_policy
from govshare_platform.versioning import check_if_match

router = APIRouter(tags=["policy"])


def _out(ctx: Ctx) -> PolicyOut:
    p = get_policy(ctx.db)
    return PolicyOut(
        review_working_days=p.review_working_days,
        change_report_days=p.change_report_days,
        log_retention_years=p.log_retention_years,
        entry_review_working_days=p.entry_review_working_days,
        agreement_signing_working_days=p.agreement_signing_working_days,
        discrepancy_response_working_days=p.discrepancy_response_working_days,
        assessment_weights=p.assessment_weights,
        grade_bands=p.grade_bands,
        version=p.version,
        token_ttl_minutes=ctx.settings.token_ttl_minutes,
        idle_timeout_minutes=ctx.settings.idle_timeout_minutes,
    )


@router.get("/policy", response_model=PolicyOut)
def read_policy(ctx: ReadCtx) -> PolicyOut:
    return _out(ctx)


@router.patch("/policy", response_model=PolicyOut)
def update_policy(body: PolicyIn, ctx: WriteCtx, if_match: IfMatch = None) -> PolicyOut:
    ctx.require(Role.PLATFORM_ADMIN)
    policy = get_policy(ctx.db)
    check_if_match(if_match, policy.version)
    errors = assessment_policy_errors(body.assessment_weights, body.grade_bands)
    if errors:
        raise invalid(errors, "the assessment weights or grade bands are invalid (第三十四条)")
    changes = body.model_dump(exclude_none=True)
    for name, value in changes.items():
        setattr(policy, name, value)
    ctx.audit("policy_update", object_type="policy", object_id=1, details=changes)
    ctx.db.commit()
    return _out(ctx)


@router.get("/workdays/overrides", response_model=list[WorkdayOverrideOut])
def list_overrides(
    ctx: ReadCtx, year: Annotated[int | None, Query(ge=1, le=9999)] = None
) -> list[WorkdayOverride]:
    query = select(WorkdayOverride).order_by(WorkdayOverride.day)
    if year is not None:
        query = query.where(
            WorkdayOverride.day >= date(year, 1, 1), WorkdayOverride.day <= date(year, 12, 31)
        )
    return list(ctx.db.scalars(query.limit(1000)))


@router.put("/workdays/overrides/{day}", response_model=WorkdayOverrideOut)
def put_override(day: date, body: WorkdayOverrideIn, ctx: WriteCtx) -> WorkdayOverride:
    ctx.require(Role.PLATFORM_ADMIN)
    if body.day != day:
        raise Problem(422, "day_mismatch", "the body's day differs from the path's day")
    row = ctx.db.get(WorkdayOverride, day) or WorkdayOverride(day=day)
    row.working, row.note = body.working, body.note
    ctx.db.add(row)
    ctx.audit(
        "workday_override_set",
        object_type="workday",
        object_id=day.isoformat(),
        details={"working": body.working, "note": body.note},
    )
    ctx.db.commit()
    return row


@router.delete("/workdays/overrides/{day}", status_code=204)
def delete_override(day: date, ctx: WriteCtx) -> None:
    ctx.require(Role.PLATFORM_ADMIN)
    row = ctx.db.get(WorkdayOverride, day)
    if row is not None:
        ctx.db.delete(row)
        ctx.audit("workday_override_delete", object_type="workday", object_id=day.isoformat())
    ctx.db.commit()


# --- confirmed years (govshare_core.workdays.YearSchedule; 第二十七条) ---------------------------

Year = Annotated[int, Path(ge=1, le=9999)]

_REFUSALS = {
    "official_schedule": "the year has the official schedule; there is nothing to confirm",
    "year_out_of_range": "only last year, this year and next year can be confirmed",
    "no_overrides": "enter the year's notice (its days off and make-up working days) as "
    "overrides first: the provisional schedule has no lunar holidays",
}


def _override_count(session: Session, year: int) -> int:
    return int(
        session.scalar(
            select(func.count())
            .select_from(WorkdayOverride)
            .where(
                WorkdayOverride.day >= date(year, 1, 1), WorkdayOverride.day <= date(year, 12, 31)
            )
        )
        or 0
    )


def _year_out(session: Session, calendar: WorkdayCalendar, year: int) -> WorkdayYearOut:
    overrides = _override_count(session, year)
    row = session.execute(
        select(WorkdayYear, User.full_name)
        .join(User, User.id == WorkdayYear.confirmed_by)
        .where(WorkdayYear.year == year)
    ).first()
    confirmed, by = (row[0], row[1]) if row is not None else (None, None)
    return WorkdayYearOut(
        year=year,
        schedule=calendar.schedule_of(year),
        overrides=overrides,
        confirmed_at=confirmed.confirmed_at if confirmed is not None else None,
        confirmed_by_name=by,
        note=confirmed.note if confirmed is not None else None,
    )


@router.get("/workdays/years", response_model=list[WorkdayYearOut])
def list_years(ctx: ReadCtx) -> list[WorkdayYearOut]:
    """Last year, this year, next year and every confirmed year, with where each one's working
    days come from; a client builds its calendar with the confirmed ones
    (govshare_core.workdays.confirmed_years_of)."""
    calendar = get_calendar(ctx.db)
    this_year = clock.today().year
    years = sorted({this_year - 1, this_year, this_year + 1, *calendar.confirmed_years})
    return [_year_out(ctx.db, calendar, y) for y in years]


@router.get("/workdays/years/{year}", response_model=WorkdayYearOut)
def read_year(year: Year, ctx: ReadCtx) -> WorkdayYearOut:
    return _year_out(ctx.db, get_calendar(ctx.db), year)


@router.put("/workdays/years/{year}/confirmation", response_model=WorkdayYearOut)
def confirm_year(year: Year, body: WorkdayYearIn, ctx: WriteCtx) -> WorkdayYearOut:
    """Confirm that the year's schedule is entered (its overrides follow the State Council's
    notice): its deadlines are no longer provisional. Deadlines already set are not moved.
    409 (govshare_core.workdays.confirmation_refusal): `official_schedule`,
    `year_out_of_range`, or `no_overrides` while none of the year's days is entered."""
    ctx.require(Role.PLATFORM_ADMIN)
    refusal = confirmation_refusal(year, clock.today(), _override_count(ctx.db, year))
    if refusal is not None:
        raise Problem(409, refusal, _REFUSALS[refusal])
    row = ctx.db.get(WorkdayYear, year) or WorkdayYear(year=year)
    row.confirmed_at, row.confirmed_by, row.note = clock.now(), ctx.user.id, body.note
    ctx.db.add(row)
    ctx.audit(
        "workday_year_confirm",
        object_type="workday_year",
        object_id=year,
        details={"note": body.note},
    )
    ctx.db.commit()
    return _year_out(ctx.db, get_calendar(ctx.db), year)


@router.delete("/workdays/years/{year}/confirmation", status_code=204)
def unconfirm_year(year: Year, ctx: WriteCtx) -> None:
    """Withdraw a confirmation: the year's deadlines are provisional again."""
    ctx.require(Role.PLATFORM_ADMIN)
    row = ctx.db.get(WorkdayYear, year)
    if row is not None:
        ctx.db.delete(row)
        ctx.audit("workday_year_unconfirm", object_type="workday_year", object_id=year)
    ctx.db.commit()


@router.get("/workdays/deadline")
def compute_deadline(ctx: ReadCtx, received: date, working_days: int | None = None) -> dict:
    """The review deadline for a request received on `received` (第二十七条)."""
    n = working_days if working_days is not None else get_policy(ctx.db).review_working_days
    if not 0 <= n <= 365:
        raise Problem(422, "out_of_range", "working_days must be between 0 and 365")
    d = review_deadline(received, n, calendar=get_calendar(ctx.db))
    return {"received": received, "working_days": n, "due": d.due, "provisional": d.provisional}
