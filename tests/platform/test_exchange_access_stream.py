"""A grant revoked mid-download cuts the stream (第二十二条: access stops when the grant ends):
the client sees an incomplete transfer and the exchange log says `aborted`. Served by a real
uvicorn server, so the revocation lands between chunks of a 50,000-row (~50 MB) download."""

from __future__ import annotations

import time

import pytest
import requests
from sqlalchemy import select

from govshare_core.vocab import Role
from govshare_platform.exchange import projection
from govshare_platform.exchange.models import ExchangeLog
from govshare_platform.local_server import LocalServer
from tests.platform.conftest import World
from tests.platform.exchange_support import ITEMS, deliver, exchange_entry, grant, person

ROWS = 50_000
PADDING = "号楼" * 160  # ~1 kB a row, ~50 MB in all: far more than the socket buffers hold


def _aborted(world: World, timeout: float = 20.0) -> ExchangeLog | None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with world.session() as s:
            row = s.scalar(select(ExchangeLog).where(ExchangeLog.action == "download"))
        if row is not None:
            return row
        time.sleep(0.1)
    return None


def test_revoked_mid_download_cuts_the_stream(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(projection, "RECHECK_ROWS", 5_000)
    entry = exchange_entry(world)
    deliver(world, entry, ([*person(n)[:2], person(n)[2] + PADDING, "1"] for n in range(ROWS)))
    grant_ids = grant(world, entry, list(ITEMS))
    with LocalServer(world.app) as server:
        url = f"{server.url}/api/v1/exchange/entries/{entry}/data"
        with requests.get(url, headers=world.h("B", Role.APPLICANT), stream=True) as r:
            assert r.status_code == 200
            chunks = r.iter_content(64 * 1024)
            received = len(next(chunks))
            revoked = world.client.post(
                f"/api/v1/grants/{grant_ids[1]}/revoke",
                json={"reason": "业务已终止"},
                headers=world.h("A", Role.RESOURCE_ADMIN),
            )
            assert revoked.status_code == 200, revoked.text
            with pytest.raises(requests.exceptions.ChunkedEncodingError):
                for chunk in chunks:
                    received += len(chunk)
        record = _aborted(world)
    assert record is not None
    assert (record.outcome, record.reason) == ("aborted", "grant_revoked")
    assert 0 < record.rows < ROWS
    assert received < ROWS * len(PADDING.encode())  # less than the whole download
