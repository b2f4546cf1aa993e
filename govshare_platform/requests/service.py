"""Share request workflow: validate, submit, decide, dispute, mediate, escalate.

第五条 (not-shared resources only on a statutory citation), 第二十二条 (no refusal without a legal
ground), 第二十五条 (disputes mediated by the platform), 第二十七条 (5 working days to review),
第二十八条 (the reviewed elements), 第三十条 (three-party agreement before activation).
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from sqlalchemy import ColumnElement, and_, case, func, or_, select
from sqlalchemy import inspect as orm_inspect
from sqlalchemy.orm import Session, joinedload, object_session, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from govshare_core.schemas import (
    DecisionIn,
    DisputeOut,
    RequestEventOut,
    ShareRequestDetailOut,
    ShareRequestIn,
    ShareRequestOut,
)
from govshare_core.validation import (
    effective_share_type,
    validate_decision,
    validate_request_target,
    validate_share_request,
)
from govshare_core.vocab import (
    DisputeStatus,
    EntryStatus,
    RequestStatus,
    ShareMode,
    ShareType,
)
from govshare_core.workdays import Deadline, WorkdayCalendar, review_deadline
from govshare_core.workflow import REQUEST_REVIEW_STATES, SHARE_REQUEST, Transition
from govshare_platform.agreements.service import cancel_for_request, draft_for_request
from govshare_platform.audit import service as audit
from govshare_platform.catalog.models import CatalogEntry
from govshare_platform.catalog.views import display_name, user_name
from govshare_platform.db import shared_alias, utcnow
from govshare_platform.departments import service as departments
from govshare_platform.departments.models import Department, User
from govshare_platform.errors import conflict, invalid
from govshare_platform.grants import service as grants
from govshare_platform.policy.service import Deadlines, get_calendar, get_policy
from govshare_platform.requests.models import Dispute, ShareRequest
from govshare_platform.sorting import Sort, SortKey, SortKeys, enum_order
from govshare_platform.substring import contains, every_word

RequestSide = Literal["consumer", "provider", "all"]
_R = RequestStatus


def check_against_entry(
    session: Session, *, data: ShareRequestIn, consumer_department_id: int, today: date
) -> tuple[CatalogEntry, ShareType]:
    """The entry and the effective share type; 422 on any broken rule (第五条, 第二十八条)."""
    # its data items in the same statement (their share types are checked below)
    entry = session.get(CatalogEntry, data.entry_id, options=[joinedload(CatalogEntry.items)])
    errors = validate_request_target(
        entry_published=entry is not None and entry.status == EntryStatus.PUBLISHED,
        entry_department_id=entry.department_id if entry else None,
        consumer_department_id=consumer_department_id,
    )
    if errors or entry is None:
        raise invalid(errors)
    items = {i.name: ShareType(i.share_type) if i.share_type else None for i in entry.items}
    entry_type = ShareType(entry.share_type)
    errors = validate_share_request(
        data, entry_share_type=entry_type, entry_items=items, today=today
    )
    if errors:
        raise invalid(errors)
    requested = [items[name] for name in data.data_items]
    return entry, effective_share_type(entry_type, requested)


def _apply(
    request: ShareRequest, data: ShareRequestIn, entry: CatalogEntry, kind: ShareType
) -> None:
    for name, value in data.model_dump().items():
        setattr(request, name, value)
    request.provider_department_id = entry.department_id
    request.share_type = kind
    _keep_entry(request, entry)


def _keep_entry(request: ShareRequest, entry: CatalogEntry) -> None:
    """Hold the entry just checked as the request's `entry` (no history, nothing to write), so
    the answer's entry name and code need no second load of it and its data items."""
    if entry.id == request.entry_id:
        set_committed_value(request, "entry", entry)


def create(
    session: Session, *, data: ShareRequestIn, applicant_id: int, department_id: int, today: date
) -> ShareRequest:
    """A draft request of the applicant's department (第二十二条)."""
    entry, kind = check_against_entry(
        session, data=data, consumer_department_id=department_id, today=today
    )
    request = ShareRequest(
        consumer_department_id=department_id, applicant_id=applicant_id, status=_R.DRAFT
    )
    # a new request has no history and no disputes: known without asking the database
    set_committed_value(request, "events", [])
    set_committed_value(request, "disputes", [])
    _apply(request, data, entry, kind)
    session.add(request)
    session.flush()
    return request


def update(session: Session, *, request: ShareRequest, data: ShareRequestIn, today: date) -> None:
    """Edit a draft (only drafts change in place)."""
    if request.status != _R.DRAFT:
        raise conflict("not_draft", "only a draft request can be edited")
    entry, kind = check_against_entry(
        session, data=data, consumer_department_id=request.consumer_department_id, today=today
    )
    _apply(request, data, entry, kind)
    session.flush()


def _as_input(request: ShareRequest) -> ShareRequestIn:
    return ShareRequestIn(
        entry_id=request.entry_id,
        data_items=list(request.data_items),
        business=request.business,
        users=request.users,
        share_mode=ShareMode(request.share_mode),
        reason=request.reason,
        end_date=request.end_date,
        statutory_citation=request.statutory_citation,
    )


def deadline_from(
    session: Session, received: date, calendar: WorkdayCalendar | None = None
) -> Deadline:
    """Review deadline in working days from receipt (第二十七条), with the platform's calendar
    (`calendar`: already read in this transaction, e.g. `Deadlines.calendar`)."""
    days = get_policy(session).review_working_days
    return review_deadline(received, days, calendar=calendar or get_calendar(session))


def _start_clock(
    session: Session, request: ShareRequest, today: date, calendar: WorkdayCalendar | None = None
) -> None:
    deadline = deadline_from(session, today, calendar)
    request.review_due = deadline.due
    request.review_due_provisional = deadline.provisional
    request.escalated = False


def submit(
    session: Session,
    *,
    request: ShareRequest,
    actor_id: int,
    today: date,
    calendar: WorkdayCalendar | None = None,
) -> list[str]:
    """Submit and route by share type (第二十五条, 第五条); returns the actions taken.
    `calendar`: the platform's calendar if the caller has read it already."""
    transition = SHARE_REQUEST.find("submit", request.status)
    entry, kind = check_against_entry(
        session,
        data=_as_input(request),
        consumer_department_id=request.consumer_department_id,
        today=today,
    )
    _keep_entry(request, entry)
    # the reads below (policy, calendar, history) must not flush the changes one by one: that
    # would write the row (and bump its version) once per read instead of once
    with session.no_autoflush:
        request.provider_department_id, request.share_type = entry.department_id, kind
        request.received_on = today
        _start_clock(session, request, today, calendar)
        request.move(transition, actor_id=actor_id, comment=None)
        follow_up = {
            ShareType.UNCONDITIONAL: "auto_grant",
            ShareType.NOT_SHARED: "route_statutory",
        }
        actions = [transition.action]
        if kind in follow_up:
            step = SHARE_REQUEST.find(follow_up[kind], request.status)
            request.move(step, actor_id=None, comment=None)
            actions.append(step.action)
    session.flush()
    if request.status == _R.ACTIVE:
        grants.create_for_request(session, request=request, today=today)
    return actions


def provider_transition(request: ShareRequest, decision: DecisionIn) -> Transition:
    """The provider's approve or reject transition from the request's state."""
    action = "provider_approve" if decision.approve else "provider_reject"
    return SHARE_REQUEST.find(action, request.status)


def platform_transition(request: ShareRequest, decision: DecisionIn) -> Transition:
    """The platform's transition: statutory requests activate, conditional ones await agreement."""
    if not decision.approve:
        action = "platform_reject"
    elif request.share_type == ShareType.NOT_SHARED:
        action = "platform_approve_statutory"
    else:
        action = "platform_approve"
    return SHARE_REQUEST.find(action, request.status)


def decide(
    session: Session,
    *,
    request: ShareRequest,
    transition: Transition,
    decision: DecisionIn,
    actor_id: int,
    today: date,
) -> None:
    """Record a provider or platform decision; a rejection needs its ground (第二十二条)."""
    errors = validate_decision(approve=decision.approve, ground=decision.ground)
    if errors:
        raise invalid(errors)
    if not decision.approve:
        request.rejection_ground = decision.ground
        request.rejection_comment = decision.comment
    if transition.action.startswith("provider_"):
        request.provider_decided_by, request.provider_decided_at = actor_id, utcnow()
    else:
        request.platform_decided_by, request.platform_decided_at = actor_id, utcnow()
    move(
        session,
        request=request,
        transition=transition,
        actor_id=actor_id,
        comment=decision.comment,
        today=today,
    )


def move(
    session: Session,
    *,
    request: ShareRequest,
    transition: Transition,
    actor_id: int | None,
    comment: str | None,
    today: date,
) -> None:
    """Apply a transition; grants are created when the request becomes active. Approved by the
    platform, a conditional request gets its agreement drafted (第三十条); withdrawn while the
    agreement is open, the agreement is cancelled (both in this transaction)."""
    was = request.status
    request.move(transition, actor_id=actor_id, comment=comment)
    session.flush()
    if request.status == _R.ACTIVE:
        grants.create_for_request(session, request=request, today=today)
    elif request.status == _R.AWAITING_AGREEMENT:
        draft_for_request(session, request=request, today=today)
    elif was == _R.AWAITING_AGREEMENT and request.status == _R.WITHDRAWN:
        cancel_for_request(session, request=request, actor_id=actor_id)


def raise_dispute(
    session: Session,
    *,
    request: ShareRequest,
    transition: Transition,
    actor_id: int,
    reason: str,
    today: date,
) -> Dispute:
    """争议 after a rejection (第二十五条); one per request; mediation due in working days."""
    if request.disputes:
        raise conflict("already_disputed", "this request has already been disputed once")
    dispute = Dispute(raised_by=actor_id, reason=reason, status=DisputeStatus.OPEN)
    request.disputes.append(dispute)
    _start_clock(session, request, today)
    move(
        session,
        request=request,
        transition=transition,
        actor_id=actor_id,
        comment=reason,
        today=today,
    )
    return dispute


def mediate(
    session: Session,
    *,
    request: ShareRequest,
    transition: Transition,
    actor_id: int,
    comment: str,
    today: date,
) -> Dispute:
    """The platform upholds or overturns the rejection (第二十五条)."""
    dispute = next(d for d in request.disputes if d.status == DisputeStatus.OPEN)
    overturn = transition.action == "mediate_overturn"
    dispute.status = DisputeStatus.OVERTURNED if overturn else DisputeStatus.UPHELD
    dispute.resolution, dispute.resolved_by, dispute.resolved_at = comment, actor_id, utcnow()
    if overturn:
        request.rejection_ground = request.rejection_comment = None
    move(
        session,
        request=request,
        transition=transition,
        actor_id=actor_id,
        comment=comment,
        today=today,
    )
    return dispute


def is_overdue(request: ShareRequest, today: date) -> bool:
    """Waiting on a reviewer past its review deadline (第二十七条)."""
    return (
        request.status in REQUEST_REVIEW_STATES
        and request.review_due is not None
        and request.review_due < today
    )


def _overdue_clause(today: date) -> ColumnElement[bool]:
    return and_(
        ShareRequest.status.in_([str(s) for s in REQUEST_REVIEW_STATES]),
        ShareRequest.review_due < today,
    )


def escalate_overdue(session: Session, *, today: date) -> int:
    """Mark overdue requests escalated (and audit each); returns how many were escalated."""
    rows = session.scalars(
        select(ShareRequest).where(_overdue_clause(today), ShareRequest.escalated.is_(False))
    ).all()
    for request in rows:
        request.escalated = True
        audit.append(
            session,
            action="request_escalated",
            object_type="share_request",
            object_id=request.id,
            details={"status": request.status, "review_due": str(request.review_due)},
        )
    session.flush()
    return len(rows)


def _side_clause(
    side: RequestSide, department_id: int, platform_admin: bool
) -> ColumnElement[bool]:
    consumer = ShareRequest.consumer_department_id == department_id
    provider = and_(
        ShareRequest.provider_department_id == department_id, ShareRequest.status != _R.DRAFT
    )
    if side == "consumer":
        return consumer
    if side == "provider":
        return provider
    if platform_admin:
        return or_(consumer, ShareRequest.status != _R.DRAFT)
    return or_(consumer, provider)


# --- listing: filters, words (`q`), sort keys ----------------------------------------------------

_Entry = shared_alias(CatalogEntry, name="listed_entry")
_Consumer = shared_alias(Department, name="consumer_dept")
_Provider = shared_alias(Department, name="provider_dept")

REQUEST_SORT = SortKeys(
    keys={
        "id": SortKey(ShareRequest.id),
        "entry_name": SortKey(_Entry.name, joins=("entry",)),
        "resource_code": SortKey(_Entry.resource_code, nullable=True, joins=("entry",)),
        "status": SortKey(enum_order(ShareRequest.status, RequestStatus)),
        "share_type": SortKey(enum_order(ShareRequest.share_type, ShareType)),
        "share_mode": SortKey(enum_order(ShareRequest.share_mode, ShareMode)),
        "received_on": SortKey(ShareRequest.received_on, nullable=True),
        "review_due": SortKey(ShareRequest.review_due, nullable=True),
        "due": SortKey(
            case(
                (
                    ShareRequest.status.in_([str(s) for s in REQUEST_REVIEW_STATES]),
                    ShareRequest.review_due,
                )
            ),
            nullable=True,
        ),
        "end_date": SortKey(ShareRequest.end_date),
        "created_at": SortKey(ShareRequest.created_at),
        "updated_at": SortKey(ShareRequest.updated_at),
        "consumer_department_name": SortKey(_Consumer.name, joins=("consumer",)),
        "provider_department_name": SortKey(_Provider.name, joins=("provider",)),
    },
    tiebreak=ShareRequest.id,
    joins={
        "entry": lambda s: s.join(_Entry, _Entry.id == ShareRequest.entry_id),
        "consumer": lambda s: s.join(
            _Consumer, _Consumer.id == ShareRequest.consumer_department_id
        ),
        "provider": lambda s: s.join(
            _Provider, _Provider.id == ShareRequest.provider_department_id
        ),
    },
)
"""The `sort` keys of GET /requests (fields of ShareRequestOut)."""


def _word_places(word: str) -> list[ColumnElement[bool]]:
    """Where a word of `q` may occur: the entry's name or code, either department's name, the
    应用业务 or the reason (第二十八条)."""
    named = departments.ids_named_like(word)
    return [
        contains(_Entry.name, word),
        contains(_Entry.resource_code, word),
        ShareRequest.consumer_department_id.in_(named),
        ShareRequest.provider_department_id.in_(named),
        contains(ShareRequest.business, word),
        contains(ShareRequest.reason, word),
    ]


def list_requests(
    session: Session,
    *,
    department_id: int,
    platform_admin: bool,
    side: RequestSide,
    status: RequestStatus | None,
    overdue: bool | None,
    today: date,
    offset: int,
    limit: int,
    words: list[str] | None = None,
    sort: Sort | None = None,
) -> tuple[list[ShareRequest], int]:
    """A page of requests the caller's department takes part in (all, for the platform admin):
    every word in `words` found somewhere (`_word_places`), newest first unless `sort`."""
    query = select(ShareRequest).where(_side_clause(side, department_id, platform_admin))
    if status is not None:
        query = query.where(ShareRequest.status == status)
    if overdue is True:
        query = query.where(_overdue_clause(today))
    elif overdue is False:
        query = query.where(~_overdue_clause(today) | ShareRequest.review_due.is_(None))
    joined: tuple[str, ...] = ()
    if words:
        query = REQUEST_SORT.join(query, ("entry",)).where(*every_word(words, _word_places))
        joined = ("entry",)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    if sort is None:
        query = query.order_by(ShareRequest.id.desc())
    else:
        query = REQUEST_SORT.apply(query, sort, joined=joined)
    query = query.options(
        selectinload(ShareRequest.consumer_department),
        selectinload(ShareRequest.provider_department),
    )
    rows = session.scalars(query.offset(offset).limit(limit))
    return list(rows.all()), total


def is_visible(request: ShareRequest, *, department_id: int, platform_admin: bool) -> bool:
    """Whether a user of `department_id` may see the request (drafts stay with the consumer)."""
    if request.consumer_department_id == department_id:
        return True
    if request.status == _R.DRAFT:
        return False
    return platform_admin or request.provider_department_id == department_id


def to_out(request: ShareRequest, deadlines: Deadlines) -> ShareRequestOut:
    return ShareRequestOut.model_validate(_fields(request, deadlines))


def to_detail(
    request: ShareRequest, deadlines: Deadlines, *, viewer: User | None = None
) -> ShareRequestDetailOut:
    """The request with its history; who acted by name (the printed 申请表 shows them).
    `viewer`: the signed-in user, whose name needs no query."""
    session = object_session(request)
    ids = {request.applicant_id} | {e.actor_id for e in request.events if e.actor_id}
    names: dict[int, str] = {}
    if viewer is not None and viewer.id in ids:
        names[viewer.id] = user_name(viewer)
    if session is not None and ids - names.keys():
        wanted = ids - names.keys()
        rows = session.execute(select(User.id, display_name(User)).where(User.id.in_(wanted)))
        names.update({int(user_id): str(name) for user_id, name in rows})
    events = []
    for event in request.events:
        out = RequestEventOut.model_validate(event)
        out.actor_name = names.get(event.actor_id) if event.actor_id else None
        events.append(out)
    return ShareRequestDetailOut.model_validate(
        {
            **_fields(request, deadlines),
            "applicant_name": names.get(request.applicant_id),
            "consumer_department_name": request.consumer_department.name,
            "provider_department_name": request.provider_department.name,
            "provider_decided_by": request.provider_decided_by,
            "provider_decided_at": request.provider_decided_at,
            "platform_decided_by": request.platform_decided_by,
            "platform_decided_at": request.platform_decided_at,
            "events": events,
            "disputes": [DisputeOut.model_validate(d) for d in request.disputes],
        }
    )


def current_due(request: ShareRequest) -> date | None:
    """The deadline that applies now: the review deadline while a reviewer is due to act."""
    return request.review_due if request.status in REQUEST_REVIEW_STATES else None


_COMPUTED = {"entry_name", "resource_code", "overdue", "due", "working_days_left"}


def _entry_label(request: ShareRequest) -> tuple[str, str | None]:
    """The entry's name and resource code: from the loaded entry, else both columns alone (not
    the whole entry with its data items)."""
    session = object_session(request)
    if "entry" in orm_inspect(request).unloaded and session is not None:
        row = session.execute(
            select(CatalogEntry.name, CatalogEntry.resource_code).where(
                CatalogEntry.id == request.entry_id
            )
        ).one()
        return row.name, row.resource_code
    return request.entry.name, request.entry.resource_code


def _fields(request: ShareRequest, deadlines: Deadlines) -> dict[str, object]:
    names = ShareRequestOut.model_fields.keys() - _COMPUTED
    due = current_due(request)
    entry_name, resource_code = _entry_label(request)
    return {
        **{name: getattr(request, name) for name in names},
        "entry_name": entry_name,
        "resource_code": resource_code,
        "overdue": is_overdue(request, deadlines.today),
        "due": due,
        "working_days_left": deadlines.left(due),
    }
