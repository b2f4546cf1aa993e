"""The usage pages in the navigation (group 数据交换, orders 53–54, roles), at the office screen
(1366×768: the page area the main window leaves, and the dialogs), and an overdue inquiry in
red on both sides (the platform's clock moved past its deadline)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QBrush

from govshare_core.vocab import Role
from govshare_desktop.common.deadlines import OVERDUE
from govshare_desktop.usage import pages
from govshare_desktop.usage.discrepancies_page import DiscrepanciesPage
from govshare_desktop.usage.inquiries_page import InquiriesPage
from govshare_platform import clock
from tests.desktop.conftest import LiveServer
from tests.desktop.qt_support import assert_dialog_fits
from tests.desktop.requests_support import api
from tests.desktop.usage.support import WAIT, department_id, granted_entry, open_new

PAGE_AT_1366 = QSize(1110, 640)
"""What the main window leaves a page at 1366×728 (navigation, menu, tool and status bars)."""


def test_page_specs(qapp) -> None:  # type: ignore[no-untyped-def]
    specs = pages.page_specs()
    assert [(s.key, s.order) for s in specs] == [
        ("usage.inquiries", 53),
        ("usage.discrepancies", 54),
    ]
    group = QCoreApplication.translate("ExchangePages", "数据交换")
    assert {s.group for s in specs} == {group}
    assert specs[0].roles == {"resource_admin", "applicant", "platform_admin"}
    assert specs[1].roles == {"applicant", "resource_admin", "platform_admin"}
    assert not specs[0].visible_for({"registrar", "catalog_reviewer"})


def _ask(server: LiveServer, entry_id: int, days: int) -> dict:  # type: ignore[type-arg]
    body = {
        "entry_id": entry_id,
        "consumer_department_id": department_id(server, "B"),
        "question": "请说明数据使用情况",
        "due_working_days": days,
    }
    return dict(api(server, "A", Role.RESOURCE_ADMIN).post("/api/v1/usage/inquiries", body))


def _red(page: InquiriesPage) -> bool:
    brushes = [
        page.model.index(0, c).data(Qt.ItemDataRole.ForegroundRole)
        for c in range(page.model.columnCount())
    ]
    return all(isinstance(b, QBrush) and b.color() == OVERDUE for b in brushes)


def test_overdue_inquiry_is_red_on_both_sides(
    live_server: LiveServer, make_context, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    entry = granted_entry(live_server)
    asked = _ask(live_server, int(entry["id"]), 1)
    later = clock.today() + timedelta(days=10)
    monkeypatch.setattr(clock, "today", lambda: later)
    for dept, side in (("A", "asked"), ("B", "received")):
        page = InquiriesPage(context=make_context(dept, Role.RESOURCE_ADMIN))
        qtbot.addWidget(page)
        page.sideCombo.setCurrentIndex(page.sideCombo.findData(side))
        qtbot.waitUntil(lambda p=page: p.model.rowCount() == 1, timeout=WAIT)
        assert page.model.row_data(0)["id"] == asked["id"]
        assert _red(page), side
        assert "超期" in page.model.index(0, 3).data()
        overdue = page.statusCombo.findText("已超期")
        page.statusCombo.setCurrentIndex(overdue)  # the platform's overdue filter
        qtbot.waitUntil(
            lambda p=page: p.model.rowCount() == 1 and not p.model.is_loading, timeout=WAIT
        )


@pytest.mark.parametrize("role", [Role.RESOURCE_ADMIN, Role.APPLICANT, Role.PLATFORM_ADMIN])
def test_pages_and_dialogs_fit_the_office_screen(
    live_server: LiveServer, make_context, qtbot, role: Role
) -> None:  # type: ignore[no-untyped-def]
    dept = "P" if role == Role.PLATFORM_ADMIN else "B"
    if role == Role.RESOURCE_ADMIN:
        dept = "A"
    ctx = make_context(dept, role)
    for page_class in (InquiriesPage, DiscrepanciesPage):
        page = page_class(context=ctx)
        qtbot.addWidget(page)
        page.resize(PAGE_AT_1366)
        page.show()
        qtbot.waitUntil(lambda p=page: not p.model.is_loading, timeout=WAIT)
        hint = page.minimumSizeHint()
        assert hint.width() <= PAGE_AT_1366.width() and hint.height() <= PAGE_AT_1366.height()
        assert page.table.isVisible() and page.detailView.isVisible()
        assert page.newButton.isVisible() == (page.NEW_ROLES & ctx.roles != set())


def test_dialogs_fit_the_office_screen(live_server: LiveServer, make_context, qtbot) -> None:  # type: ignore[no-untyped-def]
    granted_entry(live_server)
    inquiries = InquiriesPage(context=make_context("A", Role.RESOURCE_ADMIN))
    qtbot.addWidget(inquiries)
    dialog = open_new(qtbot, inquiries)
    assert_dialog_fits(dialog, [dialog.ui.okButton], "新建询问")
    discrepancies = DiscrepanciesPage(context=make_context("B", Role.APPLICANT))
    qtbot.addWidget(discrepancies)
    dialog = open_new(qtbot, discrepancies)
    assert_dialog_fits(dialog, [dialog.ui.okButton], "提出异议")
