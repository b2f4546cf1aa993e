"""资源目录 for the overseers and the printed 目录登记表 / 申请表, against a real platform: the
supervisor lists every department's entries (filters by department and status), reads one
read-only, prints it (preview) and exports it as PDF (WenQuanYi embedded, the Chinese text
found by pdftotext); a share request's 申请表 likewise from the requests page."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QSize

from govshare_core.vocab import Role
from govshare_desktop.catalog.entry_form import EntryForm
from govshare_desktop.catalog.pages import page_specs
from govshare_desktop.catalog.resource_catalog_page import ResourceCatalogPage
from govshare_desktop.common.pdf_preview import PdfPreview
from govshare_desktop.requests.requests_page import RequestsPage
from tests.desktop.conftest import LiveServer
from tests.desktop.requests_support import api, publish_entry, submitted_request
from tests.platform.catalog_helpers import entry_payload

WAIT = 8000
SHOTS = Path("/tmp/i12/shots")
needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdffonts") is None,
    reason="poppler-utils (pdftotext, pdffonts) not installed",
)


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def assert_font_embedded(path: Path) -> None:
    fonts = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert fonts and all("WenQuanYiMicroHei" in line for line in fonts), fonts
    assert all(line.split()[-5] == "yes" for line in fonts), fonts  # emb


def render(path: Path, name: str) -> None:
    """The PDF's pages at 60 dpi, for a look (skipped where /tmp/i12 is not ours)."""
    if shutil.which("pdftoppm") and SHOTS.is_dir():
        subprocess.run(["pdftoppm", "-png", "-r", "60", str(path), str(SHOTS / name)], check=True)


def test_only_overseers_have_the_page() -> None:
    [spec] = [s for s in page_specs() if s.key == "catalog.resources"]
    assert spec.title == "资源目录"
    assert spec.visible_for({"supervisor"}) and spec.visible_for({"platform_admin"})
    for role in ("registrar", "catalog_reviewer", "applicant", "resource_admin", "audit_admin"):
        assert not spec.visible_for({role})


@needs_poppler
def test_supervisor_browses_every_department_and_prints_an_entry(
    live_server: LiveServer, make_context, qtbot, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    published = publish_entry(live_server, "A", name="常住人口基本信息")
    registrar = api(live_server, "B", Role.REGISTRAR)
    pending = registrar.create_entry(entry_payload(name="婚姻登记信息"), key=None)  # type: ignore[arg-type]
    registrar.entry_action(pending["id"], "submit")

    ctx = make_context("P", Role.SUPERVISOR)
    page = ResourceCatalogPage(context=ctx)
    qtbot.addWidget(page)
    page.resize(QSize(1366, 720))
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() >= 2, timeout=WAIT)
    names = {r["name"]: r for r in page.model.rows()}
    assert {"常住人口基本信息", "婚姻登记信息"} <= set(names)
    assert names["婚姻登记信息"]["status"] == "submitted"

    qtbot.waitUntil(lambda: page.deptCombo.count() > 2, timeout=WAIT)
    page.select_department(int(pending["department_id"]))
    qtbot.waitUntil(
        lambda: [r["name"] for r in page.model.rows()] == ["婚姻登记信息"], timeout=WAIT
    )
    page.deptCombo.setCurrentIndex(0)
    page.statusCombo.setCurrentIndex(page.statusCombo.findData("published"))
    qtbot.waitUntil(
        lambda: [r["name"] for r in page.model.rows()] == ["常住人口基本信息"], timeout=WAIT
    )

    with qtbot.wait_signal(page.loaded, timeout=WAIT, check_params_cb=lambda r: "data_items" in r):
        page.table.selectRow(0)
    detail = page.detailView.toPlainText()
    assert "常住人口基本信息" in detail and "信息项" in detail and "状态记录" in detail
    assert page.action_buttons == {}  # read-only
    assert page.printing.printButton.isVisibleTo(page)
    assert page.printing.pdfButton.isVisibleTo(page)
    if SHOTS.is_dir():
        page.grab().save(str(SHOTS / "statutory-resource-catalog.png"))

    out = tmp_path / "登记表.pdf"
    with qtbot.wait_signal(page.printing.saved, timeout=WAIT):
        page.printing.export_to(out)
    text = pdf_text(out)
    assert "政务信息资源目录登记表" in text and "常住人口基本信息" in text
    assert published["resource_code"] in text and "状态记录" in text and "发布（第十六条）" in text
    assert_font_embedded(out)
    render(out, "statutory-entry-sheet")

    with qtbot.wait_signal(page.printing.preview_opened, timeout=WAIT) as opened:
        page.printing.printButton.click()
    preview: PdfPreview = opened.args[0]
    qtbot.waitUntil(lambda: preview.page_count() >= 1 and bool(preview.pdf), timeout=WAIT)
    assert preview.ui.printButton.isEnabled() and preview.ui.saveButton.isEnabled()
    assert preview.suggested_name().startswith("目录登记表-")
    preview.close()


@needs_poppler
def test_request_sheet_from_the_requests_page(
    live_server: LiveServer, make_context, qtbot, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    entry = publish_entry(
        live_server, "A", name="重点人员管控信息", share_type="not_shared", legal_basis="《某法》"
    )
    citation = "《社会救助暂行办法》第五十六条"
    request = submitted_request(live_server, entry, statutory_citation=citation)
    platform = api(live_server, "P", Role.PLATFORM_ADMIN)
    platform.request_action(
        request["id"], "platform-decision", {"approve": True, "comment": "同意"}
    )

    page = RequestsPage.mine(context=make_context("B", Role.APPLICANT))
    qtbot.addWidget(page)
    assert not page.printing.printButton.isVisibleTo(page)  # nothing selected yet
    qtbot.waitUntil(lambda: page.row_index(int(request["id"])) >= 0, timeout=WAIT)
    with qtbot.wait_signal(page.detail_loaded, timeout=WAIT):
        page.select_request(int(request["id"]))
    out = tmp_path / "申请表.pdf"
    with qtbot.wait_signal(page.printing.saved, timeout=WAIT):
        page.printing.export_to(out)
    text = pdf_text(out)
    for words in ("政务信息资源共享申请表", "重点人员管控信息", citation, "审核与决定"):
        assert words in text, words
    assert "平台同意（法定共享）" in text and "同意" in text
    assert_font_embedded(out)
    render(out, "statutory-request-sheet")


@needs_poppler
def test_entry_form_prints_the_entry_it_shows(
    live_server: LiveServer, make_context, qtbot, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    new = EntryForm(context=make_context("A", Role.REGISTRAR))
    qtbot.addWidget(new)
    assert not new.printing.printButton.isVisibleTo(new)  # not on the platform yet

    published = publish_entry(live_server, "A", name="企业登记基本信息")
    form = EntryForm(context=make_context("A", Role.REGISTRAR), entry_id=published["id"])
    qtbot.addWidget(form)
    qtbot.waitUntil(lambda: form.entry is not None, timeout=WAIT)
    assert form.printing.printButton.isVisibleTo(form)
    assert form.printing.pdfButton.isVisibleTo(form)
    out = tmp_path / "form.pdf"
    with qtbot.wait_signal(form.printing.saved, timeout=WAIT):
        form.printing.export_to(out.with_suffix(""))  # the .pdf is added
    text = pdf_text(out)
    assert "企业登记基本信息" in text and published["resource_code"] in text
    assert_font_embedded(out)
