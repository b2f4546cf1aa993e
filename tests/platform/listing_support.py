"""Helpers for the `sort` and `q` tests of the paged lists (no tests of its own).

The expected order is computed here, independently of the platform, from the items' own fields:
the key's value (enumerations ranked in their declaration order, timestamps as moments), NULLs
last in both directions, ties by id in the key's direction.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from enum import Enum
from typing import Any

from fastapi.testclient import TestClient

Item = dict[str, Any]


def enum_rank(enum: type[Enum]) -> Callable[[Any], int]:
    order = [m.value for m in enum]
    return order.index


def moment(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def expected_ids(
    items: list[Item], key: str, descending: bool, rank: Callable[[Any], Any] | None = None
) -> list[int]:
    """Ids of `items` sorted by `key` the way the `sort` contract says."""
    convert = rank or (lambda v: v)
    present = [i for i in items if i[key] is not None]
    missing = [i for i in items if i[key] is None]
    present.sort(key=lambda i: (convert(i[key]), i["id"]), reverse=descending)
    missing.sort(key=lambda i: i["id"], reverse=descending)
    return [i["id"] for i in present + missing]


def get_page(
    client: TestClient, url: str, headers: Mapping[str, str], **params: Any
) -> dict[str, Any]:
    r = client.get(url, params=params, headers=dict(headers))
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


def page_through(
    client: TestClient, url: str, headers: Mapping[str, str], *, limit: int, **params: Any
) -> list[Item]:
    """Every item of a list, fetched `limit` at a time with offset paging."""
    out: list[Item] = []
    offset = 0
    while True:
        body = get_page(client, url, headers, offset=offset, limit=limit, **params)
        out += body["items"]
        offset += limit
        if offset >= body["total"]:
            assert len(out) == body["total"]
            return out


def check_sorted(
    client: TestClient,
    url: str,
    headers: Mapping[str, str],
    key: str,
    *,
    rank: Callable[[Any], Any] | None = None,
    limit: int = 3,
    **params: Any,
) -> None:
    """`sort=key` and `sort=-key` give the contract's order, and paging through it `limit` at a
    time neither repeats nor skips a row."""
    everything = get_page(client, url, headers, limit=200, **params)["items"]
    assert len(everything) > limit, "too few rows to page through"
    for descending in (False, True):
        value = ("-" if descending else "") + key
        whole = get_page(client, url, headers, limit=200, sort=value, **params)["items"]
        want = expected_ids(everything, key, descending, rank)
        assert [i["id"] for i in whole] == want, (value, [i[key] for i in whole])
        paged = page_through(client, url, headers, limit=limit, sort=value, **params)
        assert [i["id"] for i in paged] == want, value


def assert_unknown_sort(client: TestClient, url: str, headers: Mapping[str, str]) -> list[str]:
    """An unknown key (and malformed values) answer 422 problem+json naming `sort` and listing
    the keys; returns the keys listed."""
    allowed: list[str] = []
    for bad in ("nope", "-nope", "--name", "name,id", "-", "password_hash", "x" * 5000):
        r = client.get(url, params={"sort": bad}, headers=dict(headers))
        assert r.status_code == 422, (bad, r.status_code, r.text)
        assert r.headers["content-type"].startswith("application/problem+json")
        body = r.json()
        assert body["code"] == "validation_failed" and body["parameter"] == "sort"
        assert [e["field"] for e in body["errors"]] == ["sort"]
        assert body["errors"][0]["code"] == "unknown_sort_key"
        allowed = body["allowed"]
        assert allowed and all(k in body["errors"][0]["message_en"] for k in allowed)
    return allowed
