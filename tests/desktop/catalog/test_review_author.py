"""第十五条's four eyes in the desktop: the entry's author (created_by) is not offered 审核通过 /
退回 on it, also when a colleague submitted what they wrote — the platform would refuse
(`own_submission`), and the desktop asks the same core rule."""

from __future__ import annotations

from PySide6.QtCore import Qt

from govshare_core.vocab import Role
from govshare_core.workflow import Actor
from govshare_desktop.api.errors import ApiError
from govshare_desktop.catalog import presenter as P
from govshare_desktop.catalog.review import ReviewPage
from govshare_desktop.context import AppContext
from tests.desktop.catalog.support import registered_entries

WAIT = 10_000


def _reviewer_and_registrar(make_context) -> AppContext:  # type: ignore[no-untyped-def]
    """Department A's reviewer, given the registrar's role too by the security admin."""
    reviewer = make_context("A", Role.CATALOG_REVIEWER)
    roles = [Role.CATALOG_REVIEWER.value, Role.REGISTRAR.value]
    security = make_context("P", Role.SECURITY_ADMIN)
    path = f"/api/v1/users/{reviewer.user_id}"
    security.client.request("PATCH", path, json={"roles": roles}, if_match="*")
    return make_context("A", Role.CATALOG_REVIEWER)


def test_the_entry_carries_its_author() -> None:
    written = {"id": 1, "status": "submitted", "department_id": 2, "submitted_by": 6}
    both = Actor.of(user_id=5, roles=["registrar", "catalog_reviewer"], department_id=2)
    assert "dept_approve" in P.entry_actions(written, both)  # no author known: offered
    mine = {**written, "created_by": 5}
    assert P.entry_actions(mine, both) == ["recall"]  # wrote it, a colleague submitted
    assert P.own_submission(mine, both)


def test_the_author_is_not_offered_approve_or_return(make_context, qtbot) -> None:  # type: ignore[no-untyped-def]
    both = _reviewer_and_registrar(make_context)
    [entry] = registered_entries(both, ["本人登记、同事提交的目录"])
    assert entry["created_by"] == both.user_id
    colleague = make_context("A", Role.REGISTRAR)
    submitted = colleague.client.entry_action(entry["id"], "submit")
    assert submitted["submitted_by"] == colleague.user_id
    assert submitted["created_by"] == both.user_id

    page = ReviewPage(context=both)
    qtbot.addWidget(page)
    model = page.model
    qtbot.waitUntil(lambda: model.rowCount() == 1 and not model.is_loading, timeout=WAIT)
    assert model.row_data(0)["created_by"] == both.user_id  # the list item has it too
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEnabled  # greyed out
    page._show_detail(model.row_data(0))  # its detail, however reached
    qtbot.waitUntil(lambda: "第十五条" in page.ui.detailInfo.text(), timeout=WAIT)
    assert not page.ui.approveButton.isEnabled()
    assert not page.ui.returnButton.isEnabled()

    # the platform agrees: the author's approval is refused
    try:
        both.client.entry_action(entry["id"], "dept-approve")
    except ApiError as refused:
        assert refused.status == 403 and refused.code == "own_submission"
    else:  # pragma: no cover - the server must refuse
        raise AssertionError("the author approved their own entry")
