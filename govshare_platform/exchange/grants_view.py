"""What a consumer department may fetch now (第二十二条, 第二十九条): its active, unexpired grants
on an entry, grouped per entry, and the entry's latest delivery.

Grants are per data item (column-level), so one entry's access is the union of its active
grants: the items in the entry's order, the share modes, the earliest end date. An active grant
past its 截止时间 counts as expired whether or not the sweep has run (grants.service).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from govshare_core.exchange import DOWNLOAD_MODES, QUERY_MODES, key_item
from govshare_core.exchange_schemas import AccessOut
from govshare_core.schemas import DataItem
from govshare_core.vocab import GrantStatus, ShareMode
from govshare_platform.catalog.models import CatalogEntry
from govshare_platform.exchange.models import Delivery
from govshare_platform.grants.models import Grant
from govshare_platform.grants.service import _status_clause

ACTIVE = GrantStatus.ACTIVE


@dataclass(frozen=True)
class EntryAccess:
    """The caller's department's active grants on one entry."""

    entry: CatalogEntry
    grants: tuple[Grant, ...]

    @property
    def grant_ids(self) -> list[int]:
        return sorted(g.id for g in self.grants)

    @property
    def items(self) -> list[str]:
        """Granted data items, in the entry's order."""
        granted = {g.data_item for g in self.grants}
        return [i.name for i in self.entry.items if i.name in granted]

    @property
    def modes(self) -> list[ShareMode]:
        return sorted({ShareMode(g.share_mode) for g in self.grants}, key=list(ShareMode).index)

    @property
    def valid_until(self) -> date:
        return min(g.valid_until for g in self.grants)

    def in_modes(self, modes: Collection[str]) -> EntryAccess:
        """Only the grants in `modes` (a download takes DOWNLOAD_MODES, a query QUERY_MODES)."""
        return EntryAccess(self.entry, tuple(g for g in self.grants if g.share_mode in modes))


def entry_key_item(entry: CatalogEntry) -> str | None:
    """The entry's key data item (关键信息项, govshare_core.exchange.key_item)."""
    item = key_item([DataItem.model_validate(i.as_dict()) for i in entry.items])
    return item.name if item is not None else None


def active_grants(
    session: Session, *, department_id: int, today: date, entry_ids: Sequence[int] | None = None
) -> list[Grant]:
    query = select(Grant).where(
        Grant.consumer_department_id == department_id, _status_clause(ACTIVE, today)
    )
    if entry_ids is not None:
        query = query.where(Grant.entry_id.in_(entry_ids))
    return list(session.scalars(query.order_by(Grant.id)))


def entry_access(
    session: Session, *, department_id: int, entry_id: int, today: date
) -> EntryAccess | None:
    """The department's active grants on the entry, or None when it has none."""
    grants = active_grants(session, department_id=department_id, today=today, entry_ids=[entry_id])
    if not grants:
        return None
    return EntryAccess(grants[0].entry, tuple(grants))


def granted_items(
    session: Session, *, department_id: int, entry_id: int, today: date, modes: Collection[str]
) -> set[str]:
    """The items the department may still fetch in `modes` (the mid-download re-check)."""
    query = select(Grant.data_item).where(
        Grant.consumer_department_id == department_id,
        Grant.entry_id == entry_id,
        Grant.share_mode.in_(list(modes)),
        _status_clause(ACTIVE, today),
    )
    return set(session.scalars(query))


def latest_deliveries(session: Session, entry_ids: Sequence[int]) -> dict[int, Delivery]:
    """Each entry's newest delivery (one query)."""
    if not entry_ids:
        return {}
    newest = (
        select(func.max(Delivery.id))
        .where(Delivery.entry_id.in_(entry_ids))
        .group_by(Delivery.entry_id)
    ).scalar_subquery()
    rows = session.scalars(select(Delivery).where(Delivery.id.in_(newest)))
    return {d.entry_id: d for d in rows}


def latest_delivery(session: Session, entry_id: int) -> Delivery | None:
    query = select(Delivery).where(Delivery.entry_id == entry_id)
    return session.scalar(query.order_by(Delivery.id.desc()).limit(1))


def _to_out(access: EntryAccess, delivery: Delivery | None) -> AccessOut:
    entry = access.entry
    modes = access.modes
    return AccessOut(
        entry_id=entry.id,
        entry_name=entry.name,
        entry_code=entry.resource_code,
        provider_department_id=entry.department_id,
        provider_department_name=entry.department.name,
        items=access.items,
        share_modes=modes,
        valid_until=access.valid_until,
        can_download=any(m in DOWNLOAD_MODES for m in modes),
        can_query=any(m in QUERY_MODES for m in modes),
        key_item=entry_key_item(entry),
        latest_delivery_id=delivery.id if delivery else None,
        latest_delivered_at=delivery.delivered_at if delivery else None,
        latest_rows=delivery.rows if delivery else None,
        interface_endpoint=entry.interface_endpoint,
    )


def list_access(
    session: Session, *, department_id: int, today: date, offset: int, limit: int
) -> tuple[list[AccessOut], int]:
    """A page of the entries the department may fetch from now, by entry name."""
    granted = (
        select(Grant.entry_id)
        .where(Grant.consumer_department_id == department_id, _status_clause(ACTIVE, today))
        .distinct()
        .subquery()
    )
    total = session.scalar(select(func.count()).select_from(granted)) or 0
    page = session.scalars(
        select(CatalogEntry.id)
        .where(CatalogEntry.id.in_(select(granted.c.entry_id)))
        .order_by(CatalogEntry.name, CatalogEntry.id)
        .offset(offset)
        .limit(limit)
    ).all()
    grants = active_grants(session, department_id=department_id, today=today, entry_ids=page)
    by_entry: dict[int, list[Grant]] = {}
    for grant in grants:
        by_entry.setdefault(grant.entry_id, []).append(grant)
    deliveries = latest_deliveries(session, page)
    out = []
    for entry_id in page:
        access = EntryAccess(by_entry[entry_id][0].entry, tuple(by_entry[entry_id]))
        out.append(_to_out(access, deliveries.get(entry_id)))
    return out, total
