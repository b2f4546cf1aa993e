"""The ranking and scorecards as XLSX, read back with openpyxl: the 排名 and 指标 sheets hold
the report's values (numbers as numbers, ratios shown as percentages), text that a spreadsheet
would run as a formula is neutralised, headers are frozen, columns sized."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from govshare_core.assessment import INDICATORS, Group
from govshare_desktop.assessment.export_xlsx import export_ranking_xlsx, safe_cell
from tests.desktop.assessment.report_support import INJECTION, department_names, make_report


def test_the_workbook_round_trip(tmp_path: Path) -> None:
    names = [INJECTION, "+SUM(A1:A9)", *department_names(2, first=None)]
    report = make_report(4, names=names, empty=(3,), published=True)
    path = tmp_path / "排名.xlsx"
    export_ranking_xlsx(path, report)
    assert [p.name for p in tmp_path.iterdir()] == ["排名.xlsx"]  # no temporary file left

    book = load_workbook(path)
    assert book.sheetnames == ["排名", "指标", "说明"]
    ranking = book["排名"]
    header = [c.value for c in ranking[1]]
    assert header[:4] == ["排名", "部门", "得分", "等级"]
    assert header[8 : 8 + len(Group)] == [f"{g.label_zh}得分" for g in Group]
    rows = list(ranking.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 4
    for row, result in zip(rows, report.results, strict=True):
        assert row[0] == result.rank and row[2] == result.score
        assert row[3] == result.grade.label_zh
        assert row[8] == result.group_scores[Group.QUANTITY.value]
    by_name = {row[1]: row for row in rows}
    assert "'" + INJECTION in by_name  # stored as text, never as a formula
    assert "'+SUM(A1:A9)" in by_name
    for row in ranking.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.coordinate
    adjusted = by_name["'" + INJECTION]
    assert adjusted[4] != adjusted[5] == 88.5 and "酌情调整" in adjusted[6]
    assert ranking.freeze_panes == "C2"
    assert ranking.column_dimensions["B"].width > 20  # the department names
    assert ranking.auto_filter.ref == ranking.dimensions

    indicators = book["指标"]
    assert indicators.freeze_panes == "C2"
    lines = list(indicators.iter_rows(min_row=2, values_only=True))
    assert len(lines) == 3 * len(INDICATORS)  # department 3 has no indicator values
    card = next(c for c in report.scorecards if c.result.department_id == 4)
    mine = [line for line in lines if line[0] == card.result.department_name]
    assert [line[3] for line in mine] == [v.code for v in card.indicators]
    for line, value in zip(mine, card.indicators, strict=True):
        assert line[6] == value.value and line[10] == value.score
        assert line[12] == ("是" if value.weak else None)
    share = next(
        row for row in indicators.iter_rows(min_row=2)
        if row[0].value == card.result.department_name and row[3].value == "share_ratio"
    )  # fmt: skip
    assert share[6].number_format == "0.0%" and share[7].value == "比例"

    about = {row[0]: row[1] for row in book["说明"].iter_rows(min_row=2, values_only=True)}
    assert about["状态"] == "已发布" and about["参评部门数"] == 4


def test_cells_are_made_safe() -> None:
    assert safe_cell("=1+1") == "'=1+1"
    assert safe_cell("-5") == "-5" and safe_cell(-5) == -5 and safe_cell(None) is None
    assert safe_cell("a\x07b\x1fc") == "abc"  # control characters a workbook cannot hold
    assert safe_cell("南通市公安局") == "南通市公安局"


def test_an_unwritable_place_leaves_nothing(tmp_path: Path) -> None:
    report = make_report(3)
    with pytest.raises(OSError):
        export_ranking_xlsx(tmp_path / "missing" / "x.xlsx", report)
    target = tmp_path / "x.xlsx"
    target.mkdir()  # a directory where the file should go
    with pytest.raises(OSError):
        export_ranking_xlsx(target, report)
    assert [p.name for p in tmp_path.iterdir()] == ["x.xlsx"]
