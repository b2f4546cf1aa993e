"""Two uploads racing for the same turn: one is accepted, the other refused, never a 500."""

from __future__ import annotations

import threading
from typing import Any

from fastapi.testclient import TestClient

from govshare_core.agreements import SignTurn
from govshare_core.vocab import Role
from tests.platform.agreement_support import awaiting, detail, headers, signed, signer
from tests.platform.conftest import World


def test_racing_uploads_give_one_success(world: World) -> None:
    _rid, aid = awaiting(world)
    consumer = signer(world, world.uid("B", Role.RESOURCE_ADMIN))
    uploads = [signed(world, aid, consumer, SignTurn.CONSUMER) for _ in range(2)]
    assert uploads[0] != uploads[1]  # two different, both valid signatures of revision 0
    auth = headers(
        world, consumer.user_id, **{"Content-Type": "application/pdf", "If-Match": 'W/"0"'}
    )
    start = threading.Barrier(2)
    statuses: list[Any] = []

    def send(data: bytes) -> None:
        with TestClient(world.app) as client:
            start.wait()
            r = client.post(f"/api/v1/agreements/{aid}/signatures", content=data, headers=auth)
            statuses.append((r.status_code, r.json().get("code")))

    threads = [threading.Thread(target=send, args=(data,)) for data in uploads]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    codes = sorted(s for s, _ in statuses)
    assert codes[0] == 200 and codes[1] in (409, 412), statuses
    out = detail(world, aid, consumer.user_id)
    assert out["revision"] == 1 and len(out["signatures"]) == 1
