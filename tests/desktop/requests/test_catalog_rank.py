"""The 共享目录 page ranks, sorts, counts facets, highlights matches and flags 不予共享 entries,
against a real platform (第五条, 第二十条, 第二十五条)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QStyleOptionViewItem

from govshare_core.vocab import Role
from govshare_desktop.requests.catalog_page import ShareCatalogPage
from govshare_desktop.requests.tables import FLAG_ROLE, HIGHLIGHT_ROLE, HighlightDelegate
from tests.desktop.conftest import LiveServer
from tests.desktop.requests_support import publish_entry

SHOTS = Path("/tmp/i12/shots")


def names(page: ShareCatalogPage) -> list[str]:
    return [str(r["name"]) for r in page.model.rows()]


def _seed(server: LiveServer) -> None:
    publish_entry(server, "A", name="人口抽样调查汇总信息", summary="抽样汇总")
    publish_entry(server, "B", name="流动人员登记", summary="涉及人口的流动情况")
    publish_entry(
        server,
        "B",
        name="低保对象名单",
        summary="救助对象的人口信息",
        share_type="not_shared",
        share_conditions=None,
        share_scope=None,
        legal_basis="《社会救助暂行办法》",
    )


def test_rank_sort_facets_highlight_and_flag(live_server: LiveServer, make_context, qtbot) -> None:  # type: ignore[no-untyped-def]
    _seed(live_server)
    page = ShareCatalogPage(context=make_context("B", Role.APPLICANT))
    qtbot.addWidget(page)
    page.resize(1366, 768)
    qtbot.waitUntil(lambda: len(page.model.rows()) == 3, timeout=5000)

    # 相关度 (the default): the name match first, though it is the oldest
    page.ui.searchEdit.setText("人口")
    qtbot.waitUntil(lambda: names(page)[:1] == ["人口抽样调查汇总信息"], timeout=5000)
    assert names(page) == ["人口抽样调查汇总信息", "低保对象名单", "流动人员登记"]
    # 最新: newest first; 名称: by name
    page.sortCombo.setCurrentIndex(page.sortCombo.findData("newest"))
    qtbot.waitUntil(lambda: names(page)[:1] == ["低保对象名单"], timeout=5000)
    assert names(page) == ["低保对象名单", "流动人员登记", "人口抽样调查汇总信息"]
    page.sortCombo.setCurrentIndex(page.sortCombo.findData("name"))
    qtbot.waitUntil(lambda: names(page) == sorted(names(page)) and len(names(page)) == 3)
    page.sortCombo.setCurrentIndex(page.sortCombo.findData("relevance"))
    qtbot.waitUntil(lambda: names(page)[:1] == ["人口抽样调查汇总信息"], timeout=5000)

    # facet counts in the filter choices (loaded in the background)
    type_combo, dept_combo = page.ui.typeCombo, page.ui.deptCombo
    qtbot.waitUntil(lambda: type_combo.itemText(type_combo.findData("not_shared")) != "不予共享")
    assert type_combo.itemText(type_combo.findData("not_shared")) == "不予共享 (1)"
    assert type_combo.itemText(type_combo.findData("unconditional")) == "无条件共享 (0)"
    qtbot.waitUntil(lambda: "(" in dept_combo.itemText(dept_combo.count() - 1), timeout=5000)
    texts = [dept_combo.itemText(i) for i in range(1, dept_combo.count())]
    assert any(t.endswith("(2)") for t in texts) and any(t.endswith("(1)") for t in texts)
    assert page.facet_counts is not None and page.facet_counts["exact"]

    # highlight spans exposed as a role and painted; the 不予共享 flag on its row
    model = page.model
    first = model.index(0, 0)
    assert first.data(HIGHLIGHT_ROLE) == [(0, 2)]  # 人口抽样调查汇总信息
    flagged = names(page).index("低保对象名单")
    assert model.index(flagged, 0).data(FLAG_ROLE) == "不予共享"
    assert model.index(0, 0).data(FLAG_ROLE) is None
    assert "法律、法规" in str(model.index(flagged, 3).data(3))  # ToolTipRole of 共享类型
    assert isinstance(page.ui.tableView.itemDelegateForColumn(0), HighlightDelegate)
    assert _painted(page, 0, QColor(HighlightDelegate.MATCH_BACKGROUND))
    assert _painted(page, flagged, QColor(HighlightDelegate.BADGE_BACKGROUND))

    SHOTS.mkdir(parents=True, exist_ok=True)
    page.grab().save(str(SHOTS / "search-share-catalog.png"))


def _painted(page: ShareCatalogPage, row: int, colour: QColor) -> bool:
    """Whether the delegate paints `colour` in the name cell of `row`."""
    image = QImage(QSize(420, 28), QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    option = QStyleOptionViewItem()
    option.rect = image.rect()
    option.widget = page.ui.tableView
    option.font = page.ui.tableView.font()
    option.fontMetrics = page.ui.tableView.fontMetrics()
    option.palette = page.ui.tableView.palette()
    page.highlighter.paint(painter, option, page.model.index(row, 0))
    painter.end()
    wanted = colour.rgb()
    return any(
        image.pixel(x, y) == wanted for x in range(image.width()) for y in range(image.height())
    )
