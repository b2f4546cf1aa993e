"""What an agreement says: the request's elements and the filled template (第二十八条, 第三十条)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from govshare_core.agreements import SIGNING_ORDER, SignTurn
from govshare_core.vocab import ShareMode
from govshare_platform.agreements.draft import DraftContent, Party, render_draft
from govshare_platform.agreements.models import AgreementTemplate
from govshare_platform.agreements.template import fill, paragraphs
from govshare_platform.departments.models import Department
from govshare_platform.errors import Problem
from govshare_platform.requests.models import ShareRequest


def platform_department(session: Session) -> Department:
    """The platform administration (信息化主管部门), the agreement's third party."""
    dept = session.scalar(
        select(Department).where(Department.is_platform.is_(True)).order_by(Department.id)
    )
    if dept is None:
        raise Problem(409, "no_platform_department", "no department is marked as the platform")
    return dept


def agreement_number(request_id: int) -> str:
    return f"GS-XY-{request_id:06d}"


def content_for(
    session: Session, *, request: ShareRequest, template: AgreementTemplate
) -> DraftContent:
    """The draft's content: the three parties, the request's elements, the template filled in."""
    depts = {
        SignTurn.CONSUMER: request.consumer_department,
        SignTurn.PROVIDER: request.provider_department,
        SignTurn.PLATFORM: platform_department(session),
    }
    entry = request.entry
    mode = ShareMode(request.share_mode).label_zh
    end = f"{request.end_date:%Y年%m月%d日}"
    values = {
        "consumer_name": depts[SignTurn.CONSUMER].name,
        "consumer_credit_code": depts[SignTurn.CONSUMER].credit_code,
        "provider_name": depts[SignTurn.PROVIDER].name,
        "provider_credit_code": depts[SignTurn.PROVIDER].credit_code,
        "platform_name": depts[SignTurn.PLATFORM].name,
        "platform_credit_code": depts[SignTurn.PLATFORM].credit_code,
        "entry_name": entry.name,
        "resource_code": entry.resource_code or "—",
        "data_items": "、".join(request.data_items),
        "business": request.business,
        "users": request.users,
        "share_mode": mode,
        "end_date": end,
    }
    return DraftContent(
        number=agreement_number(request.id),
        title=template.title,
        paragraphs=paragraphs(fill(template.body, values)),
        parties=[Party(t, depts[t].name, depts[t].credit_code) for t in SIGNING_ORDER],
        entry_name=entry.name,
        resource_code=entry.resource_code or "",
        data_items=list(request.data_items),
        business=request.business,
        users=request.users,
        share_mode=mode,
        end_date=request.end_date,
        template_version=template.version,
    )


def draft_pdf(session: Session, *, request: ShareRequest, template: AgreementTemplate) -> bytes:
    """Revision 0 of the request's agreement."""
    return render_draft(content_for(session, request=request, template=template))
