"""The access matrices' loop (test_access_matrix, test_exchange_matrix, test_usage_matrix,
test_rectification_matrix): each role calls a route on an object placed "own", "other" or
"none"; an allowed role must succeed (2xx), any other must be refused with 403 or 404.

The refused roles call first and share one object: a refusal changes nothing, and if it did
change something the next refused call would meet another state and answer 409, which the
matrix reports too. A call that succeeded may have moved the object on (approved, signed,
revoked), so the next call gets a fresh one; a GET does not move it. Making the objects is most
of a matrix's time (each is built through the API: entry, request, agreement…).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

from govshare_core.vocab import Role

Made = TypeVar("Made")


def wrong_calls(
    method: str,
    allowed: Mapping[str, frozenset[Role]],
    make: Callable[[str], Made],
    call: Callable[[Role, Made], int],
) -> list[str]:
    """ "<role> on <placement>: <status>" for every call the matrix does not expect.

    `make(placement)` builds the object (path parameters, body…); `call(role, made)` sends the
    request as `role` and answers its status.
    """
    wrong = []
    for placement, roles in allowed.items():
        made: Made | None = None
        for role in sorted(Role, key=lambda r: r in roles):  # refusals first
            if made is None:
                made = make(placement)
            status = call(role, made)
            ok, refused = 200 <= status < 300, status in (403, 404)
            if (role in roles and not ok) or (role not in roles and not refused):
                wrong.append(f"{role} on {placement}: {status}")
            if ok and method != "GET":
                made = None  # moved on: the next caller gets a fresh object
    return wrong
