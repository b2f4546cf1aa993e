"""待签协议 through the UI against a real platform: the list shows only the caller's agreements,
the viewer renders the PDF and its signatures."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter

from govshare_core.creditcode import make_credit_code
from govshare_core.vocab import Role
from govshare_desktop.agreements.page import VIEWER, AgreementsPage
from govshare_desktop.agreements.presenter import PENDING
from govshare_desktop.api import actions
from tests.desktop.agreements_support import awaiting_agreement
from tests.desktop.conftest import PASSWORD, LiveServer
from tests.desktop.requests_support import api, keep_password

WAIT = 10000


def page_for(make_context, qtbot, dept: str, role: Role) -> AgreementsPage:  # type: ignore[no-untyped-def]
    page = AgreementsPage(context=make_context(dept, role))
    qtbot.addWidget(page)
    page.resize(1100, 680)
    page.show()
    return page


def loaded(qtbot, page: AgreementsPage) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(
        lambda: not page.model.is_loading and page.model.total is not None, timeout=WAIT
    )


def test_the_consumer_sees_its_agreement_and_the_viewer_renders_it(
    live_server: LiveServer, make_context, qtbot, qtmodeltester
) -> None:  # type: ignore[no-untyped-def]
    _request_id, agreement_id = awaiting_agreement(live_server)
    consumer = page_for(make_context, qtbot, "B", Role.RESOURCE_ADMIN)
    qtbot.waitUntil(lambda: consumer.row_index(agreement_id) >= 0, timeout=WAIT)
    qtmodeltester.check(consumer.model)
    row = consumer.row_index(agreement_id)
    assert consumer.model.index(row, 3).data() == "待使用部门签署"
    assert consumer.model.index(row, 4).data().startswith("信息使用部门")
    assert "个工作日" in consumer.model.index(row, 5).data()

    with qtbot.wait_signal(consumer.agreement_loaded, timeout=WAIT) as opened:
        consumer.open_agreement(agreement_id)
    assert opened.args[0]["actions"] == ["sign", "decline"] or "sign" in opened.args[0]["actions"]
    viewer = consumer.viewer
    assert consumer.ui.stack.currentIndex() == VIEWER
    qtbot.waitUntil(lambda: viewer.document.status() == QPdfDocument.Status.Ready, timeout=WAIT)
    assert viewer.page_count() > 0
    qtbot.waitUntil(lambda: viewer.checks is not None, timeout=WAIT)
    assert [r.state for r in viewer.panel.rows] == [PENDING] * 3
    assert viewer.ui.declineButton.isVisible()
    # no key on this computer yet: the viewer offers the key setup instead of 签署
    assert viewer.ui.setupKeyButton.isVisible() and not viewer.ui.signButton.isVisible()


def test_the_list_shows_only_the_callers_agreements(
    live_server: LiveServer, make_context, qtbot
) -> None:  # type: ignore[no-untyped-def]
    _request_id, agreement_id = awaiting_agreement(live_server)
    provider = page_for(make_context, qtbot, "A", Role.RESOURCE_ADMIN)
    loaded(qtbot, provider)
    assert provider.model.rowCount() == 0  # 待我签署: the consumer signs first
    provider.ui.filterCombo.setCurrentIndex(1)  # 全部
    qtbot.waitUntil(lambda: provider.row_index(agreement_id) >= 0, timeout=WAIT)
    platform = page_for(make_context, qtbot, "P", Role.PLATFORM_ADMIN)
    loaded(qtbot, platform)
    assert platform.model.rowCount() == 0
    outsider_admin(live_server)  # a department that is no party to it sees nothing
    outsider = page_for(make_context, qtbot, "C", Role.RESOURCE_ADMIN)
    outsider.ui.filterCombo.setCurrentIndex(1)
    loaded(qtbot, outsider)
    assert outsider.model.rowCount() == 0 and outsider.model.total == 0


def outsider_admin(server: LiveServer) -> None:
    """Department C (南通市税务局) with a resource admin, made by the security admin."""
    admin = api(server, "P", Role.SECURITY_ADMIN)
    department = {"name": "南通市税务局", "credit_code": make_credit_code("11320600014160003")}
    dept = admin.request("POST", actions.departments_path(), json=department).json()
    user = {
        "username": "c_resource_admin",
        "full_name": "税务局信息资源管理员",
        "password": PASSWORD,
        "department_id": dept["id"],
        "roles": [Role.RESOURCE_ADMIN.value],
    }
    admin.request("POST", "/api/v1/users", json=user)
    keep_password(server, "c_resource_admin")
    server.users[("C", Role.RESOURCE_ADMIN)] = "c_resource_admin"


def test_the_viewer_pages_zooms_saves_and_prints(
    live_server: LiveServer, make_context, qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    _request_id, agreement_id = awaiting_agreement(live_server)
    page = page_for(make_context, qtbot, "B", Role.RESOURCE_ADMIN)
    with qtbot.wait_signal(page.agreement_loaded, timeout=WAIT):
        page.open_agreement(agreement_id)
    viewer = page.viewer
    qtbot.waitUntil(lambda: viewer.document.status() == QPdfDocument.Status.Ready, timeout=WAIT)
    pages = viewer.page_count()
    assert pages >= 2 and viewer.ui.pageCountLabel.text() == f"/ {pages}"
    assert not viewer.ui.prevPageButton.isEnabled() and viewer.ui.zoomLabel.text() == "自适应"

    viewer.ui.pageSpin.setValue(pages)  # the last page: the signature fields
    qtbot.waitUntil(lambda: viewer.current_page() == pages - 1, timeout=WAIT)
    assert not viewer.ui.nextPageButton.isEnabled()
    qtbot.mouseClick(viewer.ui.prevPageButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: viewer.ui.pageSpin.value() == pages - 1, timeout=WAIT)

    assert viewer.ui.fitWidthButton.isChecked()
    qtbot.mouseClick(viewer.ui.zoomInButton, Qt.MouseButton.LeftButton)
    assert not viewer.ui.fitWidthButton.isChecked()
    assert viewer.view.zoomMode() == QPdfView.ZoomMode.Custom
    assert viewer.ui.zoomLabel.text().endswith("%")
    qtbot.mouseClick(viewer.ui.fitWidthButton, Qt.MouseButton.LeftButton)
    assert viewer.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    assert viewer.ui.zoomLabel.text() == "自适应"

    saved = tmp_path / viewer.suggested_name()
    viewer.save_to(saved)
    assert saved.read_bytes() == viewer.pdf == page.context.client.agreement_pdf(agreement_id)
    assert "常住人口基本信息" in saved.name or saved.name.endswith("第0版.pdf")

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert viewer.print_to(printer) == pages
    assert (tmp_path / "printed.pdf").read_bytes().startswith(b"%PDF")
