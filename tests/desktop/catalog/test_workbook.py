"""我的目录's 导入/导出 against the live platform: export → import is "no change"; the preview
dialog shows refused rows with sheet, row, column and message and cannot be confirmed; confirm
applies through the sync engine (also when queued offline, once)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from govshare_core.catalog_import import ImportAction
from govshare_core.catalog_layout import ENTRIES_SHEET, ITEMS_SHEET
from govshare_core.vocab import Role
from govshare_desktop.catalog import workbook_io
from govshare_desktop.catalog.mine import MyEntriesPage
from tests.desktop.catalog.support import registered_entries


def _page(qtbot: Any, make_context: Any) -> MyEntriesPage:
    registrar = make_context("A", Role.REGISTRAR)
    registered_entries(registrar, ["工作簿导出甲", "工作簿导出乙"])
    page = MyEntriesPage(context=registrar)
    qtbot.addWidget(page)
    page.show()
    return page


def _export(qtbot: Any, page: MyEntriesPage, path: Path) -> None:
    with qtbot.wait_signal(page.workbook.finished, timeout=20000):
        page.workbook.export_to(path)
    assert "已导出" in page.ui.outcomeLabel.text()


def _preview(qtbot: Any, page: MyEntriesPage, path: Path) -> Any:
    with qtbot.wait_signal(page.workbook.finished, timeout=20000) as signal:
        page.workbook.import_from(path)
    assert signal.args == ["preview"], page.ui.outcomeLabel.text()
    dialog = page.workbook.dialog
    assert dialog is not None
    qtbot.addWidget(dialog)
    return dialog


def test_export_round_trip_is_no_change(qtbot, make_context, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, make_context)
    path = tmp_path / "catalog.xlsx"
    _export(qtbot, page, path)
    preview = workbook_io.preview_workbook(page.context.client, path)
    assert {line.action for line in preview.lines} == {ImportAction.UNCHANGED}
    assert len(preview.lines) >= 2 and not preview.can_apply


def test_preview_shows_refused_rows_and_cannot_confirm(qtbot, make_context, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, make_context)
    path = tmp_path / "edited.xlsx"
    _export(qtbot, page, path)
    book = load_workbook(path)
    book[ENTRIES_SHEET]["N2"] = "随便共享"  # 共享类型
    book[ENTRIES_SHEET]["K3"] = "导入修改后的摘要"
    book.save(path)
    dialog = _preview(qtbot, page, path)
    rows = dialog.rows_text()
    refused = [r for r in rows if r[3] == "拒绝"]
    assert refused and refused[0][:2] == [ENTRIES_SHEET, "2"]
    assert "共享类型" in refused[0][4] and "随便共享" in refused[0][4]
    assert any(r[3] == "修改" and "信息资源摘要" in r[4] for r in rows)
    assert not dialog.confirmButton.isEnabled()
    assert "拒绝 1 条" in dialog.summaryLabel.text()


def _new_rows(path: Path) -> None:
    """A new entry (序号 99) with two data items added to an exported workbook."""
    book = load_workbook(path)
    entries, items = book[ENTRIES_SHEET], book[ITEMS_SHEET]
    new = [cell.value for cell in entries[2]]
    new[0], new[1], new[2], new[4] = "99", None, None, "工作簿新增的目录"
    entries.append(new)
    items.append(["99", "统一社会信用代码", "字符型C", 18, None, "是", None])
    items.append(["99", "单位名称", "字符型C", 100, None, "否", None])
    book.save(path)


def _names(page: MyEntriesPage) -> list[str]:
    return [e["name"] for e in workbook_io.department_entries(page.context.client)]


def test_confirm_applies_through_the_sync_engine(qtbot, make_context, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, make_context)
    path = tmp_path / "new.xlsx"
    _export(qtbot, page, path)
    _new_rows(path)
    dialog = _preview(qtbot, page, path)
    assert dialog.confirmButton.isEnabled()
    with qtbot.wait_signal(dialog.applied, timeout=20000) as signal:
        dialog.confirm()
    assert len(signal.args[0]["created"]) == 1
    assert "已导入" in dialog.outcomeLabel.text()
    assert _names(page).count("工作簿新增的目录") == 1


def test_offline_confirm_is_queued_and_applied_once(qtbot, make_context, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, make_context)
    path = tmp_path / "offline.xlsx"
    _export(qtbot, page, path)
    _new_rows(path)
    dialog = _preview(qtbot, page, path)
    ctx = page.context
    ctx.set_online(False)
    dialog.confirm()
    qtbot.waitUntil(lambda: "联网后自动发送" in dialog.outcomeLabel.text(), timeout=10000)
    assert ctx.store.pending_count() == 1
    ctx.set_online(True)
    ctx.sync.sync_now()
    qtbot.waitUntil(lambda: ctx.store.pending_count() == 0, timeout=20000)
    ctx.sync.sync_now()  # a second pass sends nothing again
    qtbot.waitUntil(lambda: ctx.store.pending_count() == 0, timeout=20000)
    assert _names(page).count("工作簿新增的目录") == 1


def test_hostile_file_refused_with_a_message(qtbot, make_context, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, make_context)
    path = tmp_path / "not.xlsx"
    path.write_text("这不是工作簿", encoding="utf-8")
    with qtbot.wait_signal(page.workbook.finished, timeout=20000) as signal:
        page.workbook.import_from(path)
    assert "不是 Excel 工作簿" in signal.args[0]
    assert page.workbook.dialog is None


def test_lost_answer_is_retried_without_duplicates(  # type: ignore[no-untyped-def]
    qtbot, make_context, proxy, tmp_path: Path
) -> None:
    registrar = make_context("A", Role.REGISTRAR, url=proxy.url)
    registered_entries(registrar, ["网络中断前的目录"])
    page = MyEntriesPage(context=registrar)
    qtbot.addWidget(page)
    path = tmp_path / "drop.xlsx"
    _export(qtbot, page, path)
    _new_rows(path)
    dialog = _preview(qtbot, page, path)
    proxy.drop_after_forward(1, match="POST /api/v1/catalog/imports")  # applied, answer lost
    with qtbot.wait_signal(dialog.applied, timeout=30000) as signal:
        dialog.confirm()
    assert len(signal.args[0]["created"]) == 1
    posts = [s for s in proxy.requests("POST") if s.path.endswith("/catalog/imports")]
    assert len(posts) == 2  # the first answer was lost; the retry got the stored one
    assert _names(page).count("工作簿新增的目录") == 1
