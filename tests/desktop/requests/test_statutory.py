"""The statutory path through the UI (第五条 last paragraph, 第二十五条): a 不予共享 entry opened
from the share catalog asks for the statutory citation; the request skips the provider, who sees
it with its citation, and the platform admin approves it."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from govshare_core.vocab import Role
from govshare_desktop.requests.catalog_page import ShareCatalogPage
from govshare_desktop.requests.dialogs import DecisionDialog
from govshare_desktop.requests.request_form import RequestFormDialog
from tests.desktop.conftest import LiveServer
from tests.desktop.requests.test_requests_page import act_in_dialog, inbox, open_requests
from tests.desktop.requests_support import publish_entry

WAIT = 8000
CITATION = "《社会救助暂行办法》第五十六条：民政部门可以查询、核对申请人的相关信息"


def _fill(form: RequestFormDialog) -> None:
    form.ui.businessEdit.setText("低保资格审核中的家庭状况核验")
    form.ui.usersEdit.setText("社会救助科审核人员")
    form.ui.reasonEdit.setPlainText("依《社会救助暂行办法》核对申请人家庭状况，属本局法定职责")


def test_not_shared_entry_requested_on_its_citation_through_the_ui(
    live_server: LiveServer, make_context, qtbot
) -> None:  # type: ignore[no-untyped-def]
    entry = publish_entry(
        live_server,
        "A",
        name="重点人员管控信息",
        share_type="not_shared",
        legal_basis="《中华人民共和国人民警察法》",
    )
    applicant = make_context("B", Role.APPLICANT)
    catalog = ShareCatalogPage(context=applicant)
    qtbot.addWidget(catalog)
    with qtbot.wait_signal(catalog.request_dialog_opened, timeout=WAIT) as opened:
        catalog.open_request_form(applicant.client.entry(entry["id"]))
    form: RequestFormDialog = opened.args[0]
    ui = form.ui
    assert ui.citationGroup.isVisibleTo(form)
    assert ui.citationGroup.title() == "法定共享依据（必填）"
    hint = ui.citationHintLabel.text()
    assert "第五条" in hint and "第二十五条" in hint and "信息化主管部门" in hint

    _fill(form)
    qtbot.mouseClick(ui.submitButton, Qt.MouseButton.LeftButton)  # no citation: refused inline
    assert form.error_text("statutory_citation") == (
        "申请不予共享的资源必须提供法律规定的共享依据（第五条）"
    )
    assert ui.citationError.isVisibleTo(form) and form.outcome is None
    shots = Path("/tmp/i12/shots")
    if shots.is_dir():  # a look at the form as the applicant sees it
        form.show()
        ui.citationEdit.setFocus()
        form.grab().save(str(shots / "statutory-request-form.png"))

    ui.citationEdit.setPlainText(CITATION)
    with qtbot.wait_signal(form.submitted, timeout=WAIT) as sent:
        qtbot.mouseClick(ui.submitButton, Qt.MouseButton.LeftButton)
    detail: dict[str, Any] = sent.args[0]
    assert detail["status"] == "provider_approved"  # straight to the platform
    assert detail["statutory_citation"] == CITATION
    request_id = int(detail["id"])

    # the provider sees it, with the citation, and has nothing to decide
    provider = inbox(make_context, qtbot, "A", Role.RESOURCE_ADMIN, "本部门资源的全部申请")
    open_requests(qtbot, provider, request_id)
    text = provider.ui.detailBrowser.toPlainText()
    assert "法定共享依据" in text and CITATION in text
    assert not provider.ui.decideButton.isVisibleTo(provider)

    # the platform admin sees the citation in the decision dialog and approves
    platform = inbox(make_context, qtbot, "P", Role.PLATFORM_ADMIN, "待平台审核")
    open_requests(qtbot, platform, request_id)
    assert CITATION in platform.ui.detailBrowser.toPlainText()

    def approve(dialog: DecisionDialog) -> None:
        assert CITATION in dialog.ui.summaryLabel.text()
        dialog.choose(approve=True, comment="所引条款明确授权，同意")

    answer = act_in_dialog(qtbot, platform, platform.ui.decideButton, approve)
    assert answer["status"] == "active"


def test_citation_field_only_for_not_shared_entries(
    live_server: LiveServer, make_context, qtbot
) -> None:  # type: ignore[no-untyped-def]
    entry = publish_entry(live_server, "A", share_type="unconditional")
    applicant = make_context("B", Role.APPLICANT)
    form = RequestFormDialog(context=applicant, entry=applicant.client.entry(entry["id"]))
    qtbot.addWidget(form)
    assert not form.ui.citationGroup.isVisibleTo(form)
    _, errors = form.presenter.validate(form.values(), today=date.today())
    assert "statutory_citation" not in {e.field for e in errors}
