"""第二十八条 in the desktop: a resource admin who is not on file (备案) is not offered the
provider's decision — the button stays, disabled, with the core's reason — and the platform
refuses them too (`not_filed_resource_admin`). /me says whether the user is the one on file."""

from __future__ import annotations

from govshare_core.separation import SeparationRefusal
from govshare_core.vocab import Role
from govshare_desktop.api.errors import ApiError
from govshare_desktop.requests.requests_page import RequestsPage
from tests.desktop.conftest import LiveServer
from tests.desktop.requests.test_requests_page import open_requests
from tests.desktop.requests_support import api, publish_entry, submitted_request


def _withdraw_filing(server: LiveServer, dept: str) -> None:
    """The security admin ends the department's 备案 filing (nobody decides for it now)."""
    security = api(server, "P", Role.SECURITY_ADMIN)
    dept_id = api(server, dept, Role.RESOURCE_ADMIN).me()["department"]["id"]
    path = f"/api/v1/departments/{dept_id}/resource-admins"
    [filing] = [f for f in security.request("GET", path).json() if f["active"]]
    security.request("POST", f"{path}/{filing['id']}/withdraw")


def test_the_unfiled_resource_admin_is_not_offered_the_decision(  # type: ignore[no-untyped-def]
    live_server: LiveServer, make_context, qtbot
) -> None:
    request = submitted_request(live_server, publish_entry(live_server, "A"))
    filed = make_context("A", Role.RESOURCE_ADMIN)
    assert filed.me["filed_resource_admin"] is True
    page = RequestsPage.inbox(context=filed)
    qtbot.addWidget(page)
    open_requests(qtbot, page, int(request["id"]))
    assert page.ui.decideButton.isVisibleTo(page) and page.ui.decideButton.isEnabled()
    assert page.ui.decideButton.toolTip() == ""

    _withdraw_filing(live_server, "A")
    unfiled = make_context("A", Role.RESOURCE_ADMIN)
    assert unfiled.me["filed_resource_admin"] is False
    page = RequestsPage.inbox(context=unfiled)
    qtbot.addWidget(page)
    open_requests(qtbot, page, int(request["id"]))
    button = page.ui.decideButton
    assert button.isVisibleTo(page) and not button.isEnabled()
    assert button.toolTip() == SeparationRefusal.NOT_FILED_RESOURCE_ADMIN.label_zh
    try:  # the platform's own answer, for the same rule
        unfiled.client.request_action(int(request["id"]), "provider-decision", {"approve": True})
    except ApiError as refused:
        assert (refused.status, refused.code) == (403, "not_filed_resource_admin")
    else:  # pragma: no cover
        raise AssertionError("an unfiled resource admin decided")
