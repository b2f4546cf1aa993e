"""Translations: every UI string has a finished English translation, and English shows; one
Chinese term for 共享方式 throughout."""

from __future__ import annotations

import re
import shutil
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QLabel, QWidget

from govshare_core.vocab import Role
from govshare_desktop import i18n
from govshare_desktop.credentials import TokenVault
from govshare_desktop.login.dialog import LoginDialog
from govshare_desktop.login.presenter import LoginPresenter
from govshare_desktop.shell.main_window import MainWindow
from tests.desktop.shell_support import MemoryKeyring, isolated_profiles

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import build_translations  # noqa: E402


def unfinished(ts: Path) -> list[str]:
    found = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            tr = message.find("translation")
            assert tr is not None
            forms = [f.text for f in tr.iter("numerusform")] or [tr.text]
            if tr.get("type") or not all(f and f.strip() for f in forms):
                found.append(f"{name}: {source}")
    return found


def test_every_source_string_has_a_finished_english_translation(tmp_path: Path) -> None:
    """Rescan the sources now (as lupdate would) into a copy of the .ts: nothing unfinished."""
    fresh = tmp_path / "govshare_en.ts"
    shutil.copy(build_translations.ts_path("en"), fresh)
    build_translations.update("en", fresh)
    assert unfinished(fresh) == []
    assert unfinished(build_translations.ts_path("en")) == []


@pytest.fixture
def english(qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    build_translations.release("en", tmp_path / "govshare_en.qm")
    monkeypatch.setattr(i18n, "translations_dir", lambda: tmp_path)
    assert i18n.install(qapp, "en") == "en"
    yield
    i18n.install(qapp, "zh_CN")


def test_login_dialog_in_english(english, qtbot, tmp_path: Path, monkeypatch) -> None:
    profiles = isolated_profiles(tmp_path, monkeypatch, "http://127.0.0.1:9")
    dialog = LoginDialog(
        presenter=LoginPresenter(profiles=profiles, vault=TokenVault(MemoryKeyring()))
    )
    qtbot.addWidget(dialog)
    assert i18n.language() == "en"
    assert dialog.windowTitle() == "Sign in to GovShare"
    assert dialog.ui.usernameLabel.text() == "&User name:"
    assert dialog.ui.rememberCheck.text().startswith("Keep me signed in")
    assert dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok).text() == "Sign in"
    dialog.set_demo_accounts(
        [{"username": "u", "password": "p", "full_name": "张三", "department": "某局",
          "roles": ["registrar"]}]
    )  # fmt: skip
    assert dialog.ui.demoTree.topLevelItem(0).text(3) == Role.REGISTRAR.label_en


def test_main_window_in_english(english, qtbot, make_context, tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat)
    window = MainWindow(context=make_context("A", Role.REGISTRAR), settings=settings)
    qtbot.addWidget(window)
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["&File", "&Edit", "&View", "&Help"]
    top = window.nav.topLevelItem(0)
    assert (top.text(0), top.child(0).text(0)) == ("Workbench", "To-do")
    assert window.status.online_label.text() == "● Online"
    home = window.pages["home"]
    assert home.model.headerData(0, Qt.Orientation.Horizontal) == "Type"


def test_module_level_tr_helpers_translate(english) -> None:
    """lupdate files a plain `tr("…")` function's strings under the empty context, whatever
    context the helper names: they used to stay Chinese in the English UI (the form dialogs'
    summary line, the PDF preview's page count, the audit trail's action names)."""
    from govshare_desktop.audit import labels
    from govshare_desktop.common import form_dialog, pdf_preview

    assert form_dialog.tr("请按提示修改标红的项目。") == "Please correct the fields marked in red."
    assert pdf_preview.tr("共 %1 页。") == "%1 pages."
    assert labels.tr("登录") != "登录"
    assert i18n.module_tr("NoSuchContext", "确定") == "OK"


def test_strings_without_a_translation_stay_as_they_are(english) -> None:
    from PySide6.QtCore import QCoreApplication

    text = "Cannot load library %1: %2"  # Qt's own, not in govshare_en.ts
    assert QCoreApplication.translate("QLibrary", text) == text
    assert i18n.label(Role.AUDIT_ADMIN) == Role.AUDIT_ADMIN.label_en


CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def headers(model) -> list[str]:  # type: ignore[no-untyped-def]
    horizontal = Qt.Orientation.Horizontal
    return [str(model.headerData(c, horizontal)) for c in range(model.columnCount())]


def form_labels(widget: QWidget) -> list[str]:
    """The texts of every QFormLayout's label column in `widget`."""
    texts = []
    for form in widget.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            if item is not None and isinstance(item.widget(), QLabel):
                texts.append(item.widget().text())
    return texts


def test_share_pages_and_entry_form_in_english(english, qtbot, make_context) -> None:  # type: ignore[no-untyped-def]
    from govshare_desktop.catalog.entry_form import EntryForm
    from govshare_desktop.requests.catalog_page import ShareCatalogPage
    from govshare_desktop.requests.requests_page import RequestsPage

    applicant = make_context("B", Role.APPLICANT)
    catalog = ShareCatalogPage(context=applicant)
    qtbot.addWidget(catalog)
    columns = headers(catalog.model)
    assert columns[0] == "Resource name" and not [h for h in columns if CJK.search(h)]

    mine = RequestsPage.mine(context=applicant)
    qtbot.addWidget(mine)
    columns = headers(mine.model)
    assert columns[:2] == ["No.", "Information resource"]
    assert not [h for h in columns + headers(mine.events_model) if CJK.search(h)]
    assert mine.ui.filterCombo.itemText(0) == "All requests"

    form = EntryForm(context=make_context("A", Role.REGISTRAR))
    qtbot.addWidget(form)
    labels = form_labels(form)
    assert len(labels) >= 13  # the 13 core elements and more
    assert not [t for t in labels if CJK.search(t)], labels


def test_one_term_for_share_mode_in_the_desktop() -> None:
    desktop = ROOT / "govshare_desktop"
    sources = [*desktop.rglob("*.py"), *desktop.rglob("*.ui")]
    offenders = [str(p) for p in sources if "共享模式" in p.read_text(encoding="utf-8")]
    assert offenders == []
