"""Paths of the platform admin's policy and working-day calendar endpoints beyond the reads in
api/actions.py (`policy_path`, `workday_overrides_path`, `workday_years_path`), and the schemas
of their answers.

- PATCH  /policy                              PolicyIn -> PolicyOut (If-Match: its version)
- PUT    /workdays/overrides/{day}            WorkdayOverrideIn -> WorkdayOverrideOut
- DELETE /workdays/overrides/{day}            -> 204
- GET    /workdays/years/{year}               -> WorkdayYearOut
- PUT    /workdays/years/{year}/confirmation  WorkdayYearIn -> WorkdayYearOut (409
  official_schedule / year_out_of_range / no_overrides)
- DELETE /workdays/years/{year}/confirmation  -> 204
"""

from __future__ import annotations

import re
from datetime import date

from pydantic import BaseModel

from govshare_core.schemas import WorkdayOverrideOut, WorkdayYearOut

API_PREFIX = "/api/v1"  # the same prefix as api/actions.py (which imports this module)
OVERRIDES = f"{API_PREFIX}/workdays/overrides"
YEARS = f"{API_PREFIX}/workdays/years"
_OVERRIDE = re.compile(rf"^{re.escape(OVERRIDES)}/\d{{4}}-\d{{2}}-\d{{2}}$")
_YEAR = re.compile(rf"^{re.escape(YEARS)}/\d+$")
_CONFIRMATION = re.compile(rf"^{re.escape(YEARS)}/\d+/confirmation$")


def workday_override_path(day: date) -> str:
    """PUT WorkdayOverrideIn (the same day in the body) or DELETE one override."""
    return f"{OVERRIDES}/{day.isoformat()}"


def workday_year_path(year: int) -> str:
    """GET one year's WorkdayYearOut (its schedule, overrides and confirmation)."""
    return f"{YEARS}/{year}"


def workday_year_confirmation_path(year: int) -> str:
    """PUT WorkdayYearIn (the notice) to confirm the year's schedule, DELETE to withdraw it."""
    return f"{YEARS}/{year}/confirmation"


def schema_for(method: str, path: str) -> type[BaseModel] | None:
    """The model the platform answers `method path` with, for this domain's paths (else None)."""
    path = path.split("?")[0]
    if method == "PUT" and _OVERRIDE.match(path):
        return WorkdayOverrideOut
    if (method == "GET" and _YEAR.match(path)) or (method == "PUT" and _CONFIRMATION.match(path)):
        return WorkdayYearOut
    return None
