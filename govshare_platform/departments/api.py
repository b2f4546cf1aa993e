"""Departments, users and resource-administrator filings (备案, 第二十八条).

Everyone signed in can list departments (the catalog needs them); only the security admin
manages departments, users and filings (三员分立).
"""

from __future__ import annotations

from fastapi import APIRouter, Query, Request, Response
from sqlalchemy import func, select

from govshare_core.schemas import (
    DepartmentIn,
    DepartmentOut,
    Page,
    ResourceAdminFilingIn,
    ResourceAdminFilingOut,
)
from govshare_core.security_schemas import DepartmentUpdate
from govshare_core.vocab import Role
from govshare_platform.departments import service
from govshare_platform.departments.models import Department, ResourceAdminFiling, User
from govshare_platform.departments.users_api import router as users_router
from govshare_platform.deps import IdempotencyKey, IfMatch, ReadCtx, WriteCtx
from govshare_platform.errors import Problem, conflict
from govshare_platform.idempotency import service as idem
from govshare_platform.versioning import check_if_match, etag

router = APIRouter(tags=["departments"])
router.include_router(users_router)


@router.get("/departments", response_model=Page)
def list_departments(
    ctx: ReadCtx, offset: int = Query(0, ge=0), limit: int = Query(100, ge=1, le=500)
) -> Page:
    total = ctx.db.scalar(select(func.count(Department.id))) or 0
    rows = ctx.db.scalars(select(Department).order_by(Department.id).offset(offset).limit(limit))
    items = [DepartmentOut.model_validate(d) for d in rows]
    return Page(items=items, total=total, offset=offset, limit=limit)


@router.get("/departments/{department_id}", response_model=DepartmentOut)
def get_department(department_id: int, ctx: ReadCtx, response: Response) -> Department:
    dept = service.get_department(ctx.db, department_id=department_id)
    response.headers["ETag"] = etag(dept.version)
    return dept


@router.patch("/departments/{department_id}", response_model=DepartmentOut)
def update_department(
    department_id: int,
    body: DepartmentUpdate,
    ctx: WriteCtx,
    response: Response,
    if_match: IfMatch = None,
) -> Department:
    """Rename a department (security admin; If-Match required)."""
    ctx.require(Role.SECURITY_ADMIN)
    dept = service.get_department(ctx.db, department_id=department_id)
    check_if_match(if_match, dept.version)
    changed = service.update_department(ctx.db, dept=dept, data=body)
    if changed:
        ctx.audit("department_update", object_type="department", object_id=dept.id, details=changed)
    ctx.db.commit()
    response.headers["ETag"] = etag(dept.version)
    return dept


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
    ctx.require(Role.SECURITY_ADMIN)
    service.get_department(ctx.db, department_id=department_id)
    user = ctx.db.get(User, body.user_id)
    if user is None or user.department_id != department_id:
        raise Problem(422, "user_not_in_department", "the user is not in this department")
    if not user.has_role(Role.RESOURCE_ADMIN):
        raise Problem(422, "not_resource_admin", "the user does not hold the resource_admin role")
    if not user.active:
        raise Problem(422, "user_inactive", "a disabled account cannot be filed")

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


@router.post(
    "/departments/{department_id}/resource-admins/{filing_id}/withdraw",
    response_model=ResourceAdminFilingOut,
)
def withdraw_filing(department_id: int, filing_id: int, ctx: WriteCtx) -> ResourceAdminFiling:
    """End a 备案 filing (security admin): the department has no filed resource administrator
    until another is filed, so nobody decides its share requests (第二十八条)."""
    ctx.require(Role.SECURITY_ADMIN)
    service.get_department(ctx.db, department_id=department_id)
    filing = service.get_filing(ctx.db, department_id=department_id, filing_id=filing_id, lock=True)
    if not filing.active:
        raise conflict("filing_not_active", "this filing was already withdrawn or replaced")
    filing.active = False
    ctx.audit(
        "resource_admin_withdrawn",
        object_type="department",
        object_id=department_id,
        details={"filing_id": filing.id, "user_id": filing.user_id},
    )
    ctx.db.commit()
    return filing
