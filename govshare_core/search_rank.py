"""How the share catalog's search matches and ranks (第二十条: 共享目录 lookup), for both programs.

The platform indexes text as character bigrams (`tokenize`): a run of CJK characters becomes its
overlapping bigrams (a one-character run stays one token), an ASCII word one lowercased token.
A query matches an entry when every token of the query is somewhere in the entry's document
(name, summary, data items, department, resource code).

Relevance (the share catalog's default order with a query) sorts the matches in tiers
(`relevance_tier`):

1. ``NAME_PHRASE``: the name contains every term of the query as typed (e.g. q=人口 and
   人口抽样调查汇总信息);
2. ``NAME_BIGRAMS``: the name holds every bigram of the query, but not a whole term
   (q=常住人口 and 人口常住登记);
3. ``ELSEWHERE``: the query matches the summary, the data items, the department or the code only.

Within a tier the newest entry comes first. The platform computes the tiers with one more index
lookup (the name's tokens are stored a second time, prefixed) rather than by scoring each match,
so that a common word stays as fast as the plain search.

`match_spans` gives the places in a text (a name, a summary) that the desktop highlights: whole
terms where they occur, else the bigrams that made the entry match.
"""

from __future__ import annotations

import re
from enum import IntEnum

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
"""The CJK character ranges the search indexes as bigrams."""
_RUN = re.compile(f"[{CJK}]+|[a-z0-9]+")

_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")

Span = tuple[int, int]
"""A highlighted stretch of a text: [start, end) character offsets."""


class Tier(IntEnum):
    """Relevance tiers, best first."""

    NAME_PHRASE = 1
    NAME_BIGRAMS = 2
    ELSEWHERE = 3


def terms(query: str | None) -> list[str]:
    """The query's terms: its CJK runs and lowercased ASCII words, each once, in order."""
    return list(dict.fromkeys(m.group() for m in _RUN.finditer((query or "").lower())))


def term_tokens(term: str, *, unigrams: bool = False) -> list[str]:
    """The index tokens of one term: a CJK run's bigrams (itself when one character, its
    characters too if `unigrams`), an ASCII word itself."""
    if term.isascii() or len(term) == 1:
        return [term]
    pairs = [term[i : i + 2] for i in range(len(term) - 1)]
    return list(term) + pairs if unigrams else pairs


def tokenize(value: str | None, *, unigrams: bool = False) -> list[str]:
    """Index tokens of a text (each once): bigrams of each CJK run (single characters too if
    `unigrams`), lowercased ASCII words."""
    out: list[str] = []
    for match in _RUN.finditer((value or "").lower()):
        out.extend(term_tokens(match.group(), unigrams=unigrams))
    return list(dict.fromkeys(out))


def needs_phrase_check(query: str | None) -> bool:
    """Whether tiers 1 and 2 can differ for this query: only when a term has several bigrams
    (a CJK run of three or more characters). Otherwise holding the tokens is holding the terms."""
    return any(len(term_tokens(t)) > 1 for t in terms(query))


def relevance_tier(query: str | None, name: str) -> Tier:
    """The tier of an entry named `name` that matches `query` (see the module docstring)."""
    wanted = terms(query)
    lowered = name.translate(_ASCII_LOWER)
    if wanted and all(t in lowered for t in wanted):
        return Tier.NAME_PHRASE
    have = set(tokenize(name, unigrams=True))
    if wanted and all(tok in have for tok in tokenize(query)):
        return Tier.NAME_BIGRAMS
    return Tier.ELSEWHERE


def _merge(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _occurrences(text: str, part: str) -> list[Span]:
    spans, at = [], text.find(part)
    while at >= 0 and part:
        spans.append((at, at + len(part)))
        at = text.find(part, at + 1)
    return spans


def match_spans(query: str | None, text: str | None) -> list[Span]:
    """Where `query` matches `text`, merged and sorted: every occurrence of each whole term
    (case-insensitive); for a term not there whole, every occurrence of its bigrams."""
    lowered = (text or "").translate(_ASCII_LOWER)  # offsets stay those of `text`
    spans: list[Span] = []
    for term in terms(query):
        whole = _occurrences(lowered, term)
        if whole:
            spans += whole
            continue
        for token in term_tokens(term):
            spans += _occurrences(lowered, token)
    return _merge(spans)
