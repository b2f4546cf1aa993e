"""The exchange pages at the office screen (1366×768): each page fits the room the main window
leaves it, with its buttons inside; an overdue delivery is red in the schedule."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QWidget

from govshare_core.vocab import Role
from govshare_desktop.common.deadlines import OVERDUE
from govshare_desktop.exchange.access_page import AccessPage
from govshare_desktop.exchange.deliveries_page import DeliveriesPage
from govshare_desktop.exchange.delivery_lists import overdue_role
from govshare_desktop.exchange.log_page import LogPage
from govshare_desktop.exchange.pages import page_specs
from tests.desktop.conftest import LiveServer
from tests.desktop.exchange.support import WAIT, published
from tests.desktop.qt_support import assert_fits

PAGE_AT_1366 = (1100, 640)
"""What the main window, maximised at 1366×768, leaves a page (navigation, menu, status bar)."""


def inside(page: QWidget, widget: QWidget) -> bool:
    where = QRect(widget.mapTo(page, QPoint(0, 0)), widget.size())
    return page.rect().contains(where)


def shown(page: QWidget, qtbot) -> QWidget:  # type: ignore[no-untyped-def]
    qtbot.addWidget(page)
    page.resize(*PAGE_AT_1366)
    page.show()
    qtbot.waitExposed(page)
    assert_fits(page, page.objectName())
    size = page.minimumSizeHint()
    assert size.width() <= PAGE_AT_1366[0] and size.height() <= PAGE_AT_1366[1], size
    return page


def test_pages_fit_the_office_screen(
    live_server: LiveServer, make_context, qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    published(live_server)
    deliveries = shown(DeliveriesPage(context=make_context("A", Role.REGISTRAR)), qtbot)
    assert isinstance(deliveries, DeliveriesPage)
    qtbot.waitUntil(lambda: deliveries.schedule.rowCount() == 1, timeout=WAIT)
    deliveries.select_row(0)
    deliveries.report.set_report(
        {"rows_checked": 3, "problem_count": 1, "problems": [{"row": 2, "code": "bad_type"}]}
    )
    for button in (deliveries.uploadButton, deliveries.report.exportButton):
        assert button.isVisible() and inside(deliveries, button), button.objectName()
    access = shown(AccessPage(context=make_context("B", Role.APPLICANT)), qtbot)
    assert isinstance(access, AccessPage)
    assert inside(access, access.downloadButton)
    log = shown(LogPage(context=make_context("P", Role.AUDIT_ADMIN)), qtbot)
    assert isinstance(log, LogPage)
    assert inside(log, log.exportButton) and log.sideCombo.isHidden()


def test_overdue_rows_are_red() -> None:
    brush = overdue_role({"overdue": True}, Qt.ItemDataRole.ForegroundRole)
    assert isinstance(brush, QBrush) and brush.color() == OVERDUE
    assert overdue_role({"overdue": False}, Qt.ItemDataRole.ForegroundRole) is None


def test_page_specs_group_and_roles(qapp) -> None:  # type: ignore[no-untyped-def]
    specs = {s.key: s for s in page_specs()}
    assert [s.order for s in specs.values()] == [50, 51, 52]
    assert {s.group for s in specs.values()} == {"数据交换"}
    assert specs["exchange.deliveries"].roles == {"registrar", "resource_admin"}
    assert specs["exchange.access"].roles == {"applicant", "resource_admin"}
    assert specs["exchange.log"].visible_for({"audit_admin"})
    assert not specs["exchange.deliveries"].visible_for({"applicant"})
