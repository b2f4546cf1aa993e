"""The round's ranking and scorecards as an XLSX workbook (openpyxl):

    export_ranking_xlsx(path, report)

- 排名: one row per department in rank order: rank, department, score, grade, the computed and
  the adjusted score with its reason, the group scores, explanations filed;
- 指标: one row per department × indicator: its group, label, article, value (ratios as
  percentages), numerator, denominator, score, weak;
- 说明: the round (period, status, dates, weights, grade bands).

Numbers are written as numbers; every text cell is neutralised against formula injection
(govshare_core.exchange.neutralise_cell: =cmd|' /C calc'!A0 is stored as text) and cleared of
the control characters a workbook cannot hold. Headers are frozen and filterable. Values are
those of the report data: nothing is recomputed. The file is written whole or not at all.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from govshare_core.assessment import INDICATOR_BY_CODE, Grade, Group
from govshare_core.assessment_schemas import RoundReportOut
from govshare_core.spreadsheet import safe_cell as safe_cell  # one helper for every workbook
from govshare_core.spreadsheet import save_whole

Cell = str | float | int | None

UNIT_ZH = {"ratio": "比例", "count": "数量", "days": "工作日"}
HEADER_FILL = PatternFill("solid", fgColor="E8EDF3")
MAX_WIDTH = 60


def export_ranking_xlsx(path: str | os.PathLike[str], report: RoundReportOut) -> None:
    """Write the report's ranking (排名), indicators (指标) and round facts (说明) to `path`."""
    workbook = Workbook()
    ranking = workbook.active
    assert ranking is not None
    ranking.title = "排名"
    _fill(ranking, *_ranking_rows(report), freeze="C2")
    _colour_grades(ranking, report, column=4)
    indicators = workbook.create_sheet("指标")
    _fill(indicators, *_indicator_rows(report), freeze="C2", percent_columns=(7,))
    about = workbook.create_sheet("说明")
    _fill(about, ["项目", "内容"], _about_rows(report), freeze="A2", filter_=False)
    workbook.properties.title = f"{report.round.title}（{report.round.status.label_zh}）"
    workbook.properties.creator = "GovShare"
    save_whole(workbook, Path(path))


def _ranking_rows(report: RoundReportOut) -> tuple[list[str], list[list[Cell]]]:
    groups = list(Group)
    header = ["排名", "部门", "得分", "等级", "计算得分", "调整后得分", "调整理由", "调整人"]
    header += [f"{g.label_zh}得分" for g in groups] + ["申辩数"]
    rows: list[list[Cell]] = []
    for r in report.results:
        row: list[Cell] = [
            r.rank, r.department_name, r.score, Grade(r.grade).label_zh, r.computed_score,
            r.adjusted_score, r.adjust_reason, r.adjusted_by_name,
        ]  # fmt: skip
        row += [r.group_scores.get(g.value) for g in groups]
        rows.append([*row, r.explanation_count])
    return header, rows


def _indicator_rows(report: RoundReportOut) -> tuple[list[str], list[list[Cell]]]:
    header = ["部门", "排名", "类别", "指标代码", "指标", "依据", "数值", "单位", "分子", "分母"]
    header += ["得分", "是否计分", "薄弱"]
    rows: list[list[Cell]] = []
    for card in report.scorecards:
        r = card.result
        for v in card.indicators:
            d = INDICATOR_BY_CODE.get(v.code)
            unit = d.unit if d is not None else ""
            rows.append(
                [r.department_name, r.rank, d.group.label_zh if d else "",
                 v.code, d.label_zh if d else v.code, d.article if d else "", v.value,
                 UNIT_ZH.get(unit, unit), v.numerator, v.denominator, v.score,
                 ("是" if d.scored else "否") if d else "", "是" if v.weak else ""]
            )  # fmt: skip
    return header, rows


def _about_rows(report: RoundReportOut) -> list[list[Cell]]:
    r = report.round
    rows: list[list[Cell]] = [
        ["报告", r.title],
        ["考核期间", f"{r.period_label}（{r.starts.isoformat()} 至 {r.ends.isoformat()}）"],
        ["数据截至", r.asof.isoformat()],
        ["状态", r.status.label_zh],
        ["计算时间", r.computed_at.isoformat()],
        ["发布时间", r.published_at.isoformat() if r.published_at else ""],
        ["参评部门数", r.department_count],
        ["工作日历", "暂定" if r.provisional else "正式"],
    ]
    rows += [[f"权重：{g.label_zh}", r.weights.get(g.value)] for g in Group]
    rows += [
        [f"等级下限：{g.label_zh}", r.grade_bands.get(g.value)]
        for g in (Grade.EXCELLENT, Grade.GOOD, Grade.PASS)
    ]
    rows.append(["数值说明", "比例类指标按百分比显示；“无数据”的数值与得分留空，不计为零。"])
    return rows


def _fill(
    sheet: Worksheet,
    header: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    *,
    freeze: str,
    percent_columns: Sequence[int] = (),
    filter_: bool = True,
) -> None:
    sheet.append([safe_cell(h) for h in header])
    widths = [_width(h) for h in header]
    for row in rows:
        cells = [safe_cell(v) for v in row]
        sheet.append(cells)
        widths = [max(w, _width(c)) for w, c in zip(widths, cells, strict=True)]
    bold = Font(bold=True)
    for cell in sheet[1]:
        cell.font, cell.fill = bold, HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(width + 2, MAX_WIDTH)
    for column in percent_columns:
        _percent(sheet, column)
    sheet.freeze_panes = freeze
    if filter_ and sheet.max_row > 1:
        sheet.auto_filter.ref = sheet.dimensions


def _percent(sheet: Worksheet, column: int) -> None:
    """Show the ratio indicators' values (0–1) of `column` as percentages."""
    unit_column = column + 1
    for row in range(2, sheet.max_row + 1):
        if sheet.cell(row, unit_column).value == UNIT_ZH["ratio"]:
            sheet.cell(row, column).number_format = "0.0%"


def _colour_grades(sheet: Worksheet, report: RoundReportOut, *, column: int) -> None:
    for row, result in enumerate(report.results, start=2):
        sheet.cell(row, column).font = Font(color=Grade(result.grade).colour.lstrip("#"))


def _width(value: Cell) -> int:
    """Display width in characters (a CJK character counts two)."""
    if value is None:
        return 0
    text = (
        value
        if isinstance(value, str)
        else f"{value:g}"
        if isinstance(value, float)
        else str(value)
    )
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)
