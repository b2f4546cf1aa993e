"""The 共享目录 browser against a real platform: search, facets, detail, offline cache."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeyEvent

from govshare_core.vocab import Role
from govshare_desktop.requests.catalog_page import ShareCatalogPage
from tests.desktop.conftest import LiveServer
from tests.desktop.requests_support import publish_entry


def type_text(widget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type (Chinese) text key by key, as an input method delivers it."""
    for ch in text:
        event = QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, ch)
        QCoreApplication.sendEvent(widget, event)


def names(page: ShareCatalogPage) -> list[str]:
    return [str(r["name"]) for r in page.model.rows()]


def test_search_finds_an_entry_published_through_the_api(
    live_server: LiveServer, make_context, qtbot, qtmodeltester
) -> None:  # type: ignore[no-untyped-def]
    publish_entry(live_server, "A", name="常住人口基本信息")
    marriage = "结婚、离婚登记的当事人、登记机关和日期。"
    publish_entry(
        live_server, "B", name="婚姻登记信息", summary=marriage, share_type="unconditional"
    )
    publish_entry(
        live_server,
        "B",
        name="低保对象名单",
        summary="最低生活保障对象名单。",
        share_type="not_shared",
        legal_basis="《社会救助暂行办法》",
    )
    ctx = make_context("B", Role.APPLICANT)
    page = ShareCatalogPage(context=ctx)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: len(page.model.rows()) == 3, timeout=5000)
    # 不予共享 is listed too, flagged (第五条, 第二十五条: requests on a legal basis only)
    assert set(names(page)) == {"常住人口基本信息", "婚姻登记信息", "低保对象名单"}
    qtmodeltester.check(page.model)

    type_text(page.ui.searchEdit, "人口")
    assert page.ui.searchEdit.text() == "人口"
    qtbot.waitUntil(lambda: names(page) == ["常住人口基本信息"], timeout=5000)

    # facet: unconditional only, no text
    page.ui.searchEdit.clear()
    page.ui.typeCombo.setCurrentIndex(page.ui.typeCombo.findData("unconditional"))
    qtbot.waitUntil(lambda: names(page) == ["婚姻登记信息"], timeout=5000)
    assert "共 1 条" in page.ui.countLabel.text()


def test_detail_shows_metadata_items_and_provider(
    live_server: LiveServer, make_context, qtbot, qtmodeltester
) -> None:  # type: ignore[no-untyped-def]
    items = [
        {"name": "姓名", "data_type": "C", "length": 50},
        {"name": "指纹", "data_type": "G", "share_type": "not_shared"},
    ]
    publish_entry(live_server, "A", data_items=items)
    ctx = make_context("B", Role.APPLICANT)
    page = ShareCatalogPage(context=ctx)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: len(page.model.rows()) == 1, timeout=5000)
    with qtbot.wait_signal(page.entry_loaded, timeout=5000):
        page.select_row(0)
    ui = page.ui
    assert ui.providerValue.text() == "南通市公安局"
    assert ui.shareTypeValue.text() == "有条件共享"
    assert ui.conditionsValue.text() == "仅限履行法定职责所需，按最小必要原则使用"
    assert ui.codeValue.text().startswith("101001/")
    assert page.items_model.rowCount() == 2
    qtmodeltester.check(page.items_model)
    shown = [page.items_model.index(r, 3).data() for r in range(2)]
    assert shown == ["有条件共享", "不予共享"]
    assert ui.applyButton.isVisible() is False or ui.applyButton.isEnabled()

    dialog = page.open_request_form(page.entry or {})
    qtbot.addWidget(dialog)
    fingerprints = dialog.ui.itemsList.item(1)
    assert not fingerprints.flags() & Qt.ItemFlag.ItemIsEnabled  # 不予共享 item disabled
    assert dialog.values().data_items == ["姓名"]


def test_offline_browsing_uses_the_cached_first_page(
    live_server: LiveServer, make_context, qtbot
) -> None:  # type: ignore[no-untyped-def]
    publish_entry(live_server, "A", name="常住人口基本信息")
    ctx = make_context("B", Role.APPLICANT)
    page = ShareCatalogPage(context=ctx)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: len(page.model.rows()) == 1, timeout=5000)
    qtbot.waitUntil(lambda: ctx.store.cache_get("share_catalog") is not None, timeout=5000)

    live_server.stop()  # the platform goes away
    ctx.client.base_url = "http://127.0.0.1:9"
    page.ui.searchEdit.setText("人口")
    qtbot.waitUntil(lambda: page.offline_as_of is not None, timeout=10000)
    assert names(page) == ["常住人口基本信息"]
    assert "截至" in page.ui.asOfLabel.text()
    assert ctx.online is False


def test_a_search_past_the_platforms_count_says_more_than(
    live_server: LiveServer, make_context, qtbot, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """More matches than the platform counts: the label says 超过 (a bound), not 共 (a total
    that would also stop the list there), and scrolling loads past the bound."""
    from govshare_desktop.requests import catalog_page
    from govshare_platform.catalog import search

    for n in range(3):
        publish_entry(live_server, "A", name=f"殡葬服务机构名录{n}")
    # the live server runs in this process; both caps, so that the order the user last chose
    # (kept in the settings: relevance counts to TEXT_CAP, a sort to COUNT_CAP) does not matter
    monkeypatch.setattr(search, "TEXT_CAP", 1)
    monkeypatch.setattr(search, "COUNT_CAP", 1)
    monkeypatch.setattr(catalog_page, "PAGE_SIZE", 2)
    page = ShareCatalogPage(context=make_context("B", Role.APPLICANT))
    qtbot.addWidget(page)
    # the unfiltered list's first page is these same two newest entries: wait for the search
    with qtbot.wait_signal(page.debouncer.fired, timeout=5000):
        page.ui.searchEdit.setText("殡葬")
    qtbot.waitUntil(lambda: len(page.model.rows()) == 2 and not page.model.is_loading, timeout=5000)
    assert page.ui.countLabel.text() == "超过 1 条资源，已显示 2 条"
    page.model.fetchMore(page.model.index(0, 0).parent())
    qtbot.waitUntil(lambda: len(page.model.rows()) == 3, timeout=5000)
    assert page.ui.countLabel.text() == "共 3 条资源，已显示 3 条"
