"""三员分立 (separation of duties, 第二十六条, 第三十三条) as pure rules for both programs.

The platform refuses what these functions refuse (403, audited as `permission_denied`); the
desktop asks the same functions to hide the actions it would be refused. The three duties:

- the platform admin (系统管理员) runs the platform: policy, calendar, catalog confirmation;
- the security admin (安全管理员) manages users, roles, departments and the 备案 filings of
  resource administrators (第二十八条) — but never its own account or roles, never an account
  holding a privileged role (security_admin, audit_admin: neither creating one, granting those
  roles, nor changing, resetting, unlocking or disabling such an account) and never audit data;
- the audit admin (审计管理员) reads, verifies and exports the audit trail and changes nothing.

Privileged accounts are created and changed only with the server's command line
(`govshare-platform create-user`, `set-roles`, `reset-password`, `set-active`, `unlock`), which
needs operator access to the server and is itself audited (docs/security.md). A privileged role
is held alone: the security admin and the audit admin are never one person, and neither also
holds a working role that would let them act on what they administer or audit.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Final

from govshare_core.validation import FieldError
from govshare_core.vocab import Role

PRIVILEGED_ROLES: Final = frozenset({Role.SECURITY_ADMIN, Role.AUDIT_ADMIN})
"""Roles granted and changed only with the server's command line (never through the API)."""


class SeparationRefusal(StrEnum):
    """Why an administrator may not take an action (stable codes, also the 403 `code`)."""

    NOT_SECURITY_ADMIN = "not_security_admin"
    OWN_ACCOUNT = "own_account"
    PRIVILEGED_ACCOUNT = "privileged_account"
    PRIVILEGED_ROLE = "privileged_role"
    NOT_AUDIT_ADMIN = "not_audit_admin"
    NOT_FILED_RESOURCE_ADMIN = "not_filed_resource_admin"

    @property
    def label_zh(self) -> str:
        return _TEXT[self][0]

    @property
    def label_en(self) -> str:
        return _TEXT[self][1]


_TEXT: Final = {
    SeparationRefusal.NOT_SECURITY_ADMIN: (
        "只有安全管理员可以管理用户、部门和备案",
        "Only the security admin manages users, departments and filings",
    ),
    SeparationRefusal.OWN_ACCOUNT: (
        "安全管理员不能修改本人的账号或角色（三员分立）",
        "The security admin cannot change its own account or roles (separation of duties)",
    ),
    SeparationRefusal.PRIVILEGED_ACCOUNT: (
        "安全管理员、审计管理员账号只能在服务器命令行上管理（三员分立）",
        "Security and audit admin accounts are managed only with the server's command line",
    ),
    SeparationRefusal.PRIVILEGED_ROLE: (
        "安全管理员、审计管理员角色只能在服务器命令行上授予（三员分立）",
        "The security and audit admin roles are granted only with the server's command line",
    ),
    SeparationRefusal.NOT_AUDIT_ADMIN: (
        "只有审计管理员可以查阅、校验和导出审计日志",
        "Only the audit admin reads, verifies and exports the audit trail",
    ),
    SeparationRefusal.NOT_FILED_RESOURCE_ADMIN: (
        "只有已备案的本部门信息资源管理员可以审核共享申请（第二十八条）",
        "Only the department's filed resource administrator decides share requests (Art. 28)",
    ),
}


def role_problems(roles: Iterable[Role], *, field: str = "roles") -> list[FieldError]:
    """Why a set of roles cannot be held by one user (empty: it can). A privileged role is held
    alone — security_admin and audit_admin never together (三员分立) — and a user needs a role."""
    held = set(roles)
    if not held:
        return [FieldError(field, "roles_required", "用户至少需要一个角色", "A user needs a role")]
    if Role.SECURITY_ADMIN in held and Role.AUDIT_ADMIN in held:
        return [
            FieldError(
                field,
                "separation_of_duties",
                "安全管理员与审计管理员不得由同一人担任",
                "security_admin and audit_admin cannot be held by one user",
            )
        ]
    if held & PRIVILEGED_ROLES and len(held) > 1:
        return [
            FieldError(
                field,
                "privileged_role_alone",
                "安全管理员、审计管理员不得兼任其他角色",
                "security_admin and audit_admin are held alone, without other roles",
            )
        ]
    return []


def user_admin_refusal(
    actor_id: int,
    actor_roles: Iterable[Role],
    *,
    target_id: int | None = None,
    target_roles: Iterable[Role] = (),
    new_roles: Iterable[Role] | None = None,
) -> SeparationRefusal | None:
    """Why the actor may not create (`target_id` None) or change (roles, name, active,
    password, lockout) a user account through the API; None when they may.

    `target_roles` are the account's roles now, `new_roles` the roles it would hold."""
    if Role.SECURITY_ADMIN not in set(actor_roles):
        return SeparationRefusal.NOT_SECURITY_ADMIN
    if target_id is not None and target_id == actor_id:
        return SeparationRefusal.OWN_ACCOUNT
    if set(target_roles) & PRIVILEGED_ROLES:
        return SeparationRefusal.PRIVILEGED_ACCOUNT
    if new_roles is not None and set(new_roles) & PRIVILEGED_ROLES:
        return SeparationRefusal.PRIVILEGED_ROLE
    return None


def may_administer_user(
    actor_id: int, actor_roles: Iterable[Role], target_id: int, target_roles: Iterable[Role]
) -> bool:
    """Whether the actor's desk offers changes to this account (the desktop hides the rest)."""
    refusal = user_admin_refusal(
        actor_id, actor_roles, target_id=target_id, target_roles=target_roles
    )
    return refusal is None


def grantable_roles(actor_roles: Iterable[Role]) -> list[Role]:
    """The roles the actor may grant through the API (none unless security admin)."""
    if Role.SECURITY_ADMIN not in set(actor_roles):
        return []
    return [r for r in Role if r not in PRIVILEGED_ROLES]


def audit_refusal(actor_roles: Iterable[Role]) -> SeparationRefusal | None:
    """Why the actor may not read, verify or export the audit trail (only the audit admin may:
    the security admin never sees audit data)."""
    return None if Role.AUDIT_ADMIN in set(actor_roles) else SeparationRefusal.NOT_AUDIT_ADMIN


def decision_refusal(actor_id: int, filed_user_id: int | None) -> SeparationRefusal | None:
    """第二十八条: a share request is decided for the provider by its resource administrator on
    file (备案) — the user of the department's active filing, nobody else holding the role."""
    if filed_user_id is None or filed_user_id != actor_id:
        return SeparationRefusal.NOT_FILED_RESOURCE_ADMIN
    return None


# --- the security and audit admins' to-dos (待办) -------------------------------------------

ANCHOR_STALE_HOURS: Final = 24
"""The audit admin is asked to act when the trail grew and no signed checkpoint (docs/security.md,
"Audit trail and checkpoints") has anchored it for this long (the hourly sweep takes one while
a key is configured, so a longer gap means no key, or a sweep that does not run)."""


FULL_VERIFY_STALE_HOURS: Final = 48
"""The audit admin is asked to act when no FULL verification of the chain (the maintenance
sweep's daily one, or `?full=true` at the desk) is recorded for this long: two daily runs missed
means the sweep, or its verification step, no longer runs (第二十六条)."""


class AdminTodo(StrEnum):
    """To-do kinds of the inbox for the two privileged administrators (三员分立): each goes to
    one role only (`role`), and only what that admin can close at the desk."""

    ACCOUNT_LOCKED = "account_locked"
    PASSWORD_PENDING = "password_pending"
    FILING_MISSING = "filing_missing"
    AUDIT_CHAIN_BROKEN = "audit_chain_broken"
    AUDIT_UNANCHORED = "audit_unanchored"
    AUDIT_VERIFY_OVERDUE = "audit_verify_overdue"
    AUDIT_RETENTION = "audit_retention"

    @property
    def role(self) -> Role:
        return Role.AUDIT_ADMIN if self.value.startswith("audit_") else Role.SECURITY_ADMIN

    @property
    def label_zh(self) -> str:
        return _TODO_TEXT[self][0]

    @property
    def label_en(self) -> str:
        return _TODO_TEXT[self][1]


_TODO_TEXT: Final = {
    AdminTodo.ACCOUNT_LOCKED: ("账号已锁定", "Account locked"),
    AdminTodo.PASSWORD_PENDING: ("密码待修改", "Password change pending"),
    AdminTodo.FILING_MISSING: ("部门无备案资源管理员", "No filed resource administrator"),
    AdminTodo.AUDIT_CHAIN_BROKEN: ("审计日志校验失败", "Audit trail verification failed"),
    AdminTodo.AUDIT_UNANCHORED: ("审计日志未及时锚定", "Audit trail not anchored"),
    AdminTodo.AUDIT_VERIFY_OVERDUE: ("审计日志全量校验逾期", "Full audit verification overdue"),
    AdminTodo.AUDIT_RETENTION: ("审计日志待归档", "Audit events due for archiving"),
}


class AdminTodoState(StrEnum):
    """The `state` of an administrator's to-do item."""

    LOCKED = "locked"
    MUST_CHANGE = "must_change"
    EXPIRED = "expired"
    NO_FILING = "no_filing"
    BROKEN = "broken"
    UNANCHORED = "unanchored"
    VERIFY_OVERDUE = "verify_overdue"
    ARCHIVE_DUE = "archive_due"

    @property
    def label_zh(self) -> str:
        return _STATE_TEXT[self][0]

    @property
    def label_en(self) -> str:
        return _STATE_TEXT[self][1]


_STATE_TEXT: Final = {
    AdminTodoState.LOCKED: ("已锁定", "locked"),
    AdminTodoState.MUST_CHANGE: ("临时密码未修改", "temporary password not changed"),
    AdminTodoState.EXPIRED: ("密码已过期", "password expired"),
    AdminTodoState.NO_FILING: ("未备案", "not filed"),
    AdminTodoState.BROKEN: ("校验失败", "broken"),
    AdminTodoState.UNANCHORED: ("未锚定", "not anchored"),
    AdminTodoState.VERIFY_OVERDUE: ("未按时校验", "not verified in time"),
    AdminTodoState.ARCHIVE_DUE: ("超过保存期限", "past the retention period"),
}


def admin_todos(roles: Iterable[Role]) -> list[AdminTodo]:
    """The administrators' to-do kinds a holder of `roles` gets (none for other roles)."""
    held = set(roles)
    return [kind for kind in AdminTodo if kind.role in held]


def password_todo_state(*, must_change: bool, expired: bool) -> AdminTodoState | None:
    """Why an account's password waits for its owner (第三十三条): a temporary one (a new account
    or a reset) not yet changed, or one older than the policy's max_age_days; None: neither."""
    if must_change:
        return AdminTodoState.MUST_CHANGE
    return AdminTodoState.EXPIRED if expired else None
