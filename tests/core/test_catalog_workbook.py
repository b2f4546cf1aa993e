"""The catalog workbook (govshare_core.catalog_workbook, catalog_import, spreadsheet): layout,
round trip, row checks placed at sheet/row/column, the plan of each row, hostile files."""

from __future__ import annotations

import copy
import io
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from govshare_core.catalog_import import (
    Existing,
    ImportAction,
    ImportRowIn,
    duplicate_problems,
    entry_json,
    plan_row,
)
from govshare_core.catalog_layout import CODES_SHEET, ENTRIES_SHEET, ITEMS_SHEET
from govshare_core.catalog_workbook import read_workbook, write_workbook
from govshare_core.schemas import CatalogEntryIn
from govshare_core.spreadsheet import WorkbookRefused, check_xlsx, safe_cell, unneutralised
from govshare_core.vocab import EntryStatus

TODAY = date(2026, 12, 1)
ENTRY: dict[str, Any] = {
    "resource_class": "1",
    "class_item": "01",
    "class_catalog": "001",
    "class_detail": None,
    "name": "常住人口基本信息",
    "summary": "本市常住人口的基本信息，用于跨部门身份核验。",
    "format_class": "database",
    "format_type": "达梦Dm",
    "data_items": [
        {"name": "姓名", "data_type": "C", "length": 50, "key": False},
        {"name": "公民身份号码", "data_type": "C", "length": 18, "key": True},
    ],
    "share_type": "conditional",
    "share_conditions": "仅限履行法定职责所需",
    "share_scope": "市级政务部门",
    "legal_basis": None,
    "share_mode": "interface",
    "open_to_public": False,
    "open_conditions": None,
    "update_cycle": "daily",
    "related_codes": ["101001/000002"],
    "interface_endpoint": None,
}


def out(entry_id: int, status: str = "draft", **changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(ENTRY)
    data.update(changes)
    code = "101001/000001" if status == "published" else None
    return dict(data, id=entry_id, status=status, department_name="市公安局", resource_code=code)


def row(**changes: Any) -> ImportRowIn:
    data = copy.deepcopy(ENTRY)
    data.update(changes)
    return ImportRowIn(row=2, key="1", entry=CatalogEntryIn.model_validate(data), item_rows=[2, 3])


def existing(status: EntryStatus, **changes: Any) -> Existing:
    return Existing(7, status, 3, entry_json(row(**changes).entry))


def test_round_trip_and_layout(tmp_path: Path) -> None:
    path = tmp_path / "catalog.xlsx"
    write_workbook(path, [out(5, "published"), out(6, name="法人基本信息")])
    book = load_workbook(path)
    assert book.sheetnames == [ENTRIES_SHEET, ITEMS_SHEET, CODES_SHEET]
    assert book[CODES_SHEET].sheet_state == "hidden" and book[CODES_SHEET].protection.sheet
    lists = [dv.formula1 for dv in book[ENTRIES_SHEET].data_validations.dataValidation]
    assert any(f and f.startswith(f"'{CODES_SHEET}'!") for f in lists)
    parsed = read_workbook(path)
    assert parsed.ok and [r.entry_id for r in parsed.rows] == [5, 6]
    first = parsed.rows[0]
    assert first.resource_code == "101001/000001" and first.item_rows == [2, 3]
    assert entry_json(first.entry) == entry_json(CatalogEntryIn.model_validate(ENTRY))
    assert plan_row(first, existing(EntryStatus.PUBLISHED), today=TODAY).action == "unchanged"


def test_empty_template_has_drop_downs(tmp_path: Path) -> None:
    path = tmp_path / "template.xlsx"
    write_workbook(path, [])
    book = load_workbook(path)
    assert book[ENTRIES_SHEET]["A1"].value == "序号"
    assert len(book[ITEMS_SHEET].data_validations.dataValidation) == 3  # 数据类型, 共享类型, 关键
    assert read_workbook(path).rows == []


def test_formula_injection_neutralised_and_read_back(tmp_path: Path) -> None:
    assert safe_cell("=cmd|' /C calc'!A0") == "'=cmd|' /C calc'!A0"
    assert safe_cell("-5") == "-5" and unneutralised("'@SUM(A1)") == "@SUM(A1)"
    path = tmp_path / "evil.xlsx"
    write_workbook(path, [out(5, summary='=HYPERLINK("http://x")', name="+1 名称")])
    cell = load_workbook(path)[ENTRIES_SHEET]["K2"]
    assert cell.data_type == "s" and str(cell.value).startswith("'=")
    parsed = read_workbook(path)
    assert parsed.rows[0].entry.summary == '=HYPERLINK("http://x")'
    assert parsed.rows[0].entry.name == "+1 名称"


def test_bad_cells_refused_with_sheet_row_column(tmp_path: Path) -> None:
    path = tmp_path / "bad.xlsx"
    write_workbook(path, [out(5), out(6)])
    book = load_workbook(path)
    book[ENTRIES_SHEET]["N3"] = "随便共享"  # 共享类型 of row 3
    book[ITEMS_SHEET]["D2"] = "很长"  # 数据长度 of the first item (entry row 2)
    book[ITEMS_SHEET].append(["99", "孤儿", "字符型C"])
    book.save(path)
    parsed = read_workbook(path)
    assert parsed.rows == []
    where = {(p.sheet, p.row, p.column, p.code) for r in parsed.refused for p in r.problems}
    assert (ENTRIES_SHEET, 3, "共享类型", "bad_value") in where
    assert (ITEMS_SHEET, 2, "数据长度", "bad_number") in where
    assert [(p.sheet, p.code) for p in parsed.problems] == [(ITEMS_SHEET, "orphan_item")]
    assert any("随便共享" in p.message_zh for r in parsed.refused for p in r.problems)


def test_number_typed_classification_is_zero_padded(tmp_path: Path) -> None:
    path = tmp_path / "digits.xlsx"
    write_workbook(path, [out(5)])
    book = load_workbook(path)
    book[ENTRIES_SHEET]["G2"], book[ENTRIES_SHEET]["H2"] = 1, 1  # Excel turned "01" into 1
    book.save(path)
    entry = read_workbook(path).rows[0].entry
    assert (entry.class_item, entry.class_catalog) == ("01", "001")


def test_plan_rules_and_partial_refusal() -> None:
    assert plan_row(row(), None, today=TODAY).action is ImportAction.CREATE
    broken = plan_row(row(share_conditions=None), None, today=TODAY)
    assert broken.action is ImportAction.REFUSED
    assert (broken.problems[0].sheet, broken.problems[0].column) == (ENTRIES_SHEET, "共享条件")
    dup_item = row(data_items=[{"name": "姓名", "data_type": "C"}] * 2)
    problem = plan_row(dup_item, None, today=TODAY).problems[0]
    assert (problem.sheet, problem.row, problem.column) == (ITEMS_SHEET, 3, "信息项名称")
    assert "重复" in problem.message_zh


def test_plan_diff_update_and_change_report() -> None:
    draft = plan_row(row(summary="新的摘要内容"), existing(EntryStatus.DRAFT), today=TODAY)
    assert draft.action is ImportAction.UPDATE
    assert [(c.field, c.label_zh, c.after) for c in draft.changes] == [
        ("summary", "信息资源摘要", "新的摘要内容")
    ]
    published = plan_row(
        row(update_cycle="weekly", summary="新摘要"), existing(EntryStatus.PUBLISHED), today=TODAY
    )
    assert published.action is ImportAction.CHANGE_REPORT
    assert published.key_changes == {"update_cycle": "weekly"}
    assert published.plain_changes == {"summary": "新摘要"}
    locked = plan_row(row(class_item="02"), existing(EntryStatus.PUBLISHED), today=TODAY)
    assert (
        locked.action is ImportAction.REFUSED and locked.problems[0].code == "classification_locked"
    )
    waiting = plan_row(row(summary="x"), existing(EntryStatus.SUBMITTED), today=TODAY)
    assert (
        waiting.problems[0].code == "not_editable"
        and "待部门审核" in waiting.problems[0].message_zh
    )
    future = row(update_cycle="weekly")
    future.effective_date, future.description = date(2027, 1, 1), "短"
    codes = [
        p.code for p in plan_row(future, existing(EntryStatus.PUBLISHED), today=TODAY).problems
    ]
    assert codes == ["effective_date_future", "description_short"]  # 第十七条's report
    assert plan_row(future, None, today=TODAY).action is ImportAction.CREATE  # no report: ignored
    stale = row()
    stale.version = 2
    assert plan_row(stale, existing(EntryStatus.DRAFT), today=TODAY).problems[0].code == "stale"


def test_duplicates() -> None:
    a, b = row(), row()
    a.entry_id = b.entry_id = 7
    b.row = 3
    found = duplicate_problems([a, b])
    assert [p.code for p in found[3]] == ["duplicate_row", "duplicate_key"]


# --- hostile files --------------------------------------------------------------------------


def _zip(path: Path, parts: dict[str, bytes], level: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", level) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def _plain(tmp_path: Path) -> dict[str, bytes]:
    path = tmp_path / "plain.xlsx"
    write_workbook(path, [])
    with zipfile.ZipFile(path) as archive:
        return {n: archive.read(n) for n in archive.namelist()}


def refusal(path: Path) -> str:
    with pytest.raises(WorkbookRefused) as caught:
        read_workbook(path)
    assert caught.value.message_zh  # a clear Chinese message
    return caught.value.code


def test_not_an_xlsx(tmp_path: Path) -> None:
    (tmp_path / "a.xlsx").write_text("姓名,年龄\n张三,3\n", encoding="utf-8")
    assert refusal(tmp_path / "a.xlsx") == "not_xlsx"
    assert refusal(_zip(tmp_path / "b.xlsx", {"hello.txt": b"hi"})) == "not_xlsx"


def test_encrypted_and_old_xls(tmp_path: Path) -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    (tmp_path / "enc.xlsx").write_bytes(ole + "EncryptionInfo".encode("utf-16-le") + b"\0" * 64)
    (tmp_path / "old.xls").write_bytes(ole + b"\0" * 512)
    assert refusal(tmp_path / "enc.xlsx") == "encrypted"
    assert refusal(tmp_path / "old.xls") == "old_xls"


def test_zip_bomb(tmp_path: Path) -> None:
    parts = _plain(tmp_path)
    parts["xl/media/padding.bin"] = b"\0" * (8 * 1024 * 1024)  # compresses > 1000:1
    assert refusal(_zip(tmp_path / "bomb.xlsx", parts)) == "zip_bomb"


def test_macros_and_external_links(tmp_path: Path) -> None:
    parts = _plain(tmp_path)
    assert refusal(_zip(tmp_path / "m.xlsm", {**parts, "xl/vbaProject.bin": b"VBA"})) == "macros"
    links = {**parts, "xl/externalLinks/externalLink1.xml": b"<externalLink/>"}
    assert refusal(_zip(tmp_path / "l.xlsx", links)) == "external_links"


def test_huge_sheet_dimension(tmp_path: Path) -> None:
    parts = _plain(tmp_path)
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = parts[sheet].replace(b'<dimension ref="A1:Z1"', b'<dimension ref="A1:Z1048576"')
    if b"A1:Z1048576" not in parts[sheet]:  # openpyxl wrote another ref: put ours first
        text = parts[sheet].decode()
        start = text.index("<dimension")
        end = text.index("/>", start) + 2
        parts[sheet] = (text[:start] + '<dimension ref="A1:Z1048576"/>' + text[end:]).encode()
    assert refusal(_zip(tmp_path / "huge.xlsx", parts)) == "sheet_too_big"


def test_missing_sheet(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    from openpyxl import Workbook

    Workbook().save(buffer)
    (tmp_path / "other.xlsx").write_bytes(buffer.getvalue())
    check_xlsx(tmp_path / "other.xlsx")  # a harmless workbook passes the file checks
    assert refusal(tmp_path / "other.xlsx") == "missing_sheet"
