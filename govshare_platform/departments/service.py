"""Departments, users and filings: keyword-only functions taking the session."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from govshare_core.creditcode import validate_credit_code
from govshare_core.schemas import DepartmentIn, UserIn, UserUpdate
from govshare_core.validation import FieldError
from govshare_core.vocab import Role
from govshare_platform.auth.passwords import hash_password
from govshare_platform.departments.models import Department, User, UserRole
from govshare_platform.errors import Problem, conflict, invalid, not_found
from govshare_platform.substring import contains

CREDIT_CODE_MESSAGES = {
    "length": ("统一社会信用代码必须为18位", "The credit code must have 18 characters"),
    "charset": ("统一社会信用代码含有不允许的字符", "The credit code has forbidden characters"),
    "check_digit": ("统一社会信用代码校验位错误", "The credit code's check character is wrong"),
}


def ids_named_like(word: str) -> Select[Any]:
    """Ids of the departments whose name contains `word`, ignoring case (a subquery)."""
    return select(Department.id).where(contains(Department.name, word))


def check_separation(roles: list[Role] | set[Role]) -> None:
    """三员分立: security_admin and audit_admin are never held by the same user."""
    if Role.SECURITY_ADMIN in roles and Role.AUDIT_ADMIN in roles:
        raise invalid(
            [
                FieldError(
                    "roles",
                    "separation_of_duties",
                    "安全管理员与审计管理员不得由同一人担任",
                    "security_admin and audit_admin cannot be held by one user",
                )
            ],
        )


def create_department(session: Session, *, data: DepartmentIn) -> Department:
    error = validate_credit_code(data.credit_code)
    if error:
        zh, en = CREDIT_CODE_MESSAGES[error]
        raise invalid([FieldError("credit_code", error, zh, en)])
    if session.scalar(select(Department).where(Department.credit_code == data.credit_code)):
        raise conflict("duplicate_credit_code", "a department with this credit code exists")
    if session.scalar(select(Department).where(Department.name == data.name)):
        raise conflict("duplicate_name", "a department with this name exists")
    dept = Department(**data.model_dump())
    session.add(dept)
    session.flush()
    return dept


def get_department(session: Session, *, department_id: int) -> Department:
    dept = session.get(Department, department_id)
    if dept is None:
        raise not_found("department")
    return dept


def create_user(session: Session, *, data: UserIn) -> User:
    check_separation(data.roles)
    get_department(session, department_id=data.department_id)
    if session.scalar(select(User).where(User.username == data.username)):
        raise conflict("duplicate_username", "this username is taken")
    user = User(
        username=data.username,
        full_name=data.full_name,
        password_hash=hash_password(data.password),
        department_id=data.department_id,
        role_rows=[UserRole(role=r.value) for r in set(data.roles)],
    )
    session.add(user)
    session.flush()
    return user


def update_user(session: Session, *, user: User, data: UserUpdate) -> User:
    if data.roles is not None:
        check_separation(data.roles)
        if not data.roles:
            raise Problem(422, "roles_required", "a user needs at least one role")
        user.role_rows = [UserRole(role=r.value) for r in set(data.roles)]
    if data.full_name is not None:
        user.full_name = data.full_name
    if data.active is not None:
        user.active = data.active
    if data.password is not None:
        user.password_hash = hash_password(data.password)
        user.failed_logins, user.locked_until = 0, None
    session.flush()
    return user
