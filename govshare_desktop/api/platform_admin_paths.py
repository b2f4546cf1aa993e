"""Paths of the platform admin's policy and working-day calendar endpoints beyond the reads in
api/actions.py (`policy_path`, `workday_overrides_path`), and the schemas of their answers.

- PATCH  /policy                    PolicyIn -> PolicyOut (If-Match: the policy's version)
- PUT    /workdays/overrides/{day}  WorkdayOverrideIn -> WorkdayOverrideOut
- DELETE /workdays/overrides/{day}  -> 204
"""

from __future__ import annotations

import re
from datetime import date

from pydantic import BaseModel

from govshare_core.schemas import WorkdayOverrideOut

API_PREFIX = "/api/v1"  # the same prefix as api/actions.py (which imports this module)
OVERRIDES = f"{API_PREFIX}/workdays/overrides"
_OVERRIDE = re.compile(rf"^{re.escape(OVERRIDES)}/\d{{4}}-\d{{2}}-\d{{2}}$")


def workday_override_path(day: date) -> str:
    """PUT WorkdayOverrideIn (the same day in the body) or DELETE one override."""
    return f"{OVERRIDES}/{day.isoformat()}"


def schema_for(method: str, path: str) -> type[BaseModel] | None:
    """The model the platform answers `method path` with, for this domain's paths (else None)."""
    if method == "PUT" and _OVERRIDE.match(path.split("?")[0]):
        return WorkdayOverrideOut
    return None
