"""Catalog search: Chinese full text by character bigrams, filters as tokens (第十八条, 第二十条).

Text is tokenized here, in Python, the same way for documents and queries: a run of CJK characters
becomes its overlapping bigrams (a one-character run stays one token), ASCII words become
lowercased words. Filters become tokens too ("zstpublished", "zdp12"), so text plus filters is one
index lookup with all tokens ANDed. SQLite keeps the tokens in an FTS5 table (unicode61 counts CJK
characters as token characters, so each space-separated bigram is one FTS token); PostgreSQL keeps
an `array_to_tsvector` document under a GIN index (no text parser, so no locale dependence).
Plain listings (no text, no filter) use the B-tree indexes of `catalog_entries` instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    any_,
    case,
    column,
    func,
    literal,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from govshare_core.vocab import SHARE_CATALOG_TYPES, EntryStatus, ShareMode, ShareType, UpdateCycle
from govshare_core.workdays import ENTRY_REVIEW_STARTS
from govshare_platform.catalog.models import CatalogEntry
from govshare_platform.catalog.views import SUBMITTER_NAME, Submitter
from govshare_platform.departments.models import Department
from govshare_platform.sorting import Sort, SortKey, SortKeys, enum_order

COUNT_CAP = 10_000
"""Totals are counted up to this many matches; beyond it the total is an estimate."""

SEARCH_TABLE = "catalog_search"
SHARE_CATALOG_TOKEN = "zsharecatalog"  # published and not 不予共享: the 共享目录
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUN = re.compile(f"[{_CJK}]+|[a-z0-9]+")
_NOT_ALNUM = re.compile(r"[^a-z0-9]")
_BATCH = 500


def tokenize(value: str | None, *, unigrams: bool = False) -> list[str]:
    """Bigrams of each CJK run (single chars too if `unigrams`), lowercased ASCII words."""
    out: list[str] = []
    for match in _RUN.finditer((value or "").lower()):
        run = match.group()
        if run.isascii() or len(run) == 1:
            out.append(run)
            continue
        if unigrams:
            out.extend(run)
        out.extend(run[i : i + 2] for i in range(len(run) - 1))
    return list(dict.fromkeys(out))


def filter_token(prefix: str, value: object) -> str:
    """A filter as one alphanumeric token, e.g. ("zst", "dept_approved") → "zstdeptapproved"."""
    return prefix + _NOT_ALNUM.sub("", str(value).lower())


@dataclass(frozen=True)
class EntryFilters:
    """The list filters of GET /catalog/entries and /catalog/share-catalog."""

    department_id: int | None = None
    resource_class: str | None = None
    share_type: str | None = None
    share_mode: str | None = None
    update_cycle: str | None = None
    status: str | None = None

    _PREFIXES = {
        "department_id": "zdp",
        "resource_class": "zrc",
        "share_type": "zsh",
        "share_mode": "zmd",
        "update_cycle": "zuc",
        "status": "zst",
    }

    def given(self) -> dict[str, object]:
        return {k: v for k, v in asdict(self).items() if v is not None}

    def tokens(self) -> list[str]:
        return [filter_token(self._PREFIXES[k], v) for k, v in self.given().items()]


@dataclass(frozen=True)
class Scope:
    """What the caller may list: one department's entries, the share catalog, or everything."""

    department_id: int | None = None
    share_catalog: bool = False

    def tokens(self) -> list[str]:
        out = [SHARE_CATALOG_TOKEN] if self.share_catalog else []
        if self.department_id is not None:
            out.append(filter_token("zdp", self.department_id))
        return out


@dataclass
class Hits:
    ids: list[int] = field(default_factory=list)
    total: int = 0
    total_is_estimate: bool = False


def entry_tokens(entry: CatalogEntry) -> list[str]:
    """The search document of an entry: text tokens and filter tokens."""
    words = tokenize(entry.name, unigrams=True) + tokenize(entry.summary)
    for item in entry.items:
        words += tokenize(item.name)
    words += tokenize(entry.department.name) + tokenize(entry.resource_code)
    words += EntryFilters(
        department_id=entry.department_id,
        resource_class=entry.resource_class,
        share_type=entry.share_type,
        share_mode=entry.share_mode,
        update_cycle=entry.update_cycle,
        status=entry.status,
    ).tokens()
    if entry.status == EntryStatus.PUBLISHED and entry.share_type in SHARE_CATALOG_TYPES:
        words.append(SHARE_CATALOG_TOKEN)
    return list(dict.fromkeys(words))


def _is_pg(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def _write_rows(session: Session, rows: list[dict[str, object]]) -> None:
    if _is_pg(session):
        session.execute(
            text(
                f"INSERT INTO {SEARCH_TABLE} (entry_id, doc) "
                "VALUES (:id, array_to_tsvector(CAST(:tokens AS text[]))) "
                "ON CONFLICT (entry_id) DO UPDATE SET doc = EXCLUDED.doc"
            ),
            rows,
        )
        return
    ids = [{"id": r["id"]} for r in rows]
    session.execute(text(f"DELETE FROM {SEARCH_TABLE} WHERE rowid = :id"), ids)
    docs = [{"id": r["id"], "tokens": " ".join(r["tokens"])} for r in rows]  # type: ignore[arg-type]
    session.execute(text(f"INSERT INTO {SEARCH_TABLE} (rowid, tokens) VALUES (:id, :tokens)"), docs)


def index_entries(session: Session, entries: Iterable[CatalogEntry]) -> int:
    """(Re)index many entries in batches (seeding, the benchmark loader); returns the count."""
    batch: list[dict[str, object]] = []
    count = 0
    for entry in entries:
        batch.append({"id": entry.id, "tokens": entry_tokens(entry)})
        if len(batch) >= _BATCH:
            _write_rows(session, batch)
            count, batch = count + len(batch), []
    if batch:
        _write_rows(session, batch)
    return count + len(batch)


def reindex_entry(session: Session, entry: CatalogEntry) -> None:
    """Bring one entry's search document up to date (call after every change to it)."""
    session.flush()
    _write_rows(session, [{"id": entry.id, "tokens": entry_tokens(entry)}])


def unindex_entry(session: Session, entry_id: int) -> None:
    """Drop an entry's search document (SQLite has no cascade into the FTS table)."""
    column = "entry_id" if _is_pg(session) else "rowid"
    session.execute(text(f"DELETE FROM {SEARCH_TABLE} WHERE {column} = :id"), {"id": entry_id})


def rebuild(session: Session) -> int:
    """Empty the search table and index every entry again."""
    session.execute(text(f"DELETE FROM {SEARCH_TABLE}"))
    last, count = 0, 0
    while True:
        after_last = select(CatalogEntry).where(CatalogEntry.id > last)
        entries = session.scalars(after_last.order_by(CatalogEntry.id).limit(_BATCH)).all()
        if not entries:
            return count
        count += index_entries(session, entries)
        last = entries[-1].id
        session.expunge_all()


def _match_sql(session: Session, tokens: list[str]) -> tuple[str, str, str]:
    """(id column, WHERE clause, query string) for ANDing `tokens` on this dialect."""
    if _is_pg(session):
        query = " & ".join("'" + t.replace("\\", "\\\\").replace("'", "''") + "'" for t in tokens)
        return "entry_id", "doc @@ CAST(:q AS tsquery)", query
    query = " AND ".join('"' + t.replace('"', '""') + '"' for t in tokens)
    return "rowid", f"{SEARCH_TABLE} MATCH :q", query


def _text_hits(session: Session, tokens: list[str], offset: int, limit: int) -> Hits:
    col, where, query = _match_sql(session, tokens)
    base = f"SELECT {col} AS id FROM {SEARCH_TABLE} WHERE {where}"
    page = text(f"{base} ORDER BY {col} DESC LIMIT :limit OFFSET :offset")
    page_params = {"q": query, "limit": limit, "offset": offset}
    if not _is_pg(session):  # FTS5 streams the ANDed doclists in rowid order: no plan to choose
        ids = list(session.execute(page, page_params).scalars())
        total = session.execute(
            text(f"SELECT count(*) FROM ({base} LIMIT :cap) AS m"),
            {"q": query, "cap": COUNT_CAP + 1},
        ).scalar_one()
        return _hits(ids, int(total))
    # The capped count visits every match when there are at most COUNT_CAP of them, so it also
    # hands back the requested page of them, sorted newest first: one index pass, and never the
    # planner's backward primary-key walk, which it picks for a rare or absent word (a lexeme
    # missing from the column statistics is guessed at ~0.3 % of rows) and which then reads the
    # whole table: 340 ms for a word absent from 1M entries.
    total, ids = session.execute(
        text(
            "SELECT count(*),"
            " (array_agg(m.id ORDER BY m.id DESC))[CAST(:first AS int) : CAST(:last AS int)]"
            f" FROM ({base} LIMIT :cap) AS m"
        ),
        {"q": query, "cap": COUNT_CAP + 1, "first": offset + 1, "last": offset + limit},
    ).one()
    if total > COUNT_CAP:
        # Many matches (≥ 1 % of a million): walking the primary key backwards meets `limit` of
        # them soon, and the planner picks that for a common word.
        ids = list(session.execute(page, page_params).scalars())
    return _hits([int(i) for i in ids or []], int(total))


def _hits(ids: list[int], total: int) -> Hits:
    return Hits(ids, min(total, COUNT_CAP), total > COUNT_CAP)


def _btree_query(filters: EntryFilters, scope: Scope) -> Select[Any]:
    stmt = select(CatalogEntry.id)
    wanted = filters.given()
    if scope.department_id is not None:
        stmt = stmt.where(CatalogEntry.department_id == scope.department_id)
    if scope.share_catalog:
        stmt = stmt.where(
            CatalogEntry.status == EntryStatus.PUBLISHED,
            CatalogEntry.share_type.in_(SHARE_CATALOG_TYPES),
        )
    for name, value in wanted.items():
        stmt = stmt.where(getattr(CatalogEntry, name) == value)
    return stmt


def _btree_count(session: Session, stmt: Select[Any]) -> int:
    capped = stmt.limit(COUNT_CAP + 1).subquery()
    return session.scalar(select(func.count()).select_from(capped)) or 0


def _btree_hits(
    session: Session, filters: EntryFilters, scope: Scope, offset: int, limit: int
) -> Hits:
    stmt = _btree_query(filters, scope)
    ids = session.scalars(stmt.order_by(CatalogEntry.id.desc()).offset(offset).limit(limit))
    return _hits([int(i) for i in ids], _btree_count(session, stmt))


# --- sorted lists (`sort`, govshare_platform.sorting) --------------------------------------------

_REVIEW_STARTED = case(
    *(
        (CatalogEntry.status == status, getattr(CatalogEntry, started))
        for status, started in ENTRY_REVIEW_STARTS.items()
    )
)
"""When the review an entry waits for began (ENTRY_REVIEW_STARTS): `review_due` is a
non-decreasing function of its date (the same working days added to each), so sorting by it
sorts by the deadline."""

ENTRY_SORT = SortKeys(
    keys={
        "id": SortKey(CatalogEntry.id),
        "name": SortKey(CatalogEntry.name),
        "resource_code": SortKey(CatalogEntry.resource_code, nullable=True),
        "department_name": SortKey(Department.name, joins=("department",)),
        "status": SortKey(enum_order(CatalogEntry.status, EntryStatus)),
        "resource_class": SortKey(CatalogEntry.resource_class),
        "share_type": SortKey(enum_order(CatalogEntry.share_type, ShareType)),
        "share_mode": SortKey(enum_order(CatalogEntry.share_mode, ShareMode)),
        "update_cycle": SortKey(enum_order(CatalogEntry.update_cycle, UpdateCycle)),
        "published_on": SortKey(CatalogEntry.published_on, nullable=True),
        "updated_at": SortKey(CatalogEntry.updated_at),
        "submitted_at": SortKey(CatalogEntry.submitted_at, nullable=True),
        "submitted_by_name": SortKey(SUBMITTER_NAME, nullable=True, joins=("submitter",)),
        "review_due": SortKey(_REVIEW_STARTED, nullable=True),
    },
    tiebreak=CatalogEntry.id,
    joins={
        "department": lambda s: s.join(Department, Department.id == CatalogEntry.department_id),
        "submitter": lambda s: s.outerjoin(CatalogEntry.submitter.of_type(Submitter)),
    },
)
"""The `sort` keys of GET /catalog/entries and /catalog/share-catalog (CatalogEntrySummary)."""


def _matching(session: Session, tokens: list[str]) -> tuple[ColumnElement[bool], int]:
    """Entries matching all `tokens` (a condition on catalog_entries.id) and their count, capped
    at COUNT_CAP + 1.

    On PostgreSQL the capped count hands back the matches' ids too, and up to COUNT_CAP of them
    are sorted as an array (`id = ANY(...)`, primary-key lookups): as a subquery, the planner
    misjudges a word's frequency (see `_text_hits`) and sorted the whole table to probe each row
    (q=人口 sorted by name: 118 ms at 100 000 entries). SQLite reads the FTS matches first
    anyway.
    """
    col, where, query = _match_sql(session, tokens)
    base = f"SELECT {col} AS id FROM {SEARCH_TABLE} WHERE {where}"
    capped = f"FROM ({base} LIMIT :cap) AS m"
    params = {"q": query, "cap": COUNT_CAP + 1}
    if _is_pg(session):
        total, ids = session.execute(
            text(f"SELECT count(*), array_agg(m.id) {capped}"), params
        ).one()
        if total <= COUNT_CAP:
            return CatalogEntry.id == any_(literal(list(ids or []), ARRAY(Integer))), int(total)
    else:
        total = session.execute(text(f"SELECT count(*) {capped}"), params).scalar_one()
    ids_query = text(base).bindparams(q=query).columns(column("id", Integer))
    return CatalogEntry.id.in_(ids_query), int(total)


def _sorted_hits(
    session: Session,
    words: list[str],
    filters: EntryFilters,
    scope: Scope,
    page: tuple[int, int],
    sort: Sort,
) -> Hits:
    """A page in `sort` order.

    A plain listing walks a B-tree in that order: the share catalog's name and updated_at have
    indexes of their own, department names are walked department by department
    (`_by_department`). Text or filters: up to COUNT_CAP matches are sorted; with more, an index
    walk in the sort order finds a page of them soon where there is one (the scope and filters
    are added as columns too, so that ix_catalog_entries_status_name and _status_updated apply).
    """
    stmt = _btree_query(filters, scope)
    if words or filters.given():
        matches, total = _matching(session, words + filters.tokens() + scope.tokens())
        stmt = stmt.where(matches)
    else:
        total = _btree_count(session, stmt)
    if sort.key == "department_name" and not (words or filters.given()):
        return _hits(_by_department(session, stmt, scope, sort, page), total)
    offset, limit = page
    ids = session.scalars(ENTRY_SORT.apply(stmt, sort).offset(offset).limit(limit))
    return _hits([int(i) for i in ids], total)


def _by_department(
    session: Session, stmt: Select[Any], scope: Scope, sort: Sort, page: tuple[int, int]
) -> list[int]:
    """A page of a plain listing by department name, then id: department by department.

    Neither database walks an index for ORDER BY departments.name, catalog_entries.id (SQLite
    sorted the whole share catalog, PostgreSQL scanned it: 120-165 ms at 100 000 entries).
    Departments are few, and each one's entries are a range of an index ending in id
    (`ix_catalog_entries_dept_status`, `ix_catalog_entries_dept_id`), so the page is read range
    by range: whole departments before it are counted (capped at what is still to skip), the
    rest read in id order. The order is exactly ENTRY_SORT's for `department_name`.
    """
    offset, limit = page
    names = Department.name.desc() if sort.descending else Department.name.asc()
    departments = select(Department.id).order_by(names)
    if scope.department_id is not None:
        departments = departments.where(Department.id == scope.department_id)
    by_id = CatalogEntry.id.desc() if sort.descending else CatalogEntry.id.asc()
    ids: list[int] = []
    skip = offset
    for department_id in session.scalars(departments).all():
        own = stmt.where(CatalogEntry.department_id == department_id)
        if skip:
            # how many of this department's entries come before the page (at most `skip`)
            before = session.scalar(select(func.count()).select_from(own.limit(skip).subquery()))
            if (before or 0) < skip:  # the whole department comes before the page
                skip -= before or 0
                continue
        page_rows = own.order_by(by_id).offset(skip).limit(limit - len(ids))
        ids += [int(i) for i in session.scalars(page_rows)]
        skip = 0
        if len(ids) >= limit:
            break
    return ids


def find(
    session: Session,
    *,
    q: str | None,
    filters: EntryFilters,
    scope: Scope,
    offset: int,
    limit: int,
    sort: Sort | None = None,
) -> Hits:
    """Ids of matching entries, newest first (or in `sort` order), with a total counted up to
    COUNT_CAP.

    Text or any filter goes to the token index (filters are tokens there, so any combination is
    one lookup); only plain listings of a scope use the B-tree indexes. A filter the B-trees do
    not lead with (update_cycle, share_mode, ...) would otherwise make the capped count walk
    table rows: ~100 000 of them at 1M entries for a 4 % match.
    """
    words = tokenize(q)
    if sort is not None:
        return _sorted_hits(session, words, filters, scope, (offset, limit), sort)
    if not words and not filters.given():
        return _btree_hits(session, filters, scope, offset, limit)
    tokens = words + filters.tokens() + scope.tokens()
    return _text_hits(session, tokens, offset, limit)
