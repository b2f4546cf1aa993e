"""The desktop's foundation against a real platform: client calls, errors, background tasks."""

from __future__ import annotations

import pytest

from govshare_core.vocab import Role
from govshare_desktop.api.client import PlatformClient
from govshare_desktop.api.errors import ApiError
from tests.desktop.conftest import PASSWORD, LiveServer


def test_login_and_me(live_server: LiveServer) -> None:
    client = PlatformClient(live_server.url)
    client.login(live_server.username("A", Role.REGISTRAR), PASSWORD)
    me = client.me()
    assert me["roles"] == ["registrar"]
    assert me["department"]["name"] == "南通市公安局"


def test_wrong_password_is_a_translated_error(live_server: LiveServer, qapp) -> None:  # type: ignore[no-untyped-def]
    client = PlatformClient(live_server.url)
    with pytest.raises(ApiError) as info:
        client.login(live_server.username("A", Role.REGISTRAR), "wrong-password")
    assert info.value.status == 401
    assert info.value.code == "invalid_credentials"
    assert info.value.message() == "用户名或密码错误。"


def test_unreachable_platform(qapp) -> None:  # type: ignore[no-untyped-def]
    sleeps: list[float] = []
    client = PlatformClient("http://127.0.0.1:9", retries=2, sleep=sleeps.append)
    with pytest.raises(ApiError) as info:
        client.health()
    assert info.value.is_network and info.value.code == "network_unreachable"
    assert sleeps == [0.4, 0.8]  # retried with backoff


def test_context_runs_off_the_ui_thread(make_context, qtbot) -> None:  # type: ignore[no-untyped-def]
    import threading

    ctx = make_context("A", Role.REGISTRAR)
    seen: dict[str, object] = {}

    def op(task):  # type: ignore[no-untyped-def]
        seen["thread"] = threading.current_thread() is threading.main_thread()
        return ctx.client.inbox()

    with qtbot.wait_signal(ctx.synced, timeout=5000, raising=False):
        ctx.run(op, success=lambda r: (seen.setdefault("result", r), ctx.mark_synced()))
    assert seen["thread"] is False
    assert seen["result"] == []
