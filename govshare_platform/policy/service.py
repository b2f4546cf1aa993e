"""Read policy values and build the working-day calendar with the platform's overrides."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from govshare_core.assessment import check_grade_bands, check_weights
from govshare_core.validation import FieldError
from govshare_core.workdays import WorkdayCalendar, working_days_left
from govshare_platform.policy.models import Policy, WorkdayOverride, WorkdayYear


def get_policy(session: Session) -> Policy:
    policy = session.get(Policy, 1)
    if policy is None:  # defaults until the platform admin edits them
        policy = Policy(id=1)
        session.add(policy)
        session.flush()
    return policy


_WEIGHT_PROBLEMS = {
    "missing": ("缺少该分组的权重", "the group's weight is missing"),
    "unknown": ("没有这个考核分组", "there is no such assessment group"),
    "range": ("权重须在0到100之间", "a weight lies between 0 and 100"),
    "sum": ("各分组权重之和须为100", "the weights must add up to 100"),
}
_BAND_PROBLEMS = {
    "missing": (
        "须给出优秀、良好、合格三个分数线",
        "give the lower bounds of excellent, good and pass",
    ),
    "order": (
        "分数线须满足 0 < 合格 < 良好 < 优秀 ≤ 100",
        "bounds: 0 < pass < good < excellent ≤ 100",
    ),
}


def assessment_policy_errors(
    weights: dict[str, float] | None, bands: dict[str, float] | None
) -> list[FieldError]:
    """The field errors of new assessment weights / grade bands (govshare_core.assessment's
    check_weights / check_grade_bands; 第三十四条); empty when both are valid or absent."""
    errors = []
    for problem in check_weights(weights) if weights is not None else []:
        code, _, group = problem.partition(":")
        path = f"assessment_weights.{group}" if group else "assessment_weights"
        zh, en = _WEIGHT_PROBLEMS[code]
        errors.append(FieldError(path, f"weights_{code}", f"{path}：{zh}", f"{path}: {en}"))
    for code in check_grade_bands(bands) if bands is not None else []:
        zh, en = _BAND_PROBLEMS[code]
        errors.append(FieldError("grade_bands", f"bands_{code}", f"分数线：{zh}", f"bands: {en}"))
    return errors


def get_calendar(session: Session) -> WorkdayCalendar:
    """The official schedule (chinesecalendar) plus the platform admin's overrides and the years
    the admin confirmed (no longer provisional)."""
    rows = session.scalars(select(WorkdayOverride)).all()
    years = session.scalars(select(WorkdayYear.year)).all()
    return WorkdayCalendar({r.day: r.working for r in rows}, confirmed_years=years)


@dataclass(frozen=True)
class Deadlines:
    """Today and the platform's calendar: how every listed deadline gets `working_days_left`."""

    today: date
    calendar: WorkdayCalendar
    _behind: list[int] = field(default_factory=lambda: [0], repr=False, compare=False)
    """`_behind[k]`: the working days d with today - k < d <= today, grown as needed."""

    def left(self, due: date | None) -> int | None:
        """Working days until `due` (0 = today, negative = overdue; govshare_core.workdays).

        Equal to `working_days_left`; a past deadline is looked up in `_behind`, so a page of
        items overdue by months counts each day once instead of once per item."""
        if due is None or due >= self.today:
            return working_days_left(self.today, due, calendar=self.calendar)
        span = (self.today - due).days
        behind = self._behind
        while len(behind) <= span:
            day = self.today - timedelta(days=len(behind) - 1)
            behind.append(behind[-1] + self.calendar.is_working_day(day))
        return -behind[span]

    def overdue(self, due: date | None) -> bool:
        return due is not None and due < self.today


def deadlines(session: Session, today: date) -> Deadlines:
    """The deadline clock for one request: today with the overrides as they stand."""
    return Deadlines(today, get_calendar(session))
