"""Usage inquiries (第二十二条) and discrepancy reports (第二十条): the domain steps.

Keyword-only functions taking the session. Who may act is checked by the API layer
(`govshare_platform.usage.access`, from the core's INQUIRY / DISCREPANCY tables); these enforce
the rest: the grant relation between the departments, the entry's data items, the corrected
delivery, the deadlines in working days (policy, platform calendar).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from govshare_core.usage import DiscrepancyStatus, InquiryStatus
from govshare_core.usage_schemas import DiscrepancyIn, InquiryIn
from govshare_core.validation import field_error, validate_reason
from govshare_core.workdays import Deadline, WorkdayCalendar, review_deadline
from govshare_core.workflow import Parties, Transition
from govshare_platform.catalog.models import CatalogEntry
from govshare_platform.db import utcnow
from govshare_platform.departments.models import Department
from govshare_platform.errors import Problem, conflict, invalid, not_found
from govshare_platform.exchange.models import Delivery
from govshare_platform.grants.models import Grant
from govshare_platform.policy.service import get_calendar, get_policy
from govshare_platform.usage.models import Discrepancy, DiscrepancyEvent, UsageInquiry

MAX_KEY_LENGTH = 200
"""A key value as long as the delivery key index stores (DeliveryKey.key)."""


def inquiry_parties(inquiry: UsageInquiry) -> Parties:
    """The consumer owns (answers), the provider asked (govshare_core.usage)."""
    return Parties(
        owner_dept=inquiry.consumer_department_id, provider_dept=inquiry.provider_department_id
    )


def discrepancy_parties(report: Discrepancy) -> Parties:
    """The consumer owns (reports, accepts, disputes), the provider answers."""
    return Parties(
        owner_dept=report.consumer_department_id, provider_dept=report.provider_department_id
    )


def deadline(start: date, working_days: int, calendar: WorkdayCalendar) -> Deadline:
    """`working_days` after `start` with the platform's calendar (provisional for a year
    without an official schedule)."""
    return review_deadline(start, working_days, calendar=calendar)


def has_grant_relation(session: Session, *, entry_id: int, consumer_department_id: int) -> bool:
    """Whether the consumer department holds or held a grant on the entry (any status)."""
    return bool(
        session.scalar(
            select(
                exists().where(
                    Grant.entry_id == entry_id,
                    Grant.consumer_department_id == consumer_department_id,
                )
            )
        )
    )


def _require_relation(session: Session, *, entry_id: int, consumer_department_id: int) -> None:
    if not has_grant_relation(
        session, entry_id=entry_id, consumer_department_id=consumer_department_id
    ):
        raise conflict(
            "no_grant_relation",
            "the consumer department holds no grant, and held none, on this entry",
        )


def entry_of(session: Session, entry_id: int) -> CatalogEntry:
    """The entry named in a create body; 422 on the field when there is none."""
    entry = session.get(CatalogEntry, entry_id)
    if entry is None:
        raise invalid([field_error("entry_id", "invalid_value", value=entry_id)])
    return entry


# --- inquiries ----------------------------------------------------------------------------------


def create_inquiry(
    session: Session, *, data: InquiryIn, entry: CatalogEntry, user_id: int, today: date
) -> UsageInquiry:
    """The provider asks a consumer department with a grant on its entry (第二十二条)."""
    if session.get(Department, data.consumer_department_id) is None:
        raise invalid([field_error("consumer_department_id", "invalid_value", value="?")])
    _require_relation(
        session, entry_id=entry.id, consumer_department_id=data.consumer_department_id
    )
    inquiry = UsageInquiry(
        entry_id=entry.id,
        provider_department_id=entry.department_id,
        consumer_department_id=data.consumer_department_id,
        question=data.question.strip(),
        asked_by=user_id,
        status=InquiryStatus.OPEN,
    )
    if data.due_working_days is not None:
        due = deadline(today, data.due_working_days, get_calendar(session))
        inquiry.due, inquiry.due_provisional = due.due, due.provisional
    session.add(inquiry)
    session.flush()
    return inquiry


def move_inquiry(
    inquiry: UsageInquiry, *, transition: Transition, user_id: int, answer: str | None
) -> None:
    """Answer (the consumer) or withdraw (the provider) an open inquiry."""
    if transition.action == "answer":
        inquiry.answer, inquiry.answered_by, inquiry.answered_at = answer, user_id, utcnow()
    inquiry.status = transition.target
    inquiry.updated_at = utcnow()


# --- discrepancies -------------------------------------------------------------------------------


def create_discrepancy(
    session: Session,
    *,
    data: DiscrepancyIn,
    entry: CatalogEntry,
    user_id: int,
    department_id: int,
    today: date,
) -> Discrepancy:
    """A consumer department reports wrong data of an entry it holds or held a grant on
    (第二十条); the provider's deadline runs from today (policy)."""
    _require_relation(session, entry_id=entry.id, consumer_department_id=department_id)
    errors = []
    if data.delivery_id is not None:
        delivery = session.get(Delivery, data.delivery_id)
        if delivery is None or delivery.entry_id != entry.id:
            errors.append(field_error("delivery_id", "invalid_value", value=data.delivery_id))
    if data.data_item is not None and data.data_item not in {i.name for i in entry.items}:
        errors.append(field_error("data_item", "unknown_item", value=data.data_item))
    errors += [
        field_error(f"keys[{i}]", "invalid_value", value=key[:20])
        for i, key in enumerate(data.keys)
        if len(key) > MAX_KEY_LENGTH
    ]
    errors += validate_reason(data.description, "description")
    if errors:
        raise invalid(errors)
    report = Discrepancy(
        entry_id=entry.id,
        provider_department_id=entry.department_id,
        consumer_department_id=department_id,
        delivery_id=data.delivery_id,
        keys=[k.strip() for k in data.keys if k.strip()],
        data_item=data.data_item,
        description=data.description.strip(),
        reported_by=user_id,
        reported_at=utcnow(),
        status=DiscrepancyStatus.REPORTED,
    )
    _set_due(session, report, today)
    report.events.append(
        DiscrepancyEvent(
            action="report",
            status=DiscrepancyStatus.REPORTED,
            actor_id=user_id,
            department_id=department_id,
            delivery_id=data.delivery_id,
        )
    )
    session.add(report)
    session.flush()
    return report


def _set_due(session: Session, report: Discrepancy, today: date) -> None:
    days = get_policy(session).discrepancy_response_working_days
    due = deadline(today, days, get_calendar(session))
    report.due, report.due_provisional = due.due, due.provisional


def correction_delivery(session: Session, report: Discrepancy, delivery_id: int | None) -> int:
    """The corrected delivery: one of the same entry, delivered after the report was made."""
    delivery = session.get(Delivery, delivery_id) if delivery_id is not None else None
    if (
        delivery is None
        or delivery.entry_id != report.entry_id
        or delivery.delivered_at <= report.reported_at
    ):
        raise Problem(
            422,
            "correction_delivery_invalid",
            "name a delivery of the same entry made after the report (delivery_id)",
            errors=[field_error("delivery_id", "invalid_value", value=delivery_id)],
        )
    return delivery.id


def move_discrepancy(
    session: Session,
    *,
    report: Discrepancy,
    transition: Transition,
    user_id: int,
    department_id: int,
    reason: str | None,
    delivery_id: int | None,
    today: date,
) -> None:
    """Take a DISCREPANCY transition (the caller checked who); record it in the history."""
    reason = (reason or "").strip() or None
    if transition.needs_reason:
        errors = validate_reason(reason)
        if errors:
            raise invalid(errors)
    used_delivery = None
    if transition.action == "correct":
        used_delivery = report.correction_delivery_id = correction_delivery(
            session, report, delivery_id
        )
        report.answer = reason
    if transition.action == "explain":
        report.answer = reason
    report.status = transition.target
    if transition.action == "order_correction":  # back to the provider, with a new deadline
        report.correction_delivery_id, report.answer = None, None
        _set_due(session, report, today)
    report.updated_at = utcnow()
    report.events.append(
        DiscrepancyEvent(
            action=transition.action,
            status=transition.target,
            actor_id=user_id,
            department_id=department_id,
            reason=reason,
            delivery_id=used_delivery,
        )
    )


def attach_evidence(report: Discrepancy, *, filename: str, data: bytes, sha256: str) -> None:
    """Store (or replace) the report's evidence; only while the provider has not answered."""
    if report.status != DiscrepancyStatus.REPORTED:
        raise conflict("evidence_locked", "evidence can be attached only while `reported`")
    if not data:
        raise Problem(422, "evidence_empty", "the evidence file is empty")
    report.evidence, report.evidence_filename = data, filename
    report.evidence_size, report.evidence_sha256 = len(data), sha256
    report.updated_at = utcnow()


def evidence_of(report: Discrepancy) -> bytes:
    if report.evidence_filename is None or report.evidence is None:
        raise not_found("evidence")
    return report.evidence
