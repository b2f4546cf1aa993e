"""Share screens, continued: mediation upholding a rejection, overdue requests shown in red (the
platform's clock moved forward), and the request list's columns fitting a 1280x800 window."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush

from govshare_core import clock as core_clock
from govshare_core.vocab import Role
from govshare_desktop.requests.catalog_page import ShareCatalogPage
from govshare_desktop.requests.dialogs import DecisionDialog
from govshare_desktop.requests.requests_page import OVERDUE_COLOR, RequestsPage
from govshare_platform import clock
from tests.desktop.conftest import LiveServer
from tests.desktop.requests.test_requests_page import WAIT, act_in_dialog, inbox, open_requests
from tests.desktop.requests_support import api, publish_entry, submitted_request

PAGE_SIZE_AT_1280 = (1040, 760)
"""What the main window leaves a page at 1280x800 (navigation, menu and status bar)."""


def submitted(server: LiveServer, entry: dict[str, Any]) -> int:
    return int(submitted_request(server, entry)["id"])


def test_mediation_upholds_the_rejection(live_server: LiveServer, make_context, qtbot) -> None:
    entry = publish_entry(live_server, "A")
    request_id = submitted(live_server, entry)
    provider = api(live_server, "A", Role.RESOURCE_ADMIN)
    version = int(provider.share_request(request_id)["version"])
    provider.request_action(
        request_id,
        "provider-decision",
        {"approve": False, "ground": "not_duty_related", "comment": "申请用途与其职责无关"},
        version=version,
    )
    applicant = api(live_server, "B", Role.APPLICANT)
    version = int(applicant.share_request(request_id)["version"])
    applicant.request_action(
        request_id, "dispute", {"reason": "核验户籍是低保审核的法定环节"}, version=version
    )

    platform = inbox(make_context, qtbot, "P", Role.PLATFORM_ADMIN, "争议待协调")
    open_requests(qtbot, platform, request_id)
    assert platform.ui.mediateButton.isVisibleTo(platform)

    def uphold(dialog: DecisionDialog) -> None:
        assert dialog.mediation and dialog.ui.groundCombo.isHidden()
        dialog.choose(approve=False, comment="拒绝理由成立，维持拒绝")

    answer = act_in_dialog(qtbot, platform, platform.ui.mediateButton, uphold)
    assert answer["status"] == "rejected"  # final: the rejection stands (第二十五条)
    assert answer["rejection_ground"] == "not_duty_related"  # upholding keeps the ground
    on_server = api(live_server, "B", Role.APPLICANT).share_request(request_id)
    assert [d["status"] for d in on_server["disputes"]] == ["upheld"]
    steps = [
        platform.events_model.index(r, 1).data() for r in range(platform.events_model.rowCount())
    ]
    assert steps[-1] == "协调：维持拒绝"
    assert not platform.ui.mediateButton.isVisibleTo(platform)


@pytest.fixture
def move_clock(monkeypatch: pytest.MonkeyPatch) -> Callable[[int], date]:
    """Move the platform's clock (the live server runs in-process) and the desktop's today."""

    def move(days: int) -> date:
        later = clock.today() + timedelta(days=days)
        monkeypatch.setattr(clock, "today", lambda: later)
        monkeypatch.setattr(core_clock, "today", lambda now=None: later)  # the desktop's day
        return later

    return move


def _row_is_red(page: RequestsPage, request_id: int) -> bool:
    row = page.row_index(request_id)
    brushes = [
        page.model.index(row, c).data(Qt.ItemDataRole.ForegroundRole)
        for c in range(page.model.columnCount())
    ]
    return all(isinstance(b, QBrush) and b.color() == OVERDUE_COLOR for b in brushes)


def test_overdue_request_is_red_in_the_inbox_and_my_requests(
    live_server: LiveServer, make_context, qtbot, move_clock
) -> None:
    entry = publish_entry(live_server, "A")
    request_id = submitted(live_server, entry)
    move_clock(30)  # the review deadline is 5 working days after receipt

    provider = inbox(make_context, qtbot, "A", Role.RESOURCE_ADMIN)
    qtbot.waitUntil(lambda: provider.row_index(request_id) >= 0, timeout=WAIT)
    row = provider.model.row_data(provider.row_index(request_id))
    assert row["_overdue"] and row["overdue"]  # the platform says so too (第二十七条)
    assert _row_is_red(provider, request_id)
    left = provider.model.index(provider.row_index(request_id), 5).data()
    assert left.startswith("超期 ") and int(left.split()[1]) > 0
    assert provider.model.index(provider.row_index(request_id), 4).data() == row["review_due"]
    detail = open_requests(qtbot, provider, request_id)
    assert "已超期" in provider.ui.detailBrowser.toPlainText() and detail["id"] == request_id

    mine = RequestsPage.mine(context=make_context("B", Role.APPLICANT))
    qtbot.addWidget(mine)
    qtbot.waitUntil(lambda: mine.row_index(request_id) >= 0, timeout=WAIT)
    assert _row_is_red(mine, request_id)

    overdue = inbox(make_context, qtbot, "P", Role.PLATFORM_ADMIN, "已超期")
    qtbot.waitUntil(lambda: overdue.row_index(request_id) >= 0, timeout=WAIT)
    assert _row_is_red(overdue, request_id)


def _fits(view: Any) -> bool:
    header = view.horizontalHeader()
    hidden = [c for c in range(header.count()) if view.isColumnHidden(c)]
    return not hidden and not view.horizontalScrollBar().isVisible()


def test_request_and_catalog_columns_fit_beside_the_detail_at_1280(
    live_server: LiveServer, make_context, qtbot
) -> None:
    entry = publish_entry(live_server, "A", name="南通市住房和城乡建设局保障性住房配租家庭信息")
    request_id = submitted(live_server, entry)
    provider = inbox(make_context, qtbot, "A", Role.RESOURCE_ADMIN)
    provider.resize(*PAGE_SIZE_AT_1280)
    provider.show()
    qtbot.waitUntil(lambda: provider.row_index(request_id) >= 0, timeout=WAIT)
    view = provider.ui.tableView
    qtbot.waitUntil(lambda: _fits(view), timeout=WAIT)
    titles = [view.model().headerData(c, Qt.Orientation.Horizontal) for c in range(6)]
    assert titles == ["编号", "信息资源", "申请部门", "状态", "截止日期", "剩余工作日"]
    assert view.columnWidth(1) >= 100  # the resource name keeps room to be read

    provider.resize(700, 600)  # narrow: the department goes (it is in the detail), names stay
    qtbot.waitUntil(lambda: view.isColumnHidden(2), timeout=WAIT)
    provider.resize(*PAGE_SIZE_AT_1280)
    qtbot.waitUntil(lambda: _fits(view), timeout=WAIT)

    catalog = ShareCatalogPage(context=make_context("B", Role.APPLICANT))
    qtbot.addWidget(catalog)
    catalog.resize(*PAGE_SIZE_AT_1280)
    catalog.show()
    qtbot.waitUntil(lambda: catalog.model.rowCount() == 1, timeout=WAIT)
    qtbot.waitUntil(lambda: _fits(catalog.ui.tableView), timeout=WAIT)
    sizes = catalog.ui.splitter.sizes()
    assert 0.55 <= sizes[0] / sum(sizes) <= 0.68  # ~60/40 list and detail
    long_name = catalog.model.index(0, 2).data(Qt.ItemDataRole.ToolTipRole)
    assert long_name == "南通市公安局"  # department names carry a tooltip for when elided
