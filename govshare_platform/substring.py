"""Word search over a few text columns: every word must occur in one of them (GET /requests,
GET /grants `q`). Case-insensitive substring matching with LIKE, for the short lists of one
department's requests and grants (the share catalog has its own token index, catalog/search.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import ColumnElement, or_

MAX_WORDS = 10
"""Words beyond this many are ignored: each adds a LIKE per searched column."""


def words(q: str | None) -> list[str]:
    """The distinct whitespace-separated words of `q`, in order (at most MAX_WORDS)."""
    return list(dict.fromkeys((q or "").split()))[:MAX_WORDS]


def contains(column: Any, word: str) -> ColumnElement[bool]:
    """`column` contains `word`, ignoring case; % and _ in `word` are matched literally."""
    result: ColumnElement[bool] = column.icontains(word, autoescape=True)
    return result


def every_word(
    found: Sequence[str], where: Callable[[str], Sequence[ColumnElement[bool]]]
) -> list[ColumnElement[bool]]:
    """One condition per word: the word occurs in one of the places `where(word)` names."""
    return [or_(*where(word)) for word in found]
