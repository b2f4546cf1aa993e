"""The changes of the security admin's pages as `Action`s, and the reads its pages and dialogs
make in the background.

Changes without a password go to the session's SyncEngine (sent at once online, kept in the
outbox with their idempotency key offline; If-Match on the object's version):

    context.sync.submit(update_user(row, {"roles": [...]}, version=v, label=...), done=...)

Changes that carry a password (a new account with its temporary password, a reset) are never
kept in the outbox, an unencrypted file: `send_secret` sends them at once in the background
pool and reports the result as the engine would (an `Outcome`); offline they are refused.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from govshare_desktop.api import security_paths as paths
from govshare_desktop.api.actions import Action, JsonObject, departments_path
from govshare_desktop.api.client import PlatformClient, new_idempotency_key
from govshare_desktop.api.errors import ApiError
from govshare_desktop.context import AppContext
from govshare_desktop.sync.engine import Done, Outcome, OutcomeStatus

# --- changes through the sync engine ------------------------------------------------------------


def update_user(user_id: int, body: JsonObject, *, version: int, label: str) -> Action:
    """PATCH name, roles or active (UserUpdate) against the account's `version`."""
    return Action("PATCH", paths.user_path(user_id), body, if_match=version, label=label)


def unlock_user(user_id: int, *, version: int, label: str) -> Action:
    return Action(
        "POST", paths.user_action_path(user_id, "unlock"), {}, if_match=version, label=label
    )


def create_department(body: JsonObject, *, label: str) -> Action:
    """A new department (DepartmentIn: name, short name, 统一社会信用代码)."""
    return Action("POST", departments_path(), body, label=label)


def update_department(department_id: int, body: JsonObject, *, version: int, label: str) -> Action:
    """PATCH name or short name (DepartmentUpdate)."""
    return Action(
        "PATCH", paths.department_path(department_id), body, if_match=version, label=label
    )


def file_resource_admin(department_id: int, body: JsonObject, *, label: str) -> Action:
    """备案 (第二十八条): ResourceAdminFilingIn; the department's earlier filing ends."""
    return Action("POST", paths.filings_path(department_id), body, label=label)


def withdraw_filing(department_id: int, filing_id: int, *, label: str) -> Action:
    return Action("POST", paths.filing_withdraw_path(department_id, filing_id), {}, label=label)


def update_password_policy(body: JsonObject, *, version: int, label: str) -> Action:
    """PATCH PasswordPolicyIn against the policy's own `version`."""
    return Action("PATCH", paths.password_policy_path(), body, if_match=version, label=label)


# --- changes that carry a password ----------------------------------------------------------------


def create_user(body: JsonObject) -> Action:
    """A new account (UserIn) with a temporary password: the user must change it."""
    return Action("POST", paths.users_path(), body)


def reset_password(user_id: int, password: str, *, version: int) -> Action:
    """A temporary password (PasswordResetIn): the user must change it at the next sign-in;
    the platform ends the user's sessions."""
    path = paths.user_action_path(user_id, "reset-password")
    return Action("POST", path, {"new_password": password}, if_match=version)


def offline_text() -> str:
    return QCoreApplication.translate(
        "SecurityPages",
        "无法连接共享平台。含密码的操作不会保存到本机待发送队列，请在恢复连接后重试。",
    )


def send_secret(context: AppContext, action: Action, done: Done) -> None:
    """Send `action` now (one idempotency key for its retries), never through the outbox;
    `done(Outcome)` on the UI thread: SENT with the answer, or FAILED with the reason."""
    client, key = context.client, new_idempotency_key()

    def sent(answer: Any) -> None:
        done(Outcome(OutcomeStatus.SENT, result=answer))

    def failed(exc: Exception) -> None:
        if isinstance(exc, ApiError) and exc.is_network:
            done(Outcome(OutcomeStatus.FAILED, message=offline_text(), error=exc))
        elif isinstance(exc, ApiError):
            fields = [m for m in exc.field_messages().values() if m]
            text = exc.message() + ("（" + "；".join(fields) + "）" if fields else "")
            done(
                Outcome(
                    OutcomeStatus.FAILED,
                    message=text,
                    error=exc,
                    field_messages=exc.field_messages(),
                )
            )
        else:
            done(Outcome(OutcomeStatus.FAILED, message=str(exc), error=exc))

    context.run(lambda _t: paths.send_secret(client, action, key=key), success=sent, failure=failed)


# --- reads (background pool) --------------------------------------------------------------------


def all_items(client: PlatformClient, path: str, *, cap: int = 2000, **params: Any) -> list[Any]:
    """Every item of a paged list (up to `cap`): the choices of pickers and filters."""
    out: list[Any] = []
    while len(out) < cap:
        page = client.get(path, offset=len(out), limit=200, **params)
        items = list(page.get("items", []))
        out += items
        if not items or len(out) >= int(page.get("total") or 0):
            break
    return out


def departments(client: PlatformClient) -> list[JsonObject]:
    """Every department, by name."""
    return sorted((dict(d) for d in all_items(client, departments_path())), key=lambda d: d["name"])


def department(client: PlatformClient, department_id: int) -> JsonObject:
    return dict(client.get(paths.department_path(department_id)))


def user(client: PlatformClient, user_id: int) -> JsonObject:
    """The account as the platform has it now (GET /users/{id}, the security admin's)."""
    return dict(client.get(paths.user_path(user_id)))


def department_users(
    client: PlatformClient, department_id: int, role: str | None = None
) -> list[JsonObject]:
    params: dict[str, Any] = {"department_id": department_id}
    if role:
        params["role"] = role
    return [dict(u) for u in all_items(client, paths.users_path(), **params)]


def filings(client: PlatformClient, department_id: int) -> list[JsonObject]:
    return paths.filings(client, department_id)


def password_policy(client: PlatformClient) -> JsonObject:
    return dict(client.get(paths.password_policy_path()))
