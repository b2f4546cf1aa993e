"""The platform's policy values and working-day calendar, as every page of the desktop uses them.

The regulation's rules live in `govshare_core` (rules, workflow, validation, workdays); the values
the platform admin may change (`GET /api/v1/policy`: review working days, change-report days),
the admin's working-day overrides (`GET /api/v1/workdays/overrides`) and the years whose schedule
the admin confirmed (`GET /api/v1/workdays/years`: no longer provisional, 暂定) live on the
platform. The desktop fetches them after sign-in (`load_in_background`, called by the shell) and
on every sync pass (`sync.outbox.CACHED_LISTS`), and keeps them in the offline store's cached
lists, so they work offline too (a store cached before the years were: no confirmed year).

Deadlines are shown as the platform computed them (`due`, `working_days_left`, `expiring_soon`);
where the desktop still counts working days itself (a cached row from before the platform sent
them), it counts with `calendar(context)` — the official schedule plus the cached overrides and
confirmed years, never the default calendar alone.

    values = policy.current(context)      # cached values (defaults before the first fetch)
    values.change_report_days             # 第十七条's window as the platform admin set it
    values.calendar                       # WorkdayCalendar.from_overrides(overrides, years)
    calendar(context).schedule_of(2027)   # YearSchedule: official, confirmed or provisional
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from govshare_core.rules import DEFAULT_CHANGE_REPORT_DAYS, DEFAULT_REVIEW_WORKING_DAYS
from govshare_core.workdays import WorkdayCalendar, confirmed_years_of
from govshare_desktop.api.errors import ApiError
from govshare_desktop.context import AppContext
from govshare_desktop.tasks import Task

POLICY_CACHE = "policy"
OVERRIDES_CACHE = "workday_overrides"
YEARS_CACHE = "workday_years"
CACHES = (POLICY_CACHE, OVERRIDES_CACHE, YEARS_CACHE)
"""The offline store's cached lists this module reads (the sync pass refreshes them too)."""


@dataclass(frozen=True)
class PolicyValues:
    """The platform's values as the desktop knows them; `from_platform` is False while only the
    core's defaults are known (never fetched, and nothing cached)."""

    review_working_days: int = DEFAULT_REVIEW_WORKING_DAYS
    change_report_days: int = DEFAULT_CHANGE_REPORT_DAYS
    calendar: WorkdayCalendar = field(default_factory=WorkdayCalendar)
    from_platform: bool = False

    @classmethod
    def of(
        cls, policy: Mapping[str, Any] | None, overrides: Any, years: Any = None
    ) -> PolicyValues:
        """From the platform's answers (or their cached copies); None/[] for unknown."""
        policy = policy or {}
        confirmed = confirmed_years_of(years or [])
        return cls(
            review_working_days=int(
                policy.get("review_working_days") or DEFAULT_REVIEW_WORKING_DAYS
            ),
            change_report_days=int(policy.get("change_report_days") or DEFAULT_CHANGE_REPORT_DAYS),
            calendar=WorkdayCalendar.from_overrides(
                list(overrides or []), confirmed_years=confirmed
            ),
            from_platform=bool(policy),
        )


def current(context: AppContext) -> PolicyValues:
    """The cached values (a quick local read: fine on the UI thread)."""
    policy = context.store.cache_get(POLICY_CACHE)
    overrides = context.store.cache_get(OVERRIDES_CACHE)
    years = context.store.cache_get(YEARS_CACHE)
    return PolicyValues.of(
        policy[0] if policy and isinstance(policy[0], dict) else None,
        overrides[0] if overrides else None,
        years[0] if years and isinstance(years[0], list) else None,
    )


def calendar(context: AppContext) -> WorkdayCalendar:
    """The platform's working-day calendar: the official schedule plus the cached overrides and
    confirmed years."""
    return current(context).calendar


def fetch(context: AppContext) -> PolicyValues:
    """Read them from the platform and cache them; the cached copies when it is unreachable.

    Blocking: call from background operations only."""
    client, store = context.client, context.store
    try:
        policy = client.policy()
        overrides = client.workday_overrides()
        years = client.workday_years()
    except ApiError as exc:
        if not exc.is_network:
            raise
        return current(context)
    store.cache_put(POLICY_CACHE, policy)
    store.cache_put(OVERRIDES_CACHE, overrides)
    store.cache_put(YEARS_CACHE, years)
    return PolicyValues.of(policy, overrides, years)


def load_in_background(context: AppContext) -> Task:
    """After sign-in: fetch and cache the values; pages reloading on `data_changed` with
    "policy" / "workday_overrides" / "workday_years" then show deadlines with them."""

    def done(_values: PolicyValues) -> None:
        for name in CACHES:
            context.data_changed.emit(name)

    return context.run(lambda _task: fetch(context), success=done, failure=lambda _exc: None)
