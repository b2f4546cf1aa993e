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

from sqlalchemy import Select, func, select, text
from sqlalchemy.orm import Session

from govshare_core.vocab import EntryStatus, ShareType
from govshare_platform.catalog.models import CatalogEntry

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
    if entry.status == EntryStatus.PUBLISHED and entry.share_type != ShareType.NOT_SHARED:
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
            CatalogEntry.share_type.in_([ShareType.UNCONDITIONAL, ShareType.CONDITIONAL]),
        )
    for name, value in wanted.items():
        stmt = stmt.where(getattr(CatalogEntry, name) == value)
    return stmt


def _btree_hits(
    session: Session, filters: EntryFilters, scope: Scope, offset: int, limit: int
) -> Hits:
    stmt = _btree_query(filters, scope)
    ids = session.scalars(stmt.order_by(CatalogEntry.id.desc()).offset(offset).limit(limit))
    capped = stmt.limit(COUNT_CAP + 1).subquery()
    total = session.scalar(select(func.count()).select_from(capped)) or 0
    return _hits([int(i) for i in ids], total)


def find(
    session: Session,
    *,
    q: str | None,
    filters: EntryFilters,
    scope: Scope,
    offset: int,
    limit: int,
) -> Hits:
    """Ids of matching entries, newest first, with a total counted up to COUNT_CAP.

    Text or any filter goes to the token index (filters are tokens there, so any combination is
    one lookup); only plain listings of a scope use the B-tree indexes. A filter the B-trees do
    not lead with (update_cycle, share_mode, ...) would otherwise make the capped count walk
    table rows: ~100 000 of them at 1M entries for a 4 % match.
    """
    words = tokenize(q)
    if not words and not filters.given():
        return _btree_hits(session, filters, scope, offset, limit)
    tokens = words + filters.tokens() + scope.tokens()
    return _text_hits(session, tokens, offset, limit)
