"""The `sort` parameter of the paged lists: one field of the list's item schema, `-` descending.

`sort=name` sorts ascending, `sort=-name` descending; absent keeps the list's default order.
Each list declares its whitelist (`SortKeys`): the field names a client sees, each with the SQL
expression it sorts by and the joins that expression needs. Anything else answers 422
problem+json naming the `sort` parameter and listing the keys. The order is total, so paging with
offset/limit is stable: ties are broken by the row's id in the same direction, and NULLs sort
last both ways (`NULLS LAST`, which SQLite ≥ 3.30 and PostgreSQL both understand). Text sorts by
the database's collation (SQLite: code point order); enumerations sort in the order
`govshare_core.vocab` declares them (the workflow's order, not the alphabet of their codes).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from sqlalchemy import ColumnElement, Select, case
from sqlalchemy.orm import QueryableAttribute

from govshare_core.validation import FieldError
from govshare_platform.errors import Problem

PARAMETER = "sort"
SHOWN = 64
"""An unknown value is quoted back at most this long."""

Join = Callable[[Select[Any]], Select[Any]]
"""Adds to a statement the join a sort expression (or a search) needs."""
Expr = ColumnElement[Any] | QueryableAttribute[Any]


@dataclass(frozen=True)
class SortKey:
    """What one key sorts by; `nullable` keys get NULLS LAST (a NOT NULL column does not, so
    PostgreSQL can walk a plain B-tree index backwards for the descending order)."""

    expr: Expr
    nullable: bool = False
    joins: tuple[str, ...] = ()


@dataclass(frozen=True)
class Sort:
    """A parsed `sort` value."""

    key: str
    descending: bool = False

    def __str__(self) -> str:
        return ("-" if self.descending else "") + self.key


@dataclass(frozen=True)
class SortKeys:
    """One list's whitelist: key name → `SortKey`, the id that breaks ties, the known joins."""

    keys: Mapping[str, SortKey]
    tiebreak: Expr
    joins: Mapping[str, Join] = field(default_factory=dict)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self.keys)

    def values(self) -> list[str]:
        """Every accepted value of the parameter: each key, ascending and descending."""
        return [v for name in self.keys for v in (name, f"-{name}")]

    def description(self) -> str:
        return (
            "One key, ascending; prefix `-` for descending. Ties are broken by id in the same "
            "direction; empty values sort last either way. Absent: the list's default order. "
            f"Keys: {', '.join(self.names)}."
        )

    def parse(self, raw: str | None) -> Sort | None:
        """The `Sort` for a parameter value; None when absent; 422 for an unknown key."""
        if raw is None or not raw.strip():
            return None
        value = raw.strip()
        descending = value.startswith("-")
        key = value[1:] if descending else value
        if key not in self.keys:
            raise unknown_key(value, self.names)
        return Sort(key, descending)

    def apply(self, stmt: Select[Any], sort: Sort, *, joined: Iterable[str] = ()) -> Select[Any]:
        """`stmt` ordered by `sort` then the tiebreak, with the joins the key needs (except
        those already `joined`)."""
        key = self.keys[sort.key]
        stmt = self.join(stmt, key.joins, joined=joined)
        return stmt.order_by(*self.order_by(sort))

    def join(
        self, stmt: Select[Any], names: Iterable[str], *, joined: Iterable[str] = ()
    ) -> Select[Any]:
        """`stmt` with the named joins, each once (none of those already `joined`)."""
        done = set(joined)
        for name in names:
            if name not in done:
                stmt = self.joins[name](stmt)
                done.add(name)
        return stmt

    def order_by(self, sort: Sort) -> list[ColumnElement[Any]]:
        """The ORDER BY of `sort`: the key (NULLs last when it has any), then the tiebreak."""
        key = self.keys[sort.key]
        first = key.expr.desc() if sort.descending else key.expr.asc()
        if key.nullable:
            first = first.nulls_last()
        tiebreak = self.tiebreak.desc() if sort.descending else self.tiebreak.asc()
        return [first, tiebreak]


def enum_order(column: Any, enum: type[Enum]) -> ColumnElement[Any]:
    """Rank of `column`'s value in the order `enum` declares its members (unknown values last)."""
    members = list(enum)
    return case({m.value: i for i, m in enumerate(members)}, value=column, else_=len(members))


def unknown_key(value: str, allowed: Iterable[str]) -> Problem:
    """422 problem+json for a `sort` value outside the whitelist."""
    keys = list(allowed)
    listed = ", ".join(keys)
    value = value if len(value) <= SHOWN else value[:SHOWN] + "…"
    error = FieldError(
        PARAMETER,
        "unknown_sort_key",
        f"不能按“{value}”排序；可用的排序键：{listed}（降序在键前加“-”）",
        f"cannot sort by “{value}”; sort keys: {listed} (prefix “-” for descending)",
    )
    return Problem(
        422,
        "validation_failed",
        f"unknown sort key {value!r}; allowed: {listed}",
        errors=[error],
        extra={"parameter": PARAMETER, "allowed": keys},
    )
