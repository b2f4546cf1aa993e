"""Catalog search: Chinese full text by character bigrams, filters as tokens (第十八条, 第二十条).

Text is tokenized here, in Python, the same way for documents and queries: a run of CJK characters
becomes its overlapping bigrams (a one-character run stays one token), ASCII words become
lowercased words. Filters become tokens too ("zstpublished", "zdp12"), so text plus filters is one
index lookup with all tokens ANDed. SQLite keeps the tokens in an FTS5 table (unicode61 counts CJK
characters as token characters, so each space-separated bigram is one FTS token); PostgreSQL keeps
an `array_to_tsvector` document under a GIN index (no text parser, so no locale dependence).
Plain listings (no text, no filter) use the B-tree indexes of `catalog_entries` instead.

Relevance (the share catalog's order with a query, `govshare_core.search_rank`): the name's tokens
are in the document a second time, prefixed with NAME_PREFIX ("zn人口"), so "the name holds every
query token" is one more ANDed lookup; tiers are read one after the other, newest first within
each, instead of scoring every match (q=人口 matches ~86 000 of 1 000 000 entries).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    String,
    and_,
    any_,
    case,
    column,
    func,
    literal,
    select,
    text,
    union_all,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from govshare_core.search_rank import needs_phrase_check, terms
from govshare_core.search_rank import tokenize as tokenize  # the platform's tokenizer is the core's
from govshare_core.vocab import EntryStatus, ShareMode, ShareType, UpdateCycle
from govshare_core.workdays import ENTRY_REVIEW_STARTS
from govshare_platform.catalog.models import CatalogEntry
from govshare_platform.catalog.views import SUBMITTER_NAME, Submitter
from govshare_platform.departments.models import Department
from govshare_platform.sorting import Sort, SortKey, SortKeys, enum_order

COUNT_CAP = 10_000
"""Totals of listings and sorted searches are counted up to this many matches (and up to this
many matches are sorted as an id array); beyond it the total is an estimate."""
TEXT_CAP = 1_000
"""Totals of text searches in relevance or newest order are counted up to this many matches;
beyond, the total is "more than TEXT_CAP" (`total_is_estimate`). Counting a match reads its
row, wherever the index lists it: on PostgreSQL a common word's capped count was most of a
search's time (10 001 heap blocks: ~60 ms of q=人口's 180 ms at 1 000 000 entries), and a
user refines a search long before the thousandth hit."""
FACET_CAP = COUNT_CAP
"""Facets count at most this many matches (per dimension); beyond, they are lower bounds."""

SEARCH_TABLE = "catalog_search"
NAME_PREFIX = "zn"
"""Marks the name's tokens in the search document ("zn人口"): a name match is one more token.
A CJK bigram after "zn" cannot come from the text tokenizer (its runs are CJK or ASCII)."""
_NOT_ALNUM = re.compile(r"[^a-z0-9]")
_BATCH = 500


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


PUBLISHED_TOKEN = filter_token("zst", EntryStatus.PUBLISHED)


@dataclass(frozen=True)
class Scope:
    """What the caller may list: one department's entries, the share catalog, or everything.

    The share catalog is every published entry, 不予共享 included: those are shown flagged, for
    requests on a legal basis only (第五条, 第二十五条)."""

    department_id: int | None = None
    share_catalog: bool = False

    def tokens(self) -> list[str]:
        out = [PUBLISHED_TOKEN] if self.share_catalog else []
        if self.department_id is not None:
            out.append(filter_token("zdp", self.department_id))
        return out


@dataclass
class Hits:
    ids: list[int] = field(default_factory=list)
    total: int = 0
    total_is_estimate: bool = False


def document_tokens(
    fields: Mapping[str, Any], item_names: Iterable[str], department_name: str
) -> list[str]:
    """The search document of an entry from its columns (`fields`: name, summary,
    resource_code and the filter columns), its data items' names and its department's name:
    text tokens, the name's tokens again with NAME_PREFIX, and filter tokens."""
    name_tokens = tokenize(fields["name"], unigrams=True)
    words = name_tokens + tokenize(fields.get("summary"))
    for item in item_names:
        words += tokenize(item)
    words += tokenize(department_name) + tokenize(fields.get("resource_code"))
    words += [NAME_PREFIX + t for t in name_tokens]
    words += EntryFilters(**{k: fields[k] for k in EntryFilters._PREFIXES}).tokens()
    return list(dict.fromkeys(words))


def entry_tokens(entry: CatalogEntry) -> list[str]:
    """The search document of an entry (`document_tokens` of an ORM entry or a stand-in)."""
    fields = {
        "name": entry.name,
        "summary": entry.summary,
        "resource_code": entry.resource_code,
        **{k: getattr(entry, k) for k in EntryFilters._PREFIXES},
    }
    return document_tokens(fields, (i.name for i in entry.items), entry.department.name)


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


_ENTRY_ROWS = text(
    "SELECT e.id, e.name, e.summary, e.resource_code, e.department_id, e.resource_class,"
    " e.share_type, e.share_mode, e.update_cycle, e.status, d.name AS department_name"
    " FROM catalog_entries e JOIN departments d ON d.id = e.department_id"
    " WHERE e.id > :last ORDER BY e.id LIMIT :batch"
)


def rebuild(session: Session) -> int:
    """Empty the search table and index every entry again (plain SQL, no ORM models: migration
    0014_search_rank calls it)."""
    session.execute(text(f"DELETE FROM {SEARCH_TABLE}"))
    last, count = 0, 0
    while True:
        rows = session.execute(_ENTRY_ROWS, {"last": last, "batch": _BATCH}).mappings().all()
        if not rows:
            return count
        items: dict[int, list[str]] = {}
        item_rows = session.execute(
            text(
                "SELECT entry_id, name FROM catalog_data_items"
                " WHERE entry_id BETWEEN :first AND :last"
            ),
            {"first": rows[0]["id"], "last": rows[-1]["id"]},
        )
        for entry_id, name in item_rows:
            items.setdefault(int(entry_id), []).append(str(name))
        _write_rows(
            session,
            [
                {
                    "id": row["id"],
                    "tokens": document_tokens(
                        dict(row), items.get(int(row["id"]), []), row["department_name"]
                    ),
                }
                for row in rows
            ],
        )
        count += len(rows)
        last = int(rows[-1]["id"])


def _quote(token: str, pg: bool) -> str:
    if pg:
        return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"
    return '"' + token.replace('"', '""') + '"'


def _match_sql(
    session: Session, tokens: list[str], without: Sequence[str] = ()
) -> tuple[str, str, str]:
    """(id column, WHERE clause, query string) for ANDing `tokens`, and, when `without` is
    given, excluding the documents holding all of `without`."""
    pg = _is_pg(session)
    joiner = " & " if pg else " AND "
    query = joiner.join(_quote(t, pg) for t in tokens)
    if without:
        excluded = joiner.join(_quote(t, pg) for t in without)
        query = f"{query} & !({excluded})" if pg else f"({query}) NOT ({excluded})"
    if pg:
        return "entry_id", "doc @@ CAST(:q AS tsquery)", query
    return "rowid", f"{SEARCH_TABLE} MATCH :q", query


def _text_hits(
    session: Session, tokens: list[str], offset: int, limit: int, without: Sequence[str] = ()
) -> Hits:
    """A page of the matches of `tokens` (less those holding all of `without`), newest first,
    with their total counted up to TEXT_CAP."""
    col, where, query = _match_sql(session, tokens, without)
    base = f"SELECT {col} AS id FROM {SEARCH_TABLE} WHERE {where}"
    page = text(f"{base} ORDER BY {col} DESC LIMIT :limit OFFSET :offset")
    page_params = {"q": query, "limit": limit, "offset": offset}
    if not _is_pg(session):  # FTS5 streams the ANDed doclists in rowid order: no plan to choose
        ids = list(session.execute(page, page_params).scalars())
        total = session.execute(
            text(f"SELECT count(*) FROM ({base} LIMIT :cap) AS m"),
            {"q": query, "cap": TEXT_CAP + 1},
        ).scalar_one()
        return _hits(ids, int(total), TEXT_CAP)
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
        {"q": query, "cap": TEXT_CAP + 1, "first": offset + 1, "last": offset + limit},
    ).one()
    if total > TEXT_CAP:
        # Many matches: walking the primary key backwards meets `limit` of them soon, and the
        # planner picks that for a common word.
        ids = list(session.execute(page, page_params).scalars())
    return _hits([int(i) for i in ids or []], int(total), TEXT_CAP)


def _hits(ids: list[int], total: int, cap: int | None = None) -> Hits:
    """Hits with `total` counted up to `cap` (COUNT_CAP when None): past it, an estimate."""
    cap = COUNT_CAP if cap is None else cap
    return Hits(ids, min(total, cap), total > cap)


def _btree_query(filters: EntryFilters, scope: Scope) -> Select[Any]:
    stmt = select(CatalogEntry.id)
    wanted = filters.given()
    if scope.department_id is not None:
        stmt = stmt.where(CatalogEntry.department_id == scope.department_id)
    if scope.share_catalog:
        stmt = stmt.where(CatalogEntry.status == EntryStatus.PUBLISHED)
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


def _matching(
    session: Session, tokens: list[str], cap: int | None = None
) -> tuple[ColumnElement[bool], int]:
    """Entries matching all `tokens` (a condition on catalog_entries.id) and their count, capped
    at `cap` + 1 (COUNT_CAP when None).

    On PostgreSQL the capped count hands back the matches' ids too, and up to `cap` of them
    are sorted as an array (`id = ANY(...)`, primary-key lookups): as a subquery, the planner
    misjudges a word's frequency (see `_text_hits`) and sorted the whole table to probe each row
    (q=人口 sorted by name: 118 ms at 100 000 entries). SQLite reads the FTS matches first
    anyway.
    """
    col, where, query = _match_sql(session, tokens)
    base = f"SELECT {col} AS id FROM {SEARCH_TABLE} WHERE {where}"
    cap = COUNT_CAP if cap is None else cap
    capped = f"FROM ({base} LIMIT :cap) AS m"
    params = {"q": query, "cap": cap + 1}
    if _is_pg(session):
        total, ids = session.execute(
            text(f"SELECT count(*), array_agg(m.id) {capped}"), params
        ).one()
        if total <= cap:
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


# --- relevance (govshare_core.search_rank) -------------------------------------------------------


def _capped_count(session: Session, tokens: list[str], without: Sequence[str] = ()) -> int:
    col, where, query = _match_sql(session, tokens, without)
    return int(
        session.execute(
            text(
                f"SELECT count(*) FROM (SELECT {col} FROM {SEARCH_TABLE} WHERE {where} LIMIT :cap)"
                " AS m"
            ),
            {"q": query, "cap": TEXT_CAP + 1},
        ).scalar_one()
    )


def _exact_count(session: Session, tokens: list[str]) -> int:
    """Every match counted (only where a deep page needs it)."""
    col, where, query = _match_sql(session, tokens)
    sql = f"SELECT count(*) FROM (SELECT {col} FROM {SEARCH_TABLE} WHERE {where}) AS m"
    return int(session.execute(text(sql), {"q": query}).scalar_one())


def _newest(session: Session, tokens: list[str], offset: int, limit: int) -> list[int]:
    """A page of the matches, newest first, read in index order (for many matches)."""
    col, where, query = _match_sql(session, tokens)
    sql = f"SELECT {col} FROM {SEARCH_TABLE} WHERE {where} ORDER BY {col} DESC"
    rows = session.execute(
        text(f"{sql} LIMIT :limit OFFSET :offset"), {"q": query, "limit": limit, "offset": offset}
    )
    return [int(i) for i in rows.scalars()]


def _like(term: str) -> str:
    """A LIKE pattern (ESCAPE '\\') for names containing `term`."""
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _pg_ranked_page(
    session: Session, q: str | None, tokens: list[str], in_name: list[str], page: tuple[int, int]
) -> Hits | None:
    """PostgreSQL, at most TEXT_CAP matches: the page from one index pass, each match given
    its tier (its document holds the name tokens; the name contains the terms, looked up only
    for those and only when a term has several bigrams), else None."""
    offset, limit = page
    _, where, query = _match_sql(session, tokens)
    _, _, named = _match_sql(session, in_name)
    params: dict[str, Any] = {"q": query, "named": named, "cap": TEXT_CAP + 1}
    params["end"] = offset + limit
    tier = "CASE WHEN m.named THEN 1 ELSE 3 END"
    if needs_phrase_check(q):
        likes = []
        for k, term in enumerate(terms(q)):
            params[f"p{k}"] = _like(term)
            likes.append(f"lower(e.name) LIKE :p{k} ESCAPE '\\'")
        phrase = f"(SELECT {' AND '.join(likes)} FROM catalog_entries e WHERE e.id = m.id)"
        tier = f"CASE WHEN m.named THEN (CASE WHEN {phrase} THEN 1 ELSE 2 END) ELSE 3 END"
    total, ranked = session.execute(
        text(
            f"SELECT count(*), (array_agg(m.id ORDER BY {tier}, m.id DESC))[1 : CAST(:end AS int)]"
            " FROM (SELECT entry_id AS id, doc @@ CAST(:named AS tsquery) AS named"
            f" FROM {SEARCH_TABLE} WHERE {where} LIMIT :cap) AS m"
        ),
        params,
    ).one()
    if total > TEXT_CAP:
        return None
    return _hits([int(i) for i in (ranked or [])][offset:], int(total), TEXT_CAP)


def _ranked_hits(
    session: Session, q: str | None, tokens: list[str], in_name: list[str], page: tuple[int, int]
) -> Hits:
    """A page in relevance order: the entries whose name holds every query token (tiers 1 and
    2: the whole terms in the name first, when that can differ), then the others (tier 3);
    newest first within a tier.

    The name matches are one more ANDed token lookup (`in_name`). When every term is one token
    (two-character words, ASCII words) holding the tokens is holding the terms: tiers 1 and 2
    are one, read newest first like a plain search; a full page of them needs only the total
    besides. Otherwise up to TEXT_CAP name matches are sorted by tier (`name LIKE` each term);
    more are read newest first as one tier (a name holding a long term's bigrams but not the
    term is rare). The rest is the token lookup minus the name matches
    (`_text_hits` with `without`), so no match is scored. A page past the name matches counts
    them (exactly: to know where they end). On PostgreSQL `_pg_ranked_page` first tries the
    whole page in the one capped pass that counts the matches.
    """
    offset, limit = page
    end = offset + limit
    # NAME_PREFIX + w implies w (the name's tokens are in the document twice), so the name
    # matches are looked up without the plain words: the planner multiplies the tokens'
    # frequencies as if independent, and with both it guessed 843 of 27 585 name matches at
    # 1M entries and sorted all of them (202 ms) instead of walking the primary key (3 ms).
    words = {t[len(NAME_PREFIX) :] for t in in_name}
    named_query = in_name + [t for t in tokens if t not in words]
    over_cap = False  # known to have more than TEXT_CAP matches
    if _is_pg(session):
        found = _pg_ranked_page(session, q, tokens, in_name, page)
        if found is not None:
            return found
        over_cap = True
    ids: list[int] = []
    if not needs_phrase_check(q):  # one tier, read newest first like a plain search
        ids = _newest(session, named_query, offset, limit)
        if len(ids) == limit:  # a full page of name matches: only the total is left
            total = TEXT_CAP + 1 if over_cap else _capped_count(session, tokens)
            return _hits(ids, total, TEXT_CAP)
        # the name matches end before this page does: where exactly?
        named_count = offset + len(ids) if ids else _exact_count(session, named_query)
    else:
        named, named_count = _matching(session, named_query, TEXT_CAP)
        if named_count > TEXT_CAP:  # tiers 1 and 2 as one, newest first
            if end > TEXT_CAP:
                named_count = _exact_count(session, named_query)
            if offset < named_count:
                ids = _newest(session, named_query, offset, limit)
        elif offset < named_count:
            lowered = func.lower(CatalogEntry.name)
            phrase = and_(*(lowered.contains(t, autoescape=True) for t in terms(q)))
            stmt = select(CatalogEntry.id).where(named)
            stmt = stmt.order_by(case((phrase, 0), else_=1), CatalogEntry.id.desc())
            ids = [int(i) for i in session.scalars(stmt.offset(offset).limit(limit))]
    if end <= named_count:  # the page is all name matches: count them all, capped
        over_cap = over_cap or named_count > TEXT_CAP
        return _hits(ids, TEXT_CAP + 1 if over_cap else _capped_count(session, tokens), TEXT_CAP)
    first = max(offset, named_count)
    others = _text_hits(session, tokens, first - named_count, end - first, without=in_name)
    total = named_count + others.total + (1 if others.total_is_estimate else 0)
    return _hits(ids + others.ids, total, TEXT_CAP)


def find(
    session: Session,
    *,
    q: str | None,
    filters: EntryFilters,
    scope: Scope,
    offset: int,
    limit: int,
    sort: Sort | None = None,
    relevance: bool = False,
) -> Hits:
    """Ids of matching entries, newest first (or in `sort` order, or by `relevance` when there
    is a text), with a total counted up to TEXT_CAP (a text or filter search; COUNT_CAP for
    listings and sorted searches).

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
    if relevance and words:
        in_name = [NAME_PREFIX + w for w in words]
        return _ranked_hits(session, q, tokens, in_name, (offset, limit))
    return _text_hits(session, tokens, offset, limit)


# --- facets ------------------------------------------------------------------------------------

FACET_DIMENSIONS = ("department_id", "resource_class", "share_type", "share_mode", "update_cycle")
"""The share catalog's facets: the filters a user picks from (EntryFilters' names)."""


@dataclass
class Facets:
    """Counts per value of each dimension; `exact` when every match was counted."""

    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    exact: bool = True


def facets(session: Session, *, q: str | None, filters: EntryFilters, scope: Scope) -> Facets:
    """Counts per value of each FACET_DIMENSIONS for `q` and `filters` in `scope`.

    A dimension's counts leave out its own filter (so they show what choosing another value
    would give) and keep the others; dimensions without a filter share one count. Each count
    reads at most FACET_CAP + 1 matches (a token lookup, else the B-tree scope, as `find`): with
    more, `exact` is False and the counts are those of the matches read, lower bounds.
    """
    words = tokenize(q)
    given = filters.given()
    groups: dict[EntryFilters, list[str]] = {}
    for dim in FACET_DIMENSIONS:
        own = replace(filters, **{dim: None}) if dim in given else filters
        groups.setdefault(own, []).append(dim)
    out = Facets(counts={dim: {} for dim in FACET_DIMENSIONS})
    for own, dims in groups.items():
        if words or own.given():
            col, where, query = _match_sql(session, words + own.tokens() + scope.tokens())
            ids: Any = (
                text(f"SELECT {col} AS id FROM {SEARCH_TABLE} WHERE {where} LIMIT :cap")
                .bindparams(q=query, cap=FACET_CAP + 1)
                .columns(column("id", Integer))
            )
        else:
            ids = _btree_query(own, scope).limit(FACET_CAP + 1)
        matched = (
            select(*(getattr(CatalogEntry, d) for d in dims))
            .where(CatalogEntry.id.in_(ids))
            .cte("matched")
            .prefix_with("MATERIALIZED")
        )
        parts = [select(literal("_total"), literal(""), func.count()).select_from(matched)]
        parts += [
            select(literal(d), func.cast(matched.c[d], String), func.count()).group_by(matched.c[d])
            for d in dims
        ]
        for dim, value, count in session.execute(union_all(*parts)):
            if dim == "_total":
                out.exact = out.exact and int(count) <= FACET_CAP
            else:
                out.counts[str(dim)][str(value)] = int(count)
    return out
