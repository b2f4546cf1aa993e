"""Departments and 备案 filings: keyword-only functions taking the session (users: users.py)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from govshare_core.creditcode import validate_credit_code
from govshare_core.schemas import DepartmentIn
from govshare_core.security_schemas import DepartmentUpdate
from govshare_core.validation import FieldError
from govshare_platform.departments.models import Department, ResourceAdminFiling
from govshare_platform.errors import conflict, invalid, not_found
from govshare_platform.substring import contains

CREDIT_CODE_MESSAGES = {
    "length": ("统一社会信用代码必须为18位", "The credit code must have 18 characters"),
    "charset": ("统一社会信用代码含有不允许的字符", "The credit code has forbidden characters"),
    "check_digit": ("统一社会信用代码校验位错误", "The credit code's check character is wrong"),
}


def ids_named_like(word: str) -> Select[Any]:
    """Ids of the departments whose name contains `word`, ignoring case (a subquery)."""
    return select(Department.id).where(contains(Department.name, word))


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


def update_department(
    session: Session, *, dept: Department, data: DepartmentUpdate
) -> dict[str, Any]:
    """Rename a department (its credit code never changes); returns what changed."""
    changed: dict[str, Any] = {}
    if data.name is not None and data.name != dept.name:
        taken = session.scalar(
            select(Department.id).where(Department.name == data.name, Department.id != dept.id)
        )
        if taken is not None:
            raise conflict("duplicate_name", "a department with this name exists")
        dept.name = changed["name"] = data.name
    if "short_name" in data.model_fields_set and data.short_name != dept.short_name:
        dept.short_name = changed["short_name"] = data.short_name or None
    session.flush()
    return changed


def filed_resource_admin(session: Session, department_id: int) -> int | None:
    """The user of the department's active 备案 filing (第二十八条), or None."""
    return session.scalar(
        select(ResourceAdminFiling.user_id)
        .where(ResourceAdminFiling.department_id == department_id, ResourceAdminFiling.active)
        .order_by(ResourceAdminFiling.id.desc())
        .limit(1)
    )


def get_filing(
    session: Session, *, department_id: int, filing_id: int, lock: bool = False
) -> ResourceAdminFiling:
    query = select(ResourceAdminFiling).where(
        ResourceAdminFiling.id == filing_id, ResourceAdminFiling.department_id == department_id
    )
    if lock:
        query = query.with_for_update().execution_options(populate_existing=True)
    filing = session.scalar(query)
    if filing is None:
        raise not_found("filing")
    return filing
