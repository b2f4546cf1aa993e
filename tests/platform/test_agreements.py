"""The agreement round trip (第三十条): drafted on the platform's approval, signed in turn by the
consumer's and the provider's filed resource admins and the platform, then the grants appear."""

from __future__ import annotations

import hashlib

from govshare_core.agreements import SignTurn
from govshare_core.vocab import Role
from tests.platform.agreement_support import (
    awaiting,
    detail,
    headers,
    pdf,
    sign_turn,
    signer,
)
from tests.platform.conftest import World


def test_round_trip_three_signatures_activate_the_request(world: World) -> None:
    rid, aid = awaiting(world)
    consumer = signer(world, world.uid("B", Role.RESOURCE_ADMIN))
    provider = signer(world, world.uid("A", Role.RESOURCE_ADMIN))
    admin = world.uid("P", Role.PLATFORM_ADMIN)

    first = detail(world, aid, consumer.user_id)
    assert first["status"] == "awaiting_consumer" and first["revision"] == 0
    assert first["draft_sha256"] == first["sha256"]
    assert first["actions"] == ["sign", "decline"]
    assert first["expected_signer_id"] == consumer.user_id
    assert first["due"] is not None
    draft = pdf(world, aid, admin)
    assert hashlib.sha256(draft).hexdigest() == first["draft_sha256"]

    out = sign_turn(world, aid, consumer, SignTurn.CONSUMER, stamp="签署人：民政\n单位：民政局")
    assert out["status"] == "awaiting_provider" and out["revision"] == 1
    out = sign_turn(world, aid, provider, SignTurn.PROVIDER, stamp="签署人：公安\n单位：公安局")
    assert out["status"] == "awaiting_platform"
    assert out["actions"] == []  # the provider's turn is over

    r = world.client.post(
        f"/api/v1/agreements/{aid}/platform-signature",
        headers=headers(world, admin, **{"If-Match": 'W/"2"'}),
    )
    assert r.status_code == 200, r.text
    out = r.json()
    assert out["status"] == "completed" and out["revision"] == 3
    assert [s["turn"] for s in out["signatures"]] == ["consumer", "provider", "platform"]
    final = pdf(world, aid, admin)
    assert final.startswith(draft) and hashlib.sha256(final).hexdigest() == out["sha256"]

    req = world.client.get(f"/api/v1/requests/{rid}", headers=world.h("B", Role.APPLICANT))
    assert req.json()["status"] == "active"
    grants = world.client.get("/api/v1/grants", headers=world.h("B", Role.APPLICANT)).json()
    assert {g["data_item"] for g in grants["items"]} == {"姓名", "身份证号"}
