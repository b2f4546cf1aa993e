"""The entry form's two exchange fields: 关键信息项 (a check box column of the data-item editor,
at most one; govshare_core DataItem.key) and 接口地址 (shown for 接口服务 only; CatalogEntryBase.
interface_endpoint). Both round-trip to the platform and through the local draft."""

from __future__ import annotations

from PySide6.QtCore import Qt

from govshare_core.vocab import Role, ShareMode
from govshare_desktop.catalog.items_table import ERROR_BG, KEY_COLUMN
from tests.desktop.catalog.support import fill_valid, open_form

WAIT = 10000
ENDPOINT = "https://api.nantong.gov.cn/population/v1"


def _mode(form, mode: ShareMode) -> None:  # type: ignore[no-untyped-def]
    form.ui.shareModeCombo.setCurrentIndex(form.ui.shareModeCombo.findData(mode.value))


def test_key_item_and_endpoint_round_trip_to_the_platform(make_context, qtbot) -> None:  # type: ignore[no-untyped-def]
    ctx = make_context("A", Role.REGISTRAR)
    form = open_form(qtbot, ctx)
    fill_valid(form)
    header = form.ui.itemsTable.horizontalHeaderItem(KEY_COLUMN).text()
    assert header == "关键信息项"
    form.item_editor.set_key(0)
    form.item_editor.set_key(1)  # at most one: ticking another clears the first
    assert [i["key"] for i in form.items()] == [False, True]

    _mode(form, ShareMode.EXCHANGE)
    assert not form.ui.interfaceEndpointEdit.isVisible()
    _mode(form, ShareMode.INTERFACE)
    assert form.ui.interfaceEndpointEdit.isVisible()  # 接口服务 (第十九条)
    form.ui.interfaceEndpointEdit.setText("not a url")
    form.show_all_errors()
    assert form.ui.interfaceEndpointError.text()  # the core's rule, under its field
    form.ui.interfaceEndpointEdit.setText(ENDPOINT)
    with qtbot.wait_signal(form.saved, timeout=WAIT):
        form.save()
    stored = ctx.client.entry(form.entry["id"])
    assert stored["interface_endpoint"] == ENDPOINT
    assert [i.get("key") for i in stored["data_items"]] == [False, True]

    again = open_form(qtbot, ctx, entry_id=stored["id"])
    qtbot.waitUntil(lambda: again.entry is not None and not again.busy, timeout=WAIT)
    assert again.ui.interfaceEndpointEdit.text() == ENDPOINT
    cell = again.ui.itemsTable.item(1, KEY_COLUMN)
    assert cell.checkState() == Qt.CheckState.Checked

    # another mode drops the endpoint from the body, the draft keeps it for switching back
    _mode(again, ShareMode.EXCHANGE)
    assert again.collect()["interface_endpoint"] is None
    _mode(again, ShareMode.INTERFACE)
    assert again.collect()["interface_endpoint"] == ENDPOINT


def test_key_item_and_endpoint_survive_in_the_local_draft(make_context, qtbot) -> None:  # type: ignore[no-untyped-def]
    ctx = make_context("A", Role.REGISTRAR)
    ctx.client.base_url = "http://127.0.0.1:9"  # offline: the draft is all there is
    form = open_form(qtbot, ctx)
    fill_valid(form, "离线草稿的接口资源")
    form.item_editor.set_key(1)
    _mode(form, ShareMode.INTERFACE)
    form.ui.interfaceEndpointEdit.setText(ENDPOINT)
    form.flush()
    draft = ctx.store.load_draft("entry", form._draft_key)
    assert draft is not None and draft.data["interface_endpoint"] == ENDPOINT
    assert [i["key"] for i in draft.data["data_items"]] == [False, True]

    reopened = open_form(qtbot, ctx, draft_key=form._draft_key)
    assert reopened.ui.interfaceEndpointEdit.text() == ENDPOINT
    assert [i["key"] for i in reopened.items()] == [False, True]


def test_read_only_form_cannot_tick_the_key(make_context, qtbot) -> None:  # type: ignore[no-untyped-def]
    form = open_form(qtbot, make_context("A", Role.REGISTRAR))
    fill_valid(form)
    form.item_editor.set_read_only(True)
    flags = form.ui.itemsTable.item(0, KEY_COLUMN).flags()
    assert not flags & Qt.ItemFlag.ItemIsUserCheckable


def test_a_second_key_item_is_marked_like_other_item_errors(make_context, qtbot) -> None:  # type: ignore[no-untyped-def]
    form = open_form(qtbot, make_context("A", Role.REGISTRAR))
    fill_valid(form)
    items = [dict(i, key=True) for i in form.items()]  # e.g. from an older draft
    form.item_editor.set_items(items)
    form.show_all_errors()
    cell = form.ui.itemsTable.item(1, 0)
    assert cell.background().color() == ERROR_BG  # govshare_core: second_key_item
    assert "公民身份号码" in cell.toolTip()
    form.item_editor.set_key(0, False)
    form.show_all_errors()
    qtbot.waitUntil(lambda: form.ui.itemsTable.item(1, 0).toolTip() == "", timeout=3000)
