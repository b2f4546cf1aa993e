"""Paths of the security endpoints (三员分立: the security admin's desk; 第二十六条, 第二十八条,
第三十三条) and the schemas their answers are checked against (govshare_core/security_schemas.py
lists the endpoints): users, departments, 备案 filings of resource administrators, the password
policy and the user's own password.

Changes are `api.actions.Action`s for the session's sync engine, except those that carry a
password (a new account's temporary password, a reset, the user's own change): a password
never goes into the outbox (an unencrypted file on disk), so those are sent at once with
`send_secret` in the background pool, and refused while the platform cannot be reached.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel

from govshare_core.schemas import DepartmentOut, ResourceAdminFilingOut
from govshare_core.security_schemas import PasswordPolicyOut, UserAdminOut

if TYPE_CHECKING:  # api/actions.py and api/client.py import this module
    from govshare_desktop.api.actions import Action
    from govshare_desktop.api.client import PlatformClient

API_PREFIX = "/api/v1"  # the same prefix as api/actions.py (which imports this module)
USERS = f"{API_PREFIX}/users"
DEPARTMENTS = f"{API_PREFIX}/departments"
PASSWORD_POLICY = f"{API_PREFIX}/security/password-policy"
OWN_PASSWORD = f"{API_PREFIX}/auth/password"

UserAction = Literal["unlock", "reset-password"]

_OBJECT = r"(?:\d+|\{created:[0-9A-Za-z_-]+\})"
_USER = re.compile(rf"^{re.escape(USERS)}/{_OBJECT}(?:/(?:unlock|reset-password))?$")
_DEPARTMENT = re.compile(rf"^{re.escape(DEPARTMENTS)}/{_OBJECT}$")
_FILINGS = re.compile(rf"^{re.escape(DEPARTMENTS)}/{_OBJECT}/resource-admins$")
_FILING = re.compile(rf"^{re.escape(DEPARTMENTS)}/{_OBJECT}/resource-admins/\d+/withdraw$")


# --- paths ------------------------------------------------------------------------------------


def users_path() -> str:
    """GET: a Page of UserAdminOut (department_id, role, q, active, offset, limit); POST UserIn
    (Idempotency-Key): a new account with a temporary password (security admin)."""
    return USERS


def user_path(user_id: int | str) -> str:
    """PATCH UserUpdate (If-Match): name, roles, active."""
    return f"{USERS}/{user_id}"


def user_action_path(user_id: int | str, action: UserAction) -> str:
    """POST (If-Match): unlock, or reset-password with PasswordResetIn."""
    return f"{user_path(user_id)}/{action}"


def department_path(department_id: int | str) -> str:
    """PATCH DepartmentUpdate (If-Match): name, short name."""
    return f"{DEPARTMENTS}/{department_id}"


def filings_path(department_id: int | str) -> str:
    """GET: the department's 备案 filings, newest first (a JSON list); POST
    ResourceAdminFilingIn (Idempotency-Key): file a resource administrator (第二十八条)."""
    return f"{department_path(department_id)}/resource-admins"


def filing_withdraw_path(department_id: int | str, filing_id: int) -> str:
    """POST: withdraw a filing (the department then has no filed resource administrator)."""
    return f"{filings_path(department_id)}/{filing_id}/withdraw"


def password_policy_path() -> str:
    """GET (anyone signed in) / PATCH PasswordPolicyIn (If-Match: its `version`)."""
    return PASSWORD_POLICY


def own_password_path() -> str:
    """POST PasswordChangeIn → 204: the signed-in user's own password."""
    return OWN_PASSWORD


# --- answers ----------------------------------------------------------------------------------

PAGE_ITEMS: dict[str, type[BaseModel]] = {USERS: UserAdminOut}
"""The item model of this domain's paged lists (path → model); GET /departments is in
api/actions.py already."""


def schema_for(method: str, path: str) -> type[BaseModel] | None:
    """The model the platform answers `method path` with, for this domain's paths (else None)."""
    path = path.split("?")[0]
    if method == "GET" and (path in PAGE_ITEMS or path == DEPARTMENTS or _FILINGS.match(path)):
        return None  # a Page (api/actions.py checks it) or a list (checked by the reader)
    if path == USERS or _USER.match(path):
        return UserAdminOut
    if path == PASSWORD_POLICY:
        return PasswordPolicyOut
    if method in ("POST", "PATCH") and (path == DEPARTMENTS or _DEPARTMENT.match(path)):
        return DepartmentOut
    if method == "POST" and (_FILINGS.match(path) or _FILING.match(path)):
        return ResourceAdminFilingOut
    return None


def filings(client: PlatformClient, department_id: int) -> list[dict[str, Any]]:
    """The department's filings (newest first), each checked against ResourceAdminFilingOut."""
    rows = client.get(filings_path(department_id))
    for row in rows:
        ResourceAdminFilingOut.model_validate(row)
    return [dict(r) for r in rows]


def send_secret(client: PlatformClient, action: Action, *, key: str) -> dict[str, Any] | None:
    """Send an action that carries a password now (never queued: see the module docstring);
    raises ApiError like any call. Run it in the background pool."""
    answer = client.send(action, key=key)
    return dict(answer) if isinstance(answer, dict) else None
