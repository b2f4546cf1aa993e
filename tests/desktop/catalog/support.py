"""Helpers of the catalog's widget tests (no tests here): an entry form on screen, filled in;
entries brought through the workflow over the real API."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from govshare_core.vocab import Role
from govshare_desktop.api.client import new_idempotency_key
from govshare_desktop.catalog.entry_form import EntryForm
from govshare_desktop.context import AppContext
from tests.desktop.catalog_support import entry_body

MakeContext = Callable[..., AppContext]


def open_form(qtbot: Any, context: AppContext, **options: Any) -> EntryForm:
    """An entry form on screen (`options`: entry_id, draft_key)."""
    form = EntryForm(context=context, **options)
    qtbot.addWidget(form)
    form.show()
    return form


def fill_valid(form: EntryForm, name: str = "户籍人口基本信息") -> None:
    """Fill the form in as a registrar would, validly."""
    ui = form.ui
    ui.classItemEdit.setText("01")
    ui.classCatalogEdit.setText("001")
    ui.nameEdit.setText(name)
    ui.summaryEdit.setPlainText("全市户籍人口的基本信息")
    ui.formatTypeCombo.setCurrentIndex(ui.formatTypeCombo.findText("mysql"))
    form.add_item("姓名")
    form.add_item("公民身份号码")


def registered_entries(registrar: AppContext, names: Iterable[str]) -> list[dict[str, Any]]:
    """Draft entries of the registrar's department, registered in the order of `names`."""
    client = registrar.client
    return [client.create_entry(entry_body(name), key=new_idempotency_key()) for name in names]


def submitted_entries(registrar: AppContext, names: Iterable[str]) -> list[dict[str, Any]]:
    """Entries of the registrar's department, registered and submitted for review (第十五条)."""
    client = registrar.client
    return [client.entry_action(e["id"], "submit") for e in registered_entries(registrar, names)]


def published_entry(make_context: MakeContext, name: str) -> tuple[AppContext, dict[str, Any]]:
    """An entry of department A through the whole workflow: submitted, approved by the
    department (第十五条), published by the platform (第十六条). Its registrar and the entry."""
    registrar = make_context("A", Role.REGISTRAR)
    [entry] = submitted_entries(registrar, [name])
    make_context("A", Role.CATALOG_REVIEWER).client.entry_action(entry["id"], "dept-approve")
    published = make_context("P", Role.PLATFORM_ADMIN).client.entry_action(entry["id"], "publish")
    return registrar, published
