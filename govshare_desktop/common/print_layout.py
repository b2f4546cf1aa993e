"""The printed forms' layout (申请表, 目录登记表): an A4 sheet with a title, a line of facts
(number, date printed), sections of labelled fields (a 登记表 grid: label | value | label | value,
long values across the row) and tables (a header row repeated on every page), and a footer with
"第 n 页 / 共 m 页". Built with reportlab off the UI thread:

    pdf = build_sheet_pdf(Sheet(title="政务信息资源共享申请表", facts=[...], sections=[...]))

The font is WenQuanYi Micro Hei (govshare_core.resources, subfont 0 of the collection), embedded
as a subset, so the PDF needs no font of the reader's computer; the assessment report registers
it here too (`cjk_font`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from io import BytesIO
from typing import Any, Final
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from govshare_core import pdf_pages
from govshare_core.pdf_pages import PagedCanvas

FONT: Final = pdf_pages.CJK_FONT_NAME
PAGE_W, PAGE_H = A4
MARGIN_X: Final = 18 * mm
MARGIN_TOP: Final = 20 * mm
MARGIN_BOTTOM: Final = 20 * mm
FRAME_PADDING: Final = 6
"""platypus frames keep 6 pt free inside the margins on every side."""
WIDTH: Final = PAGE_W - 2 * MARGIN_X - 2 * FRAME_PADDING
"""The width the content takes."""

INK: Final = colors.HexColor("#1f2329")
MUTED: Final = colors.HexColor("#5f6670")
RULE: Final = colors.HexColor("#9aa3ad")
LABEL_FILL: Final = colors.HexColor("#eef2f6")
HEADING_FILL: Final = colors.HexColor("#dde5ee")
ZEBRA_FILL: Final = colors.HexColor("#f7f9fb")
ACCENT: Final = colors.HexColor("#1f5fa8")


def cjk_font() -> str:
    """The registered CJK font's name (govshare_core.pdf_pages.cjk_font), for the desktop's
    PDFs: binary (Flate only) streams, since ASCII85 costs time and size; reportlab reads this
    when it writes a stream, and the desktop has no other PDF writer."""
    name = pdf_pages.cjk_font()
    rl_config.useA85 = 0
    return name


# --- what a sheet holds ----------------------------------------------------------------------


@dataclass(frozen=True)
class Field:
    """One labelled value; `wide` takes the whole row (long texts)."""

    label: str
    value: str
    wide: bool = False


@dataclass(frozen=True)
class Fields:
    """A section of labelled values, two to a row (a 登记表 grid)."""

    heading: str
    fields: Sequence[Field]


@dataclass(frozen=True)
class Rows:
    """A section that is a table: its header, rows and column widths (fractions of the width);
    `empty` is printed when there are no rows."""

    heading: str
    header: Sequence[str]
    rows: Sequence[Sequence[str]]
    widths: Sequence[float]
    empty: str = "—"


@dataclass(frozen=True)
class Sheet:
    title: str
    facts: Sequence[tuple[str, str]] = ()  # under the title, right-aligned: 编号, 打印时间, ...
    sections: Sequence[Fields | Rows] = ()
    footer: str = ""  # bottom left of every page
    note: str = ""  # a closing line under the last section
    signatures: Sequence[str] = field(default_factory=tuple)  # blank lines to sign: 经办人, ...


# --- styles ----------------------------------------------------------------------------------


def _style(name: str, size: float, leading: float, **kw: Any) -> ParagraphStyle:
    return ParagraphStyle(
        name, fontName=cjk_font(), fontSize=size, leading=leading, wordWrap="CJK", **kw
    )


def _styles() -> dict[str, ParagraphStyle]:
    return {
        "title": _style("title", 18, 24, alignment=1, textColor=INK, spaceAfter=2),
        "facts": _style("facts", 8.5, 12, alignment=2, textColor=MUTED),
        "heading": _style("heading", 10.5, 14, textColor=ACCENT),
        "label": _style("label", 9, 12, textColor=MUTED),
        "value": _style("value", 9, 12.5, textColor=INK),
        "th": _style("th", 8.5, 11, alignment=1, textColor=INK),
        "cell": _style("cell", 8.5, 11, textColor=INK),
        "note": _style("note", 8.5, 12, textColor=MUTED),
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text (escaped; line breaks kept)."""
    return Paragraph(escape(text or "—").replace("\n", "<br/>"), style)


# --- building --------------------------------------------------------------------------------

LABEL_W: Final = 28 * mm
VALUE_W: Final = (WIDTH - 2 * LABEL_W) / 2


def _heading(text: str, styles: dict[str, ParagraphStyle]) -> Table:
    table = Table([[_p(text, styles["heading"])]], colWidths=[WIDTH])
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), cjk_font()),
                ("BACKGROUND", (0, 0), (-1, -1), HEADING_FILL),
                ("LINEBELOW", (0, 0), (-1, -1), 0.8, ACCENT),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def _grid(section: Fields, styles: dict[str, ParagraphStyle]) -> Table:
    """label | value | label | value; a wide field's value spans the last three cells."""
    data: list[list[Any]] = []
    spans: list[tuple[int, int]] = []
    pending: Field | None = None

    def flush() -> None:
        nonlocal pending
        if pending is not None:
            data.append([_p(pending.label, styles["label"]), _p(pending.value, styles["value"])])
            data[-1] += ["", ""]
            spans.append((len(data) - 1, 1))
            pending = None

    for f in section.fields:
        if f.wide:
            flush()
            data.append([_p(f.label, styles["label"]), _p(f.value, styles["value"]), "", ""])
            spans.append((len(data) - 1, 1))
        elif pending is None:
            pending = f
        else:
            data.append(
                [
                    _p(pending.label, styles["label"]),
                    _p(pending.value, styles["value"]),
                    _p(f.label, styles["label"]),
                    _p(f.value, styles["value"]),
                ]
            )
            pending = None
    flush()
    table = Table(data, colWidths=[LABEL_W, VALUE_W, LABEL_W, VALUE_W])
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), cjk_font()),  # a Table's own default is Helvetica
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (0, -1), LABEL_FILL),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    for row in range(len(data)):
        if (row, 1) not in spans:
            commands.append(("BACKGROUND", (2, row), (2, row), LABEL_FILL))
    for row, col in spans:
        commands.append(("SPAN", (col, row), (3, row)))
    table.setStyle(TableStyle(commands))
    return table


def _table(section: Rows, styles: dict[str, ParagraphStyle]) -> Table:
    """The heading and the column header are the table's first rows, repeated on every page it
    runs over (so a long table never leaves its heading alone at the foot of a page)."""
    widths = [WIDTH * w / sum(section.widths) for w in section.widths]
    blank = [""] * (len(section.header) - 1)
    data: list[list[Any]] = [
        [_p(section.heading, styles["heading"]), *blank],
        [_p(h, styles["th"]) for h in section.header],
    ]
    if section.rows:
        data += [[_p(str(c), styles["cell"]) for c in row] for row in section.rows]
    else:
        data.append([_p(section.empty, styles["cell"]), *blank])
    table = Table(data, colWidths=widths, repeatRows=2)
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), cjk_font()),
        ("SPAN", (0, 0), (-1, 0)),
        ("BACKGROUND", (0, 0), (-1, 0), HEADING_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
        ("GRID", (0, 1), (-1, -1), 0.5, RULE),
        ("BACKGROUND", (0, 1), (-1, 1), LABEL_FILL),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
        ("TOPPADDING", (0, 0), (-1, 0), 3),
        ("BOTTOMPADDING", (0, 0), (-1, 0), 3),
    ]
    if not section.rows:
        commands.append(("SPAN", (0, 2), (-1, 2)))
    for row in range(3, len(data), 2):
        commands.append(("BACKGROUND", (0, row), (-1, row), ZEBRA_FILL))
    table.setStyle(TableStyle(commands))
    return table


def _signatures(labels: Sequence[str], styles: dict[str, ParagraphStyle]) -> Table:
    """Blank places to sign or stamp: each label over a line, the date under it."""
    n = len(labels)
    gap = 6 * mm
    width = (WIDTH - gap * (n - 1)) / n
    cells: list[Any] = []
    widths: list[float] = []
    for i, label in enumerate(labels):
        if i:
            cells.append("")
            widths.append(gap)
        cells.append(_p(label, styles["label"]))
        widths.append(width)
    dates = [_p("年　　月　　日", styles["note"]) if c else "" for c in cells]
    table = Table(
        [cells, [""] * len(cells), dates], colWidths=widths, rowHeights=[None, 14 * mm, None]
    )
    commands: list[tuple[Any, ...]] = [("FONTNAME", (0, 0), (-1, -1), cjk_font())]
    for col in range(0, len(cells), 2):
        commands.append(("LINEBELOW", (col, 1), (col, 1), 0.5, RULE))
    table.setStyle(TableStyle(commands))
    return table


def _story(sheet: Sheet) -> list[Flowable]:
    styles = _styles()
    story: list[Flowable] = [_p(sheet.title, styles["title"])]
    if sheet.facts:
        facts = "　｜　".join(f"{k}：{v}" for k, v in sheet.facts)
        story += [_p(facts, styles["facts"]), Spacer(1, 3 * mm)]
    for section in sheet.sections:
        if isinstance(section, Fields):  # a grid is short: kept whole, with its heading
            story.append(KeepTogether([_heading(section.heading, styles), _grid(section, styles)]))
        else:
            story.append(_table(section, styles))
        story.append(Spacer(1, 4 * mm))
    if sheet.note:
        story.append(_p(sheet.note, styles["note"]))
    if sheet.signatures:
        story.append(Spacer(1, 6 * mm))
        story.append(KeepTogether([_signatures(sheet.signatures, styles)]))
    return story


def _footer(text: str) -> Callable[[Canvas, int, int], None]:
    def draw(canvas: Canvas, page: int, total: int) -> None:
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        y = MARGIN_BOTTOM - 8 * mm
        canvas.line(MARGIN_X, y + 4 * mm, PAGE_W - MARGIN_X, y + 4 * mm)
        canvas.setFont(cjk_font(), 8)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN_X, y, text)
        canvas.drawRightString(PAGE_W - MARGIN_X, y, f"第 {page} 页 / 共 {total} 页")
        canvas.restoreState()

    return draw


def build_sheet_pdf(sheet: Sheet, *, author: str = "") -> bytes:
    """The sheet as an A4 PDF (bytes); safe in a worker thread."""
    out = BytesIO()
    document = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=sheet.title,
        author=author,
        creator="GovShare",
        invariant=True,  # the same data gives the same bytes
        initialFontName=cjk_font(),  # no unembedded Helvetica in the page resources
    )
    document.build(_story(sheet), canvasmaker=partial(PagedCanvas, decorate=_footer(sheet.footer)))
    return out.getvalue()
