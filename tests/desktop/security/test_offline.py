"""Offline, the desk never keeps a password on disk: a reset is refused with the reason (and the
outbox stays empty), while a change without a password (disable) waits in the outbox and goes
out when the platform is back."""

from __future__ import annotations

from govshare_core.vocab import Role
from govshare_desktop.api import security_paths
from govshare_desktop.security.users_page import UsersPage
from tests.desktop.conftest import LiveServer
from tests.desktop.faultproxy import FaultProxy
from tests.desktop.security.support import TEMPORARY, WAIT, click_action, row_of


def test_a_reset_is_not_queued_but_a_disable_is(
    live_server: LiveServer, proxy: FaultProxy, make_context, qtbot
) -> None:  # type: ignore[no-untyped-def]
    context = make_context("P", Role.SECURITY_ADMIN, url=proxy.url)
    page = UsersPage(context=context)
    qtbot.addWidget(page)
    row_of(qtbot, page, "username", live_server.username("A", Role.APPLICANT))
    reset = click_action(qtbot, page, "reset")
    reset.password.edit.setText(TEMPORARY)
    proxy.drop()  # the platform cannot be reached
    reset.ui.okButton.click()
    qtbot.waitUntil(lambda: "不会保存到本机" in reset.error_text, timeout=WAIT)
    assert reset.isVisible() and reset.password.text() == TEMPORARY  # nothing typed is lost
    assert context.store.pending_count() == 0
    files = [context.store.path, context.store.path.with_name(context.store.path.name + "-wal")]
    assert not any(TEMPORARY.encode() in f.read_bytes() for f in files if f.exists())
    reset.reject()

    box = click_action(qtbot, page, "disable")
    with qtbot.wait_signal(page.action_queued, timeout=WAIT):
        box.findChild(type(box.buttons()[0]), "confirmButton").click()
    assert context.store.pending_count() == 1
    proxy.pass_through()
    context.sync.sync_now()
    qtbot.waitUntil(lambda: context.store.pending_count() == 0, timeout=WAIT)
    admin = make_context("P", Role.SECURITY_ADMIN).client
    rows = admin.get(security_paths.users_path(), q=live_server.username("A", Role.APPLICANT))
    assert rows["items"][0]["active"] is False
