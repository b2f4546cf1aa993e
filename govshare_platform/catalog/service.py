"""Catalog entries: register, edit, review, publish, change reports (第十三条–第十九条).

Keyword-only functions taking the session. Permission checks live in the API layer; these
functions enforce the domain rules and keep the search index in step with every change.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from sqlalchemy import case, func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from govshare_core.rescode import format_resource_code
from govshare_core.rules import change_report_due, change_report_late
from govshare_core.schemas import CatalogEntryBase, CatalogEntryIn, ChangeReportIn, ChangeReportOut
from govshare_core.validation import FieldError, field_error, validate_entry
from govshare_core.vocab import ChangeReportStatus, EntryStatus
from govshare_core.workflow import KEY_ELEMENTS, Transition
from govshare_platform import clock
from govshare_platform.catalog import search
from govshare_platform.catalog.models import (
    CatalogEntry,
    ChangeReport,
    EntryDataItem,
    EntrySnapshot,
    ResourceCodeSequence,
)
from govshare_platform.db import utcnow
from govshare_platform.errors import Problem, conflict, invalid, not_found
from govshare_platform.policy.service import deadlines, get_policy
from govshare_platform.sorting import SortKey, SortKeys, enum_order

EDITABLE_STATES = frozenset({EntryStatus.DRAFT, EntryStatus.RETURNED, EntryStatus.PUBLISHED})
CLASSIFICATION = ("resource_class", "class_item", "class_catalog", "class_detail")
_ENTRY_FIELDS = tuple(n for n in CatalogEntryBase.model_fields if n != "involves_state_secret")
_COLUMNS = tuple(n for n in _ENTRY_FIELDS if n != "data_items")


def entry_data(entry: CatalogEntry) -> dict[str, Any]:
    """The registrar-editable elements of an entry as JSON-ready values."""
    data = {name: getattr(entry, name) for name in _COLUMNS}
    data["related_codes"] = list(entry.related_codes or [])
    data["data_items"] = entry.data_items
    return data


def as_input(data: dict[str, Any]) -> CatalogEntryIn:
    """Parse stored or merged entry data; 422 with field errors if it does not parse."""
    try:
        return CatalogEntryIn.model_validate(data)
    except ValidationError as exc:
        errors = [
            field_error(
                ".".join(str(p) for p in err["loc"]) or "changes", "invalid_value", value=err["msg"]
            )
            for err in exc.errors()
        ]
        raise invalid(errors) from exc


def problems(entry: CatalogEntry) -> list[FieldError]:
    """Rule violations of a draft or returned entry (enforced on submit, 第十四条)."""
    if entry.status not in (EntryStatus.DRAFT, EntryStatus.RETURNED):
        return []
    return validate_entry(as_input(entry_data(entry)))


def refuse_state_secret(data: CatalogEntryBase) -> None:
    """第六条: resources involving state secrets are never registered on the platform."""
    if data.involves_state_secret:
        raise invalid([field_error("involves_state_secret", "state_secret")])


def _items(data: CatalogEntryBase) -> list[EntryDataItem]:
    return [
        EntryDataItem(position=i, **item.model_dump(mode="json", exclude={"key"}), is_key=item.key)
        for i, item in enumerate(data.data_items)
    ]


def _assign(entry: CatalogEntry, data: CatalogEntryBase, names: tuple[str, ...]) -> None:
    dumped = data.model_dump(mode="json")
    for name in names:
        if name == "data_items":
            entry.items = _items(data)
        else:
            setattr(entry, name, dumped[name])
    entry.updated_at = utcnow()  # always UPDATE the row, so the version moves with item changes


def get_entry(session: Session, *, entry_id: int) -> CatalogEntry:
    entry = session.get(CatalogEntry, entry_id)
    if entry is None:
        raise not_found("catalog entry")
    return entry


def create_entry(
    session: Session, *, data: CatalogEntryIn, department_id: int, user_id: int, index: bool = True
) -> CatalogEntry:
    """Save a draft: it need only parse; domain rules are checked on submit (第十四条).
    `index=False`: the caller indexes many at once afterwards (`search.index_entries`, the
    workbook import), so nothing is flushed here."""
    refuse_state_secret(data)
    entry = CatalogEntry(department_id=department_id, created_by=user_id, status=EntryStatus.DRAFT)
    _assign(entry, data, _ENTRY_FIELDS)
    session.add(entry)
    if index:
        search.reindex_entry(session, entry)
    return entry


def _changed(entry: CatalogEntry, data: CatalogEntryBase, names: tuple[str, ...]) -> list[str]:
    current, wanted = entry_data(entry), data.model_dump(mode="json")
    return [n for n in names if current[n] != wanted[n]]


def update_entry(
    session: Session, *, entry: CatalogEntry, data: CatalogEntryIn, index: bool = True
) -> list[str]:
    """Edit a draft or returned entry, or the non-key fields of a published one (第十七条).
    `index=False`: as for create_entry."""
    refuse_state_secret(data)
    if entry.status not in EDITABLE_STATES:
        raise conflict("not_editable", f"an entry in state {entry.status} cannot be edited")
    changed = _changed(entry, data, _ENTRY_FIELDS)
    if entry.status == EntryStatus.PUBLISHED:
        _check_published_edit(changed, data)
    # only the changed fields: the others are equal, and data items are rewritten only if changed
    _assign(entry, data, tuple(changed))
    if index:
        search.reindex_entry(session, entry)
    return changed


def _check_published_edit(changed: list[str], data: CatalogEntryBase) -> None:
    keys = [n for n in changed if n in KEY_ELEMENTS]
    if keys:
        raise Problem(
            409,
            "key_element_change_requires_report",
            "key elements of a published entry change only through a change report (第十七条)",
            extra={"fields": keys},
        )
    if any(n in CLASSIFICATION for n in changed):
        raise Problem(
            409,
            "classification_locked",
            "the classification of a published entry fixes its resource code",
            extra={"fields": [n for n in changed if n in CLASSIFICATION]},
        )
    errors = validate_entry(data)
    if errors:
        raise invalid(errors)


def delete_entry(session: Session, *, entry: CatalogEntry) -> None:
    """Delete a draft (anything further along stays on record)."""
    if entry.status != EntryStatus.DRAFT:
        raise conflict("not_deletable", "only drafts can be deleted")
    search.unindex_entry(session, entry.id)
    session.delete(entry)
    session.flush()


def next_resource_code(session: Session, *, prefix: str) -> str:
    """Issue the next 后段码 for a 前段码: row-locked, unique, never reused (第十三条)."""
    dialect = session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    session.execute(
        insert(ResourceCodeSequence).values(prefix=prefix, last_seq=0).on_conflict_do_nothing()
    )
    seq = session.scalars(
        select(ResourceCodeSequence).where(ResourceCodeSequence.prefix == prefix).with_for_update()
    ).one()
    seq.last_seq += 1
    session.flush()
    return format_resource_code(prefix, seq.last_seq)


def snapshot(session: Session, *, entry: CatalogEntry, reason: str, actor_id: int) -> None:
    """Keep the entry as it stands now (published, change applied) for side-by-side views."""
    session.flush()
    data = dict(entry_data(entry), resource_code=entry.resource_code, status=entry.status)
    data["published_on"] = entry.published_on.isoformat() if entry.published_on else None
    session.add(
        EntrySnapshot(
            entry_id=entry.id,
            entry_version=entry.version,
            reason=reason,
            data=data,
            actor_id=actor_id,
        )
    )


def _publish(session: Session, entry: CatalogEntry) -> None:
    """第十六条 confirmation (第十三条 核定 for 不予共享): code, date, snapshot."""
    if entry.resource_code is None:
        prefix = "".join(getattr(entry, n) or "" for n in CLASSIFICATION)
        entry.resource_code = next_resource_code(session, prefix=prefix)
    entry.published_on = clock.today()


def apply_transition(
    session: Session,
    *,
    entry: CatalogEntry,
    transition: Transition,
    actor_id: int,
    reason: str | None = None,
) -> None:
    """Move the entry along CATALOG_ENTRY (the caller has checked role and party)."""
    if transition.action == "submit":
        errors = validate_entry(as_input(entry_data(entry)))
        if errors:
            raise invalid(errors, "the entry breaks catalog rules; fix it before submitting")
        entry.submitted_by, entry.submitted_at, entry.return_reason = actor_id, utcnow(), None
    if transition.action == "dept_approve":
        entry.dept_approved_at = utcnow()  # the platform's review clock starts (第十六条)
    if transition.needs_reason:
        entry.return_reason = reason
    if transition.action == "publish":
        _publish(session, entry)
    entry.status = transition.target
    entry.updated_at = utcnow()
    if transition.action == "publish":
        snapshot(session, entry=entry, reason="published", actor_id=actor_id)
    search.reindex_entry(session, entry)


def diff(session: Session, *, entry: CatalogEntry) -> list[dict[str, Any]]:
    """Fields that differ between the last published snapshot and the entry now."""
    last = session.scalars(
        select(EntrySnapshot)
        .where(EntrySnapshot.entry_id == entry.id)
        .order_by(EntrySnapshot.id.desc())
        .limit(1)
    ).first()
    if last is None:
        return []
    now = entry_data(entry)
    return [
        {"field": name, "before": last.data.get(name), "after": now[name]}
        for name in _ENTRY_FIELDS
        if last.data.get(name) != now[name]
    ]


# --- change reports (第十七条) -------------------------------------------------------------------


def _changes_errors(report: ChangeReportIn) -> list[FieldError]:
    errors = []
    if report.effective_date > clock.today():
        errors.append(field_error("effective_date", "effective_date_future"))
    if not report.changes:
        errors.append(field_error("changes", "no_changes"))
    errors += [
        field_error(f"changes.{name}", "not_key_element", value=name)
        for name in report.changes
        if name not in KEY_ELEMENTS
    ]
    return errors


def _merged(entry: CatalogEntry, changes: dict[str, Any]) -> CatalogEntryIn:
    """The entry with `changes` applied; 422 if it would break the catalog rules."""
    merged = as_input({**entry_data(entry), **changes})
    errors = validate_entry(merged)
    if errors:
        raise invalid(errors, "the entry would break catalog rules after this change")
    return merged


def create_change_report(
    session: Session, *, entry: CatalogEntry, data: ChangeReportIn, user_id: int
) -> ChangeReport:
    """Report a key-element change; late when reported after the policy's days (第十七条)."""
    if entry.status != EntryStatus.PUBLISHED:
        raise conflict("entry_not_published", "change reports are for published entries")
    errors = _changes_errors(data)
    if errors:
        raise invalid(errors)
    merged = _merged(entry, data.changes).model_dump(mode="json")
    today = clock.today()
    report = ChangeReport(
        entry_id=entry.id,
        department_id=entry.department_id,
        effective_date=data.effective_date,
        reported_on=today,
        late=change_report_late(data.effective_date, today, get_policy(session).change_report_days),
        description=data.description,
        changes={name: merged[name] for name in data.changes},
        status=ChangeReportStatus.SUBMITTED,
        reported_by=user_id,
    )
    session.add(report)
    session.flush()
    return report


CHANGE_REPORT_SORT = SortKeys(
    keys={
        "id": SortKey(ChangeReport.id),
        "entry_id": SortKey(ChangeReport.entry_id),
        "effective_date": SortKey(ChangeReport.effective_date),
        "reported_on": SortKey(ChangeReport.reported_on),
        "late": SortKey(ChangeReport.late),
        "status": SortKey(enum_order(ChangeReport.status, ChangeReportStatus)),
        # `due` is the effective date plus the policy's days while undecided: the same order
        "due": SortKey(
            case(
                (ChangeReport.status == ChangeReportStatus.SUBMITTED, ChangeReport.effective_date)
            ),
            nullable=True,
        ),
    },
    tiebreak=ChangeReport.id,
)
"""The `sort` keys of GET /catalog/change-reports (fields of ChangeReportOut)."""


def report_outs(session: Session, reports: list[ChangeReport]) -> list[ChangeReportOut]:
    """Change reports as returned: undecided ones with the 第十七条 window's last day (`due`)
    and the working days left to it, counted with the platform's calendar."""
    clock_ = deadlines(session, clock.today())
    days = get_policy(session).change_report_days
    outs = []
    for report in reports:
        out = ChangeReportOut.model_validate(report)
        if report.status == ChangeReportStatus.SUBMITTED:
            out.due = change_report_due(report.effective_date, days)
            out.working_days_left = clock_.left(out.due)
        outs.append(out)
    return outs


def get_change_report(session: Session, *, report_id: int) -> ChangeReport:
    report = session.get(ChangeReport, report_id)
    if report is None:
        raise not_found("change report")
    return report


def _decidable(report: ChangeReport) -> None:
    if report.status != ChangeReportStatus.SUBMITTED:
        raise conflict("report_decided", f"the change report is already {report.status}")


def apply_change_report(session: Session, *, report: ChangeReport, actor_id: int) -> CatalogEntry:
    """The platform admin applies a reported change to the share catalog (第十七条)."""
    _decidable(report)
    entry = get_entry(session, entry_id=report.entry_id)
    if entry.status != EntryStatus.PUBLISHED:
        raise conflict("entry_not_published", "the entry is no longer published")
    merged = _merged(entry, report.changes)
    _assign(entry, merged, tuple(report.changes))
    report.status, report.decided_by = ChangeReportStatus.APPLIED, actor_id
    snapshot(session, entry=entry, reason="change_applied", actor_id=actor_id)
    search.reindex_entry(session, entry)
    return entry


def reject_change_report(
    session: Session, *, report: ChangeReport, actor_id: int, reason: str
) -> None:
    _decidable(report)
    report.status, report.decided_by = ChangeReportStatus.REJECTED, actor_id
    report.decided_reason = reason
    session.flush()


# --- 一数一源 (第十八条) -------------------------------------------------------------------------

MAX_HINTS = 20


def source_hints(
    session: Session, *, items: list[str], department_id: int, exclude_entry_id: int | None
) -> list[dict[str, Any]]:
    """Published entries of other departments that already provide these data items."""
    names = sorted({i.strip() for i in items if i.strip()})
    if not names:
        return []
    matches = func.count(EntryDataItem.id)
    stmt = (
        select(EntryDataItem.entry_id, matches)
        .join(CatalogEntry, CatalogEntry.id == EntryDataItem.entry_id)
        .where(
            EntryDataItem.name.in_(names),
            CatalogEntry.status == EntryStatus.PUBLISHED,
            CatalogEntry.department_id != department_id,
        )
        .group_by(EntryDataItem.entry_id)
        .order_by(matches.desc(), EntryDataItem.entry_id.desc())
        .limit(MAX_HINTS)
    )
    if exclude_entry_id is not None:
        stmt = stmt.where(CatalogEntry.id != exclude_entry_id)
    return [_hint(session, entry_id, names) for entry_id, _ in session.execute(stmt).all()]


def _hint(session: Session, entry_id: int, names: list[str]) -> dict[str, Any]:
    entry = get_entry(session, entry_id=entry_id)
    return {
        "entry_id": entry.id,
        "resource_code": entry.resource_code,
        "entry_name": entry.name,
        "department_id": entry.department_id,
        "department_name": entry.department_name,
        "matching_items": [i.name for i in entry.items if i.name in names],
    }
