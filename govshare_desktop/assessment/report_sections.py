"""The round-wide parts of the printed report: the cover, the summary with the ranking table,
the score chart, the rectification orders and the indicator appendix (report_pdf.py puts them in
order; report_scorecard.py draws each department's pages). Everything printed comes from the
report data; nothing here computes an indicator or a score."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer, Table, TableStyle

from govshare_core.assessment import INDICATORS, Article36Item, Grade, Group
from govshare_core.assessment_schemas import RectificationOut, ResultOut, RoundReportOut
from govshare_desktop.assessment.report_charts import score_chart_pages
from govshare_desktop.assessment.report_style import (
    FRAME_W,
    HEADER_FILL,
    MUTED,
    RULE,
    WEAK_INK,
    ZEBRA_FILL,
    day_text,
    font,
    grade_colour,
    grade_label,
    group_label,
    period_label,
    round_date,
    score_text,
    short_day,
    status_label,
    truncate,
    word,
)
from govshare_desktop.assessment.report_text import cell_text, text

FACTS_CHARS = 120
"""An order's facts are shortened to this in the list (the full text is in the 整改 page)."""


def grid_table(
    rows: list[list[Any]],
    widths: Sequence[float],
    *,
    header_rows: int = 1,
    extra: Sequence[tuple[Any, ...]] = (),
    zebra: bool = True,
) -> Table:
    """A ruled table in the report's font; its header repeats on every page it spans."""
    table = Table(rows, colWidths=list(widths), repeatRows=header_rows, hAlign="LEFT")
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), font()),  # a Table's own default is Helvetica
        ("FONTSIZE", (0, 0), (-1, -1), 8),
        ("LEADING", (0, 0), (-1, -1), 10),
        ("GRID", (0, 0), (-1, -1), 0.4, RULE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    if header_rows:
        commands.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_FILL))
    if zebra and len(rows) > header_rows + 1:
        commands.append(("ROWBACKGROUNDS", (0, header_rows), (-1, -1), [colors.white, ZEBRA_FILL]))
    table.setStyle(TableStyle(commands + list(extra)))
    return table


def plain_table(
    rows: list[list[Any]], widths: Sequence[float], commands: Sequence[tuple[Any, ...]] = ()
) -> Table:
    """A table without rules (for layout), in the report's font."""
    table = Table(rows, colWidths=list(widths))
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), font()), *commands]))
    return table


def header_row(labels: Sequence[str], widths: Sequence[float]) -> list[str]:
    """A table's header cells, each broken to its column (the header row is centred)."""
    return [cell_text(label, w) for label, w in zip(labels, widths, strict=True)]


# --- cover -------------------------------------------------------------------------------------


def cover(report: RoundReportOut, lang: str, department: ResultOut | None = None) -> list[Flowable]:
    r = report.round
    when = round_date(r, lang)
    status = status_label(r, lang)
    mark_colour = grade_colour(Grade.FAIL) if r.status == "draft" else grade_colour(Grade.EXCELLENT)
    mark = plain_table(
        [[text(status, "mark")]],
        [46 * mm],
        [("BOX", (0, 0), (-1, -1), 1.6, mark_colour), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")],
    )
    mark.hAlign = "CENTER"
    story: list[Flowable] = [
        Spacer(1, 42 * mm),
        text(word("title", lang), "cover_title"),
        Spacer(1, 6 * mm),
        text(period_label(r, lang), "cover_sub"),
    ]
    if r.title and r.title != r.period_label:
        story.append(text(r.title, "cover_meta"))
    if department is not None:
        story += [
            Spacer(1, 8 * mm),
            text(f"{word('dept_title', lang)}：{department.department_name}", "cover_sub"),
        ]
    story += [Spacer(1, 14 * mm), mark, Spacer(1, 16 * mm)]
    facts = [
        f"{word('period', lang)}：{day_text(r.starts, lang)} — {day_text(r.ends, lang)}",
        f"{word('asof', lang)}：{day_text(r.asof, lang)}",
        f"{word('departments', lang)}：{r.department_count}",
        f"{when.label}：{when.text}",
    ]
    story += [text(line, "cover_meta") for line in facts]
    story += [
        Spacer(1, 30 * mm),
        text(word("issuer", lang), "cover_sub"),
        text(when.text, "cover_meta"),
        Spacer(1, 12 * mm),
        text(word("draft_note" if r.status == "draft" else "published_note", lang), "small"),
        text(f"{word('generated', lang)}：{day_text(report.generated_at, lang)}", "small"),
    ]
    if r.provisional:
        story.append(text(word("provisional", lang), "small"))
    return story


# --- summary and ranking -----------------------------------------------------------------------


def summary(report: RoundReportOut, lang: str) -> list[Flowable]:
    r, results = report.round, report.results
    scores = [x.score for x in results]
    counts = Counter(Grade(x.grade) for x in results)
    widths = [FRAME_W / 8] * 8
    labels = [word(k, lang) for k in ("departments", "average", "highest", "lowest")]
    stats = [
        header_row(labels + [grade_label(g, lang) for g in Grade], widths),
        [str(len(results)), score_text(sum(scores) / len(scores) if scores else None, 2),
         score_text(max(scores, default=None), 2), score_text(min(scores, default=None), 2)]
        + [str(counts.get(g, 0)) for g in Grade],
    ]  # fmt: skip
    grade_ink = [
        ("TEXTCOLOR", (4 + i, 1), (4 + i, 1), grade_colour(g)) for i, g in enumerate(Grade)
    ]
    centre = [("ALIGN", (0, 1), (-1, -1), "CENTER")]
    weights = [
        header_row([word("group", lang)] + [group_label(g, lang) for g in Group], widths),
        [word("weight", lang)] + [f"{r.weights.get(g.value, 0):g}" for g in Group],
    ]
    bands = r.grade_bands
    band_text = "，".join(
        f"{grade_label(g, lang)} ≥ {bands.get(g.value, 0):g}"
        for g in (Grade.EXCELLENT, Grade.GOOD, Grade.PASS)
    )
    band_text += f"，{grade_label(Grade.FAIL, lang)} < {bands.get(Grade.PASS.value, 0):g}"
    lines = [
        f"{word('period', lang)}：{day_text(r.starts, lang)} — {day_text(r.ends, lang)}；"
        f"{word('asof', lang)}：{day_text(r.asof, lang)}。",
        f"{word('bands', lang)}：{band_text}。",
    ]
    story: list[Flowable] = [text(word("summary", lang), "h1")]
    story += [text(line) for line in lines]
    if r.provisional:
        story.append(text(word("provisional", lang), "small"))
    story += [
        Spacer(1, 2 * mm),
        grid_table(stats, widths, extra=grade_ink + centre, zebra=False),
        Spacer(1, 3 * mm),
        grid_table(weights, widths, extra=centre, zebra=False),
        Spacer(1, 4 * mm),
    ]
    return story


RANK_W, SCORE_W, GRADE_W, GROUP_W = 10 * mm, 15 * mm, 13 * mm, 13.5 * mm


def ranking(results: Sequence[ResultOut], lang: str) -> list[Flowable]:
    """The ranking table: rank, department (wraps), score, grade in its colour, group scores."""
    groups = list(Group)
    name_w = FRAME_W - RANK_W - SCORE_W - GRADE_W - GROUP_W * len(groups)
    widths = [RANK_W, name_w, SCORE_W, GRADE_W] + [GROUP_W] * len(groups)
    labels = [word(k, lang) for k in ("rank", "department", "score", "grade")]
    rows: list[list[Any]] = [header_row(labels + [group_label(g, lang) for g in groups], widths)]
    extra: list[tuple[Any, ...]] = [
        ("ALIGN", (0, 1), (0, -1), "CENTER"),
        ("ALIGN", (2, 1), (-1, -1), "CENTER"),
    ]
    adjusted = False
    for i, x in enumerate(results, start=1):
        mark = "*" if x.adjusted_score is not None else ""
        adjusted = adjusted or bool(mark)
        rows.append(
            [str(x.rank), cell_text(x.department_name, name_w), f"{x.score:.2f}{mark}",
             cell_text(grade_label(x.grade, lang), GRADE_W)]
            + [score_text(x.group_scores.get(g.value)) for g in groups]
        )  # fmt: skip
        extra.append(("TEXTCOLOR", (3, i), (3, i), grade_colour(x.grade)))
    story: list[Flowable] = [
        text(word("ranking", lang), "h1"),
        grid_table(rows, widths, extra=extra),
    ]
    if adjusted:
        story.append(text(word("adjusted_mark", lang), "small"))
    return story


def chart_section(report: RoundReportOut, lang: str) -> list[Flowable]:
    pages = score_chart_pages(report.results, report.round.grade_bands, lang)
    story: list[Flowable] = [text(word("chart", lang), "h1")]
    story.append(text(word("chart_caption", lang), "small"))
    for i, drawing in enumerate(pages):
        if i:
            story.append(PageBreak())
        story += [Spacer(1, 2 * mm), drawing]
    return story


# --- rectification orders and the appendix -----------------------------------------------------


def orders(items: Sequence[RectificationOut], lang: str) -> list[Flowable]:
    """The list of rectification orders (第三十六条): department, item, status, due."""
    story: list[Flowable] = [text(word("orders", lang), "h1")]
    if not items:
        return [*story, text(word("no_orders", lang))]
    widths = [8 * mm, 32 * mm, 25 * mm, 0.0, 16 * mm, 19 * mm, 19 * mm]
    widths[3] = FRAME_W - sum(widths)
    keys = ("department", "item", "facts", "status", "issued", "due")
    rows: list[list[Any]] = [header_row(["#"] + [word(k, lang) for k in keys], widths)]
    extra: list[tuple[Any, ...]] = [("ALIGN", (0, 1), (0, -1), "CENTER")]
    for i, o in enumerate(items, start=1):
        item = Article36Item(o.article_item)
        status = o.status.label_zh if lang == "zh" else o.status.label_en
        due = short_day(o.due)
        if o.overdue:
            due += f"\n（{word('overdue', lang)}）"
            extra.append(("TEXTCOLOR", (6, i), (6, i), WEAK_INK))
        rows.append(
            [str(i), cell_text(o.department_name, widths[1]),
             cell_text(item.short_zh if lang == "zh" else f"Art. 36 ({item.value})", widths[2]),
             cell_text(truncate(o.facts, FACTS_CHARS), widths[3]), cell_text(status, widths[4]),
             short_day(o.issued_at), cell_text(due, widths[6])]
        )  # fmt: skip
    story.append(grid_table(rows, widths, extra=extra))
    cited = sorted({Article36Item(o.article_item) for o in items}, key=lambda a: int(a.value))
    legend: list[Flowable] = [Spacer(1, 2 * mm), text(word("items_cited", lang), "small")]
    legend += [text(a.label_zh if lang == "zh" else a.label_en, "small") for a in cited]
    story.append(KeepTogether(legend))
    return story


def appendix(lang: str) -> list[Flowable]:
    """Every indicator's definition: group, label, formula, article, whether it scores."""
    widths = [18 * mm, 34 * mm, FRAME_W - 18 * mm - 34 * mm - 18 * mm, 18 * mm]
    keys = ("group", "indicator", "formula", "article")
    rows: list[list[Any]] = [header_row([word(k, lang) for k in keys], widths)]
    for d in INDICATORS:
        label = d.label_zh if lang == "zh" else d.label_en
        if not d.scored:
            label += f"（{word('not_scored', lang)}）"
        rows.append(
            [cell_text(group_label(d.group, lang), widths[0]), cell_text(label, widths[1]),
             cell_text(d.formula_zh if lang == "zh" else d.formula_en, widths[2]), d.article]
        )  # fmt: skip
    extra = [("ALIGN", (3, 1), (3, -1), "CENTER"), ("TEXTCOLOR", (3, 1), (3, -1), MUTED)]
    return [text(word("appendix", lang), "h1"), grid_table(rows, widths, extra=extra)]
