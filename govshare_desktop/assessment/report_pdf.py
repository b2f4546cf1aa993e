"""The printed assessment report (考核评估报告, 第三十四条) as a PDF, built by reportlab from the
round's report data (GET /assessment/rounds/{id}/report → RoundReportOut):

    pdf = build_round_report(report)                      # the whole round
    pdf = build_round_report(report, department_id=12)    # one department's result, for its staff
    pdf = build_cover(report)                             # page 1 alone, for a quick preview

A4: the cover (title, period, 初稿/已发布, the round's date, the issuing body); the summary and
the ranking table (its header repeats on every page it spans); the score chart; one page (or
more) per department with its indicators, trend, suggestions and explanations; the
rectification orders (第三十六条); the indicator definitions. Every page but the cover carries
"第 N 页 / 共 M 页" and the round's date; every page of a draft a visible 初稿 watermark.
The CJK font is embedded (report_style). Values are printed as the report data gives them: no
indicator or score is computed here. Pure Python, no Qt: run it off the UI thread.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import partial

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, PageBreak, SimpleDocTemplate

from govshare_core.assessment_schemas import RoundReportOut, ScorecardOut
from govshare_core.pdf_pages import PagedCanvas
from govshare_desktop.assessment.report_scorecard import Bookmark, scorecard
from govshare_desktop.assessment.report_sections import (
    appendix,
    chart_section,
    cover,
    orders,
    ranking,
    summary,
)
from govshare_desktop.assessment.report_style import (
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    MUTED,
    PAGE_H,
    PAGE_W,
    RULE,
    font,
    period_label,
    round_date,
    status_label,
    word,
)

LANGUAGES = ("zh", "en")
WATERMARK = {"zh": "初稿", "en": "DRAFT"}


class ReportError(LookupError):
    """The report cannot be built as asked (e.g. no scorecard of the department)."""


def build_round_report(
    report: RoundReportOut, *, department_id: int | None = None, lang: str = "zh"
) -> bytes:
    """The report's PDF; with `department_id`, the cover and that department's pages only."""
    _check_lang(lang)
    if department_id is None:
        return _build(_round_story(report, lang), report, lang, report.round.title)
    card = _card_of(report, department_id)
    story = cover(report, lang, card.result)
    story += scorecard(card, report.round.department_count, lang, outline_level=0)
    return _build(story, report, lang, f"{report.round.title} · {card.result.department_name}")


def build_cover(
    report: RoundReportOut, *, department_id: int | None = None, lang: str = "zh"
) -> bytes:
    """The report's first page alone, exactly as in `build_round_report` (the cover carries no
    page number): the preview shows it at once while the whole report is being built."""
    _check_lang(lang)
    card = _card_of(report, department_id) if department_id is not None else None
    story = cover(report, lang, card.result if card is not None else None)
    return _build(story, report, lang, report.round.title)


def _check_lang(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown report language: {lang!r}")


def _build(story: list[Flowable], report: RoundReportOut, lang: str, subject: str) -> bytes:
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=(PAGE_W, PAGE_H),
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=f"{word('title', lang)} {period_label(report.round, lang)}",
        author=word("issuer", lang),
        subject=subject,
        creator="GovShare",
        invariant=True,  # the same data gives the same bytes
        initialFontName=font(),  # no unembedded Helvetica in the page resources
    )
    doc.build(story, canvasmaker=partial(PagedCanvas, decorate=_Decor.of(report, lang).draw))
    return buffer.getvalue()


def report_file_name(
    report: RoundReportOut, department_id: int | None = None, *, lang: str = "zh"
) -> str:
    """A file name for the saved PDF: 政务信息资源共享考核评估报告-2026年第三季度-初稿.pdf."""
    r = report.round
    parts = [word("title", lang), r.period if lang == "en" else r.period_label]
    if department_id is not None:
        card = _card_of(report, department_id)
        parts.append(card.result.department_name)
    parts.append(status_label(r, lang))
    name = "-".join(parts)
    return "".join("_" if ch in '\\/:*?"<>|' else ch for ch in name) + ".pdf"


def _card_of(report: RoundReportOut, department_id: int) -> ScorecardOut:
    for card in report.scorecards:
        if card.result.department_id == department_id:
            return card
    raise ReportError(f"the report has no scorecard of department {department_id}")


def _round_story(report: RoundReportOut, lang: str) -> list[Flowable]:
    story: list[Flowable] = cover(report, lang)
    story += [PageBreak(), Bookmark("summary", word("summary", lang))]
    story += summary(report, lang)
    story += [Bookmark("ranking", word("ranking", lang)), *ranking(report.results, lang)]
    story += [PageBreak(), Bookmark("chart", word("chart", lang)), *chart_section(report, lang)]
    count = report.round.department_count
    for i, card in enumerate(report.scorecards):
        part = scorecard(card, count, lang)
        if i == 0:
            part.insert(1, Bookmark("cards", word("cards", lang)))
        story += part
    story += [PageBreak(), Bookmark("orders", word("orders", lang))]
    story += orders(report.rectifications, lang)
    story += [PageBreak(), Bookmark("appendix", word("appendix", lang)), *appendix(lang)]
    return story


# --- page decoration ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Decor:
    """What every page carries besides its content."""

    lang: str
    running_title: str
    status: str
    date_text: str
    draft: bool

    @classmethod
    def of(cls, report: RoundReportOut, lang: str) -> _Decor:
        r = report.round
        when = round_date(r, lang)
        return cls(
            lang=lang,
            running_title=f"{word('title', lang)}　{period_label(r, lang)}",
            status=status_label(r, lang),
            date_text=f"{when.label}：{when.text}",
            draft=r.status == "draft",
        )

    def draw(self, c: Canvas, page: int, total: int) -> None:
        name = font()
        c.saveState()
        c.setFont(name, 8)
        c.setFillColor(MUTED)
        c.setStrokeColor(RULE)
        c.setLineWidth(0.4)
        if page > 1:  # the cover carries neither running head nor page number
            top = PAGE_H - MARGIN_TOP + 7 * mm
            c.drawString(MARGIN_X, top, self.running_title)
            c.drawRightString(PAGE_W - MARGIN_X, top, self.status)
            c.line(MARGIN_X, top - 2 * mm, PAGE_W - MARGIN_X, top - 2 * mm)
            bottom = MARGIN_BOTTOM - 10 * mm
            c.line(MARGIN_X, bottom + 4 * mm, PAGE_W - MARGIN_X, bottom + 4 * mm)
            c.drawString(MARGIN_X, bottom, self.date_text)
            page_text = word("page", self.lang).format(n=page, m=total)
            c.drawCentredString(PAGE_W / 2, bottom, page_text)
            c.drawRightString(PAGE_W - MARGIN_X, bottom, self.status)
        if self.draft:
            self._watermark(c, name)
        c.restoreState()

    def _watermark(self, c: Canvas, name: str) -> None:
        c.setFillColor(colors.Color(0.70, 0.15, 0.12, alpha=0.13))
        c.setFont(name, 120 if self.lang == "zh" else 96)
        c.translate(PAGE_W / 2, PAGE_H / 2)
        c.rotate(35)
        c.drawCentredString(0, -40, WATERMARK[self.lang])
