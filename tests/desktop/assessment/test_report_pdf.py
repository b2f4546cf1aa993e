"""The printed assessment report, checked with real PDF tools: the CJK font embedded
(pdffonts), every department's name, the 初稿 marking on every page of a draft and nowhere in a
published report, page numbers and the round's date (pdftotext), no text or drawing outside the
page's margins (pdftotext -bbox, and pdftoppm's pixels), the ranking header repeated on every
page of the ranking. The 100-department report is built once per session."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from govshare_core.assessment_schemas import RoundReportOut
from govshare_desktop.assessment.report_pdf import (
    ReportError,
    build_cover,
    build_round_report,
    report_file_name,
)
from govshare_desktop.assessment.report_style import MARGIN_X, PAGE_W
from govshare_desktop.assessment.report_text import text_width, wrap_lines
from tests.desktop.assessment.report_support import LONG_NAME, make_report

TOOLS = ("pdffonts", "pdftotext", "pdftoppm", "pdfinfo")


def run(*args: str) -> str:
    return subprocess.run(args, capture_output=True, check=True, text=True).stdout


def pages_text(path: Path) -> list[str]:
    """Each page's text (pdftotext ends every page with a form feed)."""
    return run("pdftotext", "-layout", str(path), "-").split("\f")[:-1]


def flat(text: str) -> str:
    """Text without white space: a wrapped name reads as one again."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="session")
def draft3(tmp_path_factory: pytest.TempPathFactory) -> tuple[RoundReportOut, Path]:
    report = make_report(3, empty=(3,))
    path = tmp_path_factory.mktemp("report") / "draft3.pdf"
    path.write_bytes(build_round_report(report))
    return report, path


@pytest.fixture(scope="session")
def published100(tmp_path_factory: pytest.TempPathFactory) -> tuple[RoundReportOut, Path]:
    report = make_report(100, published=True, empty=(7,))
    path = tmp_path_factory.mktemp("report") / "published100.pdf"
    path.write_bytes(build_round_report(report))
    return report, path


def test_the_tools_are_there() -> None:
    for tool in TOOLS:
        assert subprocess.run([tool, "-v"], capture_output=True).returncode in (0, 99), tool


def test_the_font_is_embedded(draft3: tuple[RoundReportOut, Path]) -> None:
    rows = run("pdffonts", str(draft3[1])).splitlines()[2:]
    assert rows
    for row in rows:  # name type encoding emb sub uni object ID
        assert "WenQuanYiMicroHei" in row, row  # no other font, not even Helvetica
        assert row.split()[-5] == "yes", row


def test_a_draft_is_marked_on_every_page(draft3: tuple[RoundReportOut, Path]) -> None:
    report, path = draft3
    pages = pages_text(path)
    info = re.search(r"Pages:\s+(\d+)", run("pdfinfo", str(path)))
    assert info is not None and len(pages) == int(info[1])
    assert all("初稿" in flat(page) for page in pages)
    cover = flat(pages[0])
    for text in ("政务信息资源共享考核评估报告", "2026年第三季度", "信息化主管部门", "计算日期"):
        assert text in cover
    assert "第1页" not in cover  # the cover carries no page number
    for number, page in enumerate(pages[1:], start=2):
        assert f"第{number}页/共{len(pages)}页" in flat(page)
        assert "计算日期：2026年11月30日" in flat(page)  # the round's date in the footer
    text = flat("".join(pages))
    for result in report.results:
        assert result.department_name in text
    assert "已发布" not in cover  # (elsewhere it is a word of 已发布目录数)


def test_the_round_s_content(draft3: tuple[RoundReportOut, Path]) -> None:
    report, path = draft3
    text = flat("".join(pages_text(path)))
    for heading in ("一、总体情况", "二、得分与排名", "三、得分分布", "五、整改通知（第三十六条）"):
        assert heading in text
    first = report.scorecards[0]
    assert first.result.department_name == LONG_NAME and first.result.adjusted_score is not None
    assert "计算得分：" in text and "调整理由：" in text
    assert "88.50*" in text  # the adjusted score is marked in the ranking
    assert "本轮没有该部门的指标数据" in text  # department 3: no indicators
    assert "<交付记录>" in text and "A&B" in text  # the explanation, not markup
    assert "薄弱" in text and "改进建议" in text
    for order in report.rectifications:
        assert order.article_item.short_zh in text
        assert order.status.label_zh in text
    assert "已逾期" in text
    assert "附：指标说明" in text and "核心元数据完整率" in text


def test_a_published_report_of_100_departments(
    published100: tuple[RoundReportOut, Path],
) -> None:
    report, path = published100
    pages = pages_text(path)
    text = flat("".join(pages))
    assert "初稿" not in text
    assert "已发布" in flat(pages[0]) and "发布日期" in flat(pages[0])
    for result in report.results:
        assert result.department_name in text, result.department_name
    assert f"第{len(pages)}页/共{len(pages)}页" in flat(pages[-1])
    assert "发布日期：2026年12月01日" in flat(pages[-1])
    # one page (or more) per department, each starting on its own page
    starts = [i for i, page in enumerate(pages) if "分类得分" in flat(page)]
    assert len(starts) == 100
    # the ranking spans pages (100 rows), each with the table's header
    chart = next(i for i, page in enumerate(pages) if "三、得分分布" in flat(page))
    ranking_pages = pages[1:chart]
    assert len(ranking_pages) >= 3
    for page in ranking_pages:
        assert "排名" in page and "监督整改" in page
    assert chart < starts[0]


def test_nothing_leaves_the_page_margins(published100: tuple[RoundReportOut, Path]) -> None:
    _report, path = published100
    bbox = run("pdftotext", "-bbox", str(path), "-")
    right = PAGE_W - MARGIN_X + 1  # points
    words = re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"', bbox)
    assert len(words) > 1000
    outside = [(x0, x1) for x0, x1 in words if float(x0) < MARGIN_X - 1 or float(x1) > right]
    assert not outside[:5]
    # and nothing drawn there either (charts, rules, table cells) on the pages with charts
    # and tables: pdftoppm's greyscale pixels in the outer 15 mm on both sides are white
    dpi = 50
    strip = round((MARGIN_X - 3) / 72 * dpi)
    pgm = subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-gray", "-f", "2", "-l", "9", str(path)],
        capture_output=True,
        check=True,
    ).stdout
    for number, (width, height, pixels) in enumerate(_pgm_pages(pgm), start=2):
        for y in range(height):
            row = pixels[y * width : (y + 1) * width]
            assert min(row[:strip]) > 240 and min(row[-strip:]) > 240, (number, y)


def _pgm_pages(data: bytes) -> list[tuple[int, int, bytes]]:
    """The pages of concatenated binary PGM images (P5)."""
    out = []
    while data:
        match = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
        assert match, data[:20]
        width, height = int(match[1]), int(match[2])
        start = match.end()
        out.append((width, height, data[start : start + width * height]))
        data = data[start + width * height :]
    return out


def test_one_department_s_scorecard_with_the_cover(tmp_path: Path) -> None:
    report = make_report(3)
    own = report.scorecards[1].result
    path = tmp_path / "own.pdf"
    path.write_bytes(build_round_report(report, department_id=own.department_id))
    pages = pages_text(path)
    text = flat("".join(pages))
    assert own.department_name in flat(pages[0])  # on the cover too
    assert "部门考核评估结果" in text and "指标明细" in text
    for other in report.results:
        if other.department_id != own.department_id:
            assert other.department_name not in text
    assert "二、得分与排名" not in text and "五、整改通知" not in text
    assert len(pages) <= 3
    with pytest.raises(ReportError):
        build_round_report(report, department_id=999)


def test_the_cover_alone_and_other_languages(tmp_path: Path) -> None:
    report = make_report(3)
    cover = tmp_path / "cover.pdf"
    cover.write_bytes(build_cover(report))
    (page,) = pages_text(cover)
    assert "政务信息资源共享考核评估报告" in flat(page) and "初稿" in flat(page)
    english = tmp_path / "en.pdf"
    english.write_bytes(build_round_report(report, lang="en"))
    text = flat("".join(pages_text(english)))
    assert "AssessmentReport" in text and "Page2of" in text and LONG_NAME in text
    with pytest.raises(ValueError):
        build_round_report(report, lang="fr")
    assert report_file_name(report) == "政务信息资源共享考核评估报告-2026年第三季度-初稿.pdf"


def test_the_same_data_gives_the_same_bytes() -> None:
    report = make_report(3, published=True)
    assert build_round_report(report) == build_round_report(report)


def test_lines_break_by_the_font_s_widths() -> None:
    latin = wrap_lines("Review the not-shared entries: without a legal basis", 120, 8)
    assert latin == ["Review the not-shared entries:", "without a legal basis"]
    cjk = wrap_lines("复核不予共享目录的依据，凡无法律法规依据的应改为共享。", 56, 8)
    assert all(text_width(line, 8) <= 56 for line in cjk)
    assert not any(line.startswith(("，", "。")) for line in cjk)  # never before punctuation
    assert "".join(cjk) == "复核不予共享目录的依据，凡无法律法规依据的应改为共享。"
    assert wrap_lines("a\nb", 60, 8) == ["a", "b"]
