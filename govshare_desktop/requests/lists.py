"""The share lists' rows: what a requests page lists, the fetchers of the paged models (the
platform searches with `q` and sorts with `sort`), and the display fields added to each row in
the background (department names, review deadline, grant expiry).

The fetchers and `recount_cached` do network and disk work: they run in the background pool.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication

from govshare_core import clock
from govshare_core.search_rank import match_spans
from govshare_core.vocab import RequestStatus, Role
from govshare_core.workdays import WorkdayCalendar
from govshare_desktop.api import actions
from govshare_desktop.common import policy
from govshare_desktop.common.paged_model import (
    FetchPage,
    Match,
    PageResult,
    Row,
    api_page_fetcher,
    text_match,
)
from govshare_desktop.context import AppContext
from govshare_desktop.i18n import label
from govshare_desktop.requests import lookups
from govshare_desktop.requests.deadlines import (
    days_left_text,
    grant_expiry_info,
    review_deadline_info,
)
from govshare_desktop.requests.presenters import SIDES, department_name, lacks_department_names

SEARCH_DEBOUNCE_MS = 120
"""Quiet time after the last key before the platform is asked (the list updates within 300 ms)."""
SEARCH_MAX_LENGTH = 200
"""The platform's longest search text (`q`)."""
REQUEST_SEARCH_KEYS = (
    "entry_name",
    "resource_code",
    "provider_department_name",
    "consumer_department_name",
    "business",
)
"""What the platform's request search looks in (and the offline search of the cached rows)."""
TODO_FILTERS: dict[str, dict[str, Any]] = {
    "request_decide": {"side": "provider", "status": "submitted"},
    "request_platform_decide": {"status": "provider_approved"},
    "request_overdue": {"overdue": True},
    "dispute": {"status": "disputed"},
}
"""To-do kind → the inbox filter listing its request (other kinds: the first, widest filter)."""

# --- what a requests page lists --------------------------------------------------------------


@dataclass(frozen=True)
class ListMode:
    """What a requests page lists: title, filter choices (label, query params), cache name."""

    key: str
    title: str
    filters: list[tuple[str, dict[str, Any]]]
    counterpart: str  # "provider" or "consumer": whose department name the list shows
    drafts: bool


def mine_mode() -> ListMode:
    filters: list[tuple[str, dict[str, Any]]] = [
        (QCoreApplication.translate("RequestsPage", "全部申请"), {})
    ]
    filters += [(label(s), {"status": s.value}) for s in RequestStatus if s != RequestStatus.DRAFT]
    filters.append((QCoreApplication.translate("RequestsPage", "已超期"), {"overdue": True}))
    return ListMode(
        "mine", QCoreApplication.translate("RequestsPage", "我的申请"), filters, "provider", True
    )


def inbox_mode(roles: set[str]) -> ListMode:
    filters: list[tuple[str, dict[str, Any]]] = []
    if Role.RESOURCE_ADMIN in roles:
        filters.append(
            (
                QCoreApplication.translate("RequestsPage", "待本部门审核"),
                {"side": "provider", "status": "submitted"},
            )
        )
    if Role.PLATFORM_ADMIN in roles:
        filters += [
            (
                QCoreApplication.translate("RequestsPage", "待平台审核"),
                {"status": "provider_approved"},
            ),
            (QCoreApplication.translate("RequestsPage", "争议待协调"), {"status": "disputed"}),
            (
                QCoreApplication.translate("RequestsPage", "待签署保密协议"),
                {"status": "awaiting_agreement"},
            ),
            (QCoreApplication.translate("RequestsPage", "已超期"), {"overdue": True}),
        ]
    if Role.RESOURCE_ADMIN in roles:
        filters.append(
            (
                QCoreApplication.translate("RequestsPage", "本部门资源的全部申请"),
                {"side": "provider"},
            )
        )
    return ListMode(
        "inbox", QCoreApplication.translate("RequestsPage", "待审申请"), filters, "consumer", False
    )


def search_text(text: str) -> str | None:
    """The platform's `q` for a search box's text (None: no search)."""
    return text.strip() or None


def offline_match(text: str) -> Match | None:
    """The platform's request search, over cached rows (None for an empty text)."""
    return text_match(text, REQUEST_SEARCH_KEYS)


# --- display fields --------------------------------------------------------------------------


def _with_names(row: Row, names: Mapping[int, str]) -> Row:
    return dict(row, **{f"{s}_department_name": department_name(row, s, names) for s in SIDES})


def enrich(
    rows: list[Row],
    names: Mapping[int, str],
    today: date,
    *,
    calendar: WorkdayCalendar,
    recount: bool = False,
) -> list[Row]:
    """Request rows with both departments' names (the platform's, else from `names`) and the
    review deadline (the platform's count; `calendar`, the platform's, for rows without it,
    and for every row with `recount`: rows cached on another day)."""
    out = []
    for row in rows:
        info = review_deadline_info(row, today, calendar=calendar, recount=recount)
        out.append(
            dict(
                _with_names(row, names),
                _deadline=info.text,
                _due=info.due.isoformat() if info.due is not None else "",
                _left=days_left_text(info),
                _days_left=info.days_left,
                _overdue=info.overdue,
            )
        )
    return out


def enrich_grants(
    rows: list[Row], names: Mapping[int, str], today: date, *, calendar: WorkdayCalendar
) -> list[Row]:
    """Grant rows with both departments' names and the expiry (the platform's
    `working_days_left`/`expiring_soon`; `calendar`, the platform's, only for rows without)."""
    out = []
    for row in rows:
        info = grant_expiry_info(row, today, calendar=calendar)
        out.append(
            dict(
                _with_names(row, names),
                _expiry=info.text,
                _days_left=info.days_left,
                _expiring=info.expiring_soon,
            )
        )
    return out


def _names(context: AppContext, rows: list[Row]) -> Mapping[int, str]:
    """Department names to look up: none when the platform named every department."""
    return lookups.department_names(context) if lacks_department_names(rows) else {}


# --- fetchers (background) -------------------------------------------------------------------


def request_fetcher(context: AppContext, params: Mapping[str, Any]) -> FetchPage:
    """Pages of GET /requests with `params` (side, status, overdue, q), sorted by the
    platform when a column asks (`sort`)."""

    def fetch(offset: int, limit: int, sort: str | None = None) -> PageResult:
        page = context.client.requests(offset=offset, limit=limit, sort=sort, **params)
        rows = list(page["items"])
        calendar = policy.calendar(context)
        return enrich(rows, _names(context, rows), clock.today(), calendar=calendar), int(
            page["total"]
        )

    return fetch


def grant_fetcher(context: AppContext, side: str, q: str | None) -> FetchPage:
    """Pages of GET /grants of one side (given, received, all) matching `q`."""

    def fetch(offset: int, limit: int, sort: str | None = None) -> PageResult:
        page = context.client.grants(side=side, q=q, offset=offset, limit=limit, sort=sort)
        rows = list(page["items"])
        calendar = policy.calendar(context)
        return enrich_grants(rows, _names(context, rows), clock.today(), calendar=calendar), int(
            page["total"]
        )

    return fetch


def recount_cached(context: AppContext, rows: list[Row]) -> list[Row]:
    """Cached request rows for an offline list: the working days left counted again for today
    from the cached `due`, with the cached calendar (the count cached is of the day it was
    fetched)."""
    calendar = policy.calendar(context)
    return enrich(rows, _names(context, rows), clock.today(), calendar=calendar, recount=True)


# --- the share catalog (第二十条) ---------------------------------------------------------------

CATALOG_ORDERS = ("relevance", "newest", "name")
"""The share catalog's sort choices (the platform's `sort`): 相关度, 最新, 名称."""
FACET_KEYS = ("department_id", "resource_class", "share_type", "share_mode", "update_cycle")
"""The filters whose values the platform counts (GET /catalog/share-catalog/facets)."""


def with_match_spans(rows: list[Row], q: str | None) -> list[Row]:
    """Rows with `_name_spans`: where the search text matches the name (the platform's
    matching, govshare_core.search_rank), for the highlight delegate."""
    if not q:
        return rows
    return [dict(r, _name_spans=match_spans(q, str(r.get("name") or ""))) for r in rows]


def catalog_fetcher(context: AppContext, params: Mapping[str, Any], order: str) -> FetchPage:
    """Pages of GET /catalog/share-catalog with `params` (q and filters) in `order` (one of
    CATALOG_ORDERS; a header click's `sort` wins), the names' match spans added."""
    base = api_page_fetcher(context.client.get, actions.share_catalog_path(), **params)
    q = params.get("q")

    def fetch(offset: int, limit: int, sort: str | None = None) -> PageResult:
        rows, total = base(offset, limit, sort or order)
        return with_match_spans(rows, q), total

    return fetch


def catalog_facets(context: AppContext, params: Mapping[str, Any]) -> dict[str, Any]:
    """The facet counts for `params` (background): {dimension: {value: count}, "exact": bool}."""
    body = context.client.get(actions.share_catalog_facets_path(), **params)
    counts: dict[str, Any] = {
        key: {str(f["value"]): int(f["count"]) for f in body.get(key, [])} for key in FACET_KEYS
    }
    counts["exact"] = bool(body.get("exact", True))
    return counts


def facet_text(base: str, count: int | None, *, exact: bool) -> str:
    """A filter choice with its count: "南通市公安局 (1,234)"; "(1,234+)" when the platform
    counted only part of the matches; the bare label when it counted none of this value."""
    if count is None:
        return base if not exact else f"{base} (0)"
    return f"{base} ({count:,}{'' if exact else '+'})"
