"""Departments, users and resource-administrator filings (备案, 第二十八条).

Everyone signed in can list departments (the catalog needs them); only the security admin
manages departments, users and filings (三员分立).
"""

from __future__ import annotations

from fastapi import APIRouter, Query, Request
from sqlalchemy import func, select

from govshare_core.schemas import (
    DepartmentIn,
    DepartmentOut,
    Page,
    ResourceAdminFilingIn,
    ResourceAdminFilingOut,
    UserIn,
    UserOut,
    UserUpdate,
)
from govshare_core.vocab import Role
from govshare_platform.departments import service
from govshare_platform.departments.models import Department, ResourceAdminFiling, User
from govshare_platform.deps import Ctx, IdempotencyKey, IfMatch, ReadCtx, WriteCtx
from govshare_platform.errors import Problem, not_found
from govshare_platform.idempotency import service as idem
from govshare_platform.versioning import check_if_match

router = APIRouter(tags=["departments"])


@router.get("/departments", response_model=Page)
def list_departments(
    ctx: ReadCtx, offset: int = Query(0, ge=0), limit: int = Query(100, ge=1, le=500)
) -> Page:
    total = ctx.db.scalar(select(func.count(Department.id))) or 0
    rows = ctx.db.scalars(select(Department).order_by(Department.id).offset(offset).limit(limit))
    items = [DepartmentOut.model_validate(d) for d in rows]
    return Page(items=items, total=total, offset=offset, limit=limit)


@router.get("/departments/{department_id}", response_model=DepartmentOut)
def get_department(department_id: int, ctx: ReadCtx) -> Department:
    return service.get_department(ctx.db, department_id=department_id)


@router.post("/departments", status_code=201, response_model=DepartmentOut)
def create_department(
    body: DepartmentIn, request: Request, ctx: WriteCtx, key: IdempotencyKey = None
) -> object:
    ctx.require(Role.SECURITY_ADMIN)

    def produce() -> DepartmentOut:
        dept = service.create_department(ctx.db, data=body)
        ctx.audit(
            "department_create",
            object_type="department",
            object_id=dept.id,
            details={"name": dept.name},
        )
        return DepartmentOut.model_validate(dept)

    return idem.run(ctx.db, ctx.user.id, key, path=request.url.path, body=body, produce=produce)


def _require_user_admin(ctx: Ctx) -> None:
    ctx.require(Role.SECURITY_ADMIN)


@router.get("/users", response_model=Page)
def list_users(
    ctx: ReadCtx,
    department_id: int | None = None,
    offset: int = Query(0, ge=0),
    limit: int = Query(100, ge=1, le=500),
) -> Page:
    _require_user_admin(ctx)
    query = select(User)
    if department_id is not None:
        query = query.where(User.department_id == department_id)
    total = ctx.db.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = ctx.db.scalars(query.order_by(User.id).offset(offset).limit(limit))
    return Page(
        items=[UserOut.model_validate(u) for u in rows], total=total, offset=offset, limit=limit
    )


@router.post("/users", status_code=201, response_model=UserOut)
def create_user(
    body: UserIn, request: Request, ctx: WriteCtx, key: IdempotencyKey = None
) -> object:
    _require_user_admin(ctx)

    def produce() -> UserOut:
        user = service.create_user(ctx.db, data=body)
        ctx.audit(
            "user_create",
            object_type="user",
            object_id=user.id,
            details={"username": user.username, "roles": [r.value for r in user.roles]},
        )
        return UserOut.model_validate(user)

    fingerprint_body = body.model_copy(update={"password": "***"})
    return idem.run(
        ctx.db, ctx.user.id, key, path=request.url.path, body=fingerprint_body, produce=produce
    )


@router.patch("/users/{user_id}", response_model=UserOut)
def update_user(user_id: int, body: UserUpdate, ctx: WriteCtx, if_match: IfMatch = None) -> User:
    _require_user_admin(ctx)
    user = ctx.db.get(User, user_id)
    if user is None:
        raise not_found("user")
    check_if_match(if_match, user.version)
    service.update_user(ctx.db, user=user, data=body)
    details = body.model_dump(exclude_none=True, exclude={"password"}, mode="json")
    ctx.audit(
        "user_update",
        object_type="user",
        object_id=user.id,
        details={**details, "password_changed": body.password is not None},
    )
    ctx.db.commit()
    return user


@router.get(
    "/departments/{department_id}/resource-admins", response_model=list[ResourceAdminFilingOut]
)
def list_filings(department_id: int, ctx: ReadCtx) -> list[ResourceAdminFiling]:
    service.get_department(ctx.db, department_id=department_id)
    return list(
        ctx.db.scalars(
            select(ResourceAdminFiling)
            .where(ResourceAdminFiling.department_id == department_id)
            .order_by(ResourceAdminFiling.id.desc())
            .limit(100)
        )
    )


@router.post(
    "/departments/{department_id}/resource-admins",
    status_code=201,
    response_model=ResourceAdminFilingOut,
)
def file_resource_admin(
    department_id: int,
    body: ResourceAdminFilingIn,
    request: Request,
    ctx: WriteCtx,
    key: IdempotencyKey = None,
) -> object:
    """备案: file a department's resource administrator; the previous filing becomes inactive."""
    _require_user_admin(ctx)
    service.get_department(ctx.db, department_id=department_id)
    user = ctx.db.get(User, body.user_id)
    if user is None or user.department_id != department_id:
        raise Problem(422, "user_not_in_department", "the user is not in this department")
    if not user.has_role(Role.RESOURCE_ADMIN):
        raise Problem(422, "not_resource_admin", "the user does not hold the resource_admin role")

    def produce() -> ResourceAdminFilingOut:
        for old in ctx.db.scalars(
            select(ResourceAdminFiling).where(
                ResourceAdminFiling.department_id == department_id, ResourceAdminFiling.active
            )
        ):
            old.active = False
        filing = ResourceAdminFiling(department_id=department_id, **body.model_dump())
        ctx.db.add(filing)
        ctx.db.flush()
        ctx.audit(
            "resource_admin_filed",
            object_type="department",
            object_id=department_id,
            details={"user_id": user.id},
        )
        return ResourceAdminFilingOut.model_validate(filing)

    return idem.run(ctx.db, ctx.user.id, key, path=request.url.path, body=body, produce=produce)
