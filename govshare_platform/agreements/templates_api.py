"""The agreement template's versions (协议模板, 第三十条); the platform admin keeps them."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import select

from govshare_core.agreement_schemas import AgreementTemplateIn, AgreementTemplateOut
from govshare_core.vocab import Role
from govshare_platform.agreements import service
from govshare_platform.agreements.models import AgreementTemplate
from govshare_platform.deps import ReadCtx, WriteCtx

router = APIRouter(tags=["agreements"])


def _out(template: AgreementTemplate, current: int) -> AgreementTemplateOut:
    return AgreementTemplateOut(
        version=template.version,
        title=template.title,
        body=template.body,
        note=template.note,
        created_by=template.created_by,
        created_at=template.created_at,
        current=template.version == current,
    )


@router.get("/agreement-templates", response_model=list[AgreementTemplateOut])
def list_templates(ctx: ReadCtx) -> list[AgreementTemplateOut]:
    """Every version, newest first (at most 100)."""
    ctx.require(Role.PLATFORM_ADMIN)
    rows = list(
        ctx.db.scalars(
            select(AgreementTemplate).order_by(AgreementTemplate.version.desc()).limit(100)
        )
    )
    current = rows[0].version if rows else 0
    return [_out(t, current) for t in rows]


@router.get("/agreement-templates/current", response_model=AgreementTemplateOut)
def current_template(ctx: ReadCtx) -> AgreementTemplateOut:
    """The version new agreements are drafted from."""
    ctx.require(Role.PLATFORM_ADMIN)
    template = service.current_template(ctx.db)
    return _out(template, template.version)


@router.post("/agreement-templates", status_code=201, response_model=AgreementTemplateOut)
def add_template(body: AgreementTemplateIn, ctx: WriteCtx) -> AgreementTemplateOut:
    """A new version, current from now on (agreements already drafted keep theirs); 422 naming
    any unknown `{placeholder}`."""
    ctx.require(Role.PLATFORM_ADMIN)
    template = service.add_template(ctx.db, data=body, actor_id=ctx.user.id)
    ctx.audit(
        "agreement_template_add",
        object_type="agreement_template",
        object_id=template.version,
        details={"title": template.title, "note": template.note},
    )
    ctx.db.commit()
    return _out(template, template.version)
