"""Drafting an agreement PDF (revision 0): reportlab draws it, pyHanko adds the three empty
signature fields (`SIGNATURE_FIELDS`) in labelled boxes on the last page.

The CJK font is embedded (subset), the document is built with reportlab's `invariant` mode, so
the same content gives the same bytes and the stored SHA-256 identifies the draft.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign.fields import SigFieldSpec, append_signature_field
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
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

from govshare_core.agreements import SIGNATURE_FIELDS, SIGNING_ORDER, SignTurn
from govshare_core.pdf_pages import PagedCanvas, cjk_font

MARGIN = 20 * mm
BOX_W, BOX_H = 80 * mm, 40 * mm  # room for a visible stamp


@dataclass(frozen=True)
class Party:
    turn: SignTurn
    name: str
    credit_code: str


@dataclass(frozen=True)
class DraftContent:
    """What the draft says: the filled template and the request's elements (第二十八条)."""

    number: str  # 协议编号
    title: str
    paragraphs: list[str]
    parties: list[Party]  # in signing order
    entry_name: str
    resource_code: str
    data_items: list[str]
    business: str
    users: str
    share_mode: str  # its Chinese label
    end_date: date
    template_version: int


def _styles() -> dict[str, ParagraphStyle]:
    font = cjk_font()
    body = ParagraphStyle("body", fontName=font, fontSize=10.5, leading=17, wordWrap="CJK")
    return {
        "title": ParagraphStyle(
            "title", parent=body, fontSize=18, leading=26, alignment=TA_CENTER, spaceAfter=4
        ),
        "meta": ParagraphStyle("meta", parent=body, fontSize=9, alignment=TA_CENTER),
        "h": ParagraphStyle("h", parent=body, fontSize=12, leading=20, spaceBefore=8),
        "body": ParagraphStyle("p", parent=body, firstLineIndent=21, spaceAfter=4),
        "cell": ParagraphStyle("cell", parent=body, fontSize=9.5, leading=14),
    }


class _SignatureBox(Flowable):
    """A labelled, framed box; remembers where it was drawn (page, rectangle in points)."""

    def __init__(self, turn: SignTurn, label: str, places: dict[SignTurn, Any]) -> None:
        super().__init__()
        self.turn, self.label, self.places = turn, label, places
        self.width, self.height = BOX_W, BOX_H + 6 * mm

    def draw(self) -> None:
        c = self.canv
        c.setFont(cjk_font(), 9)
        c.drawString(0, BOX_H + 2 * mm, self.label)
        c.setStrokeColor(colors.grey)
        c.setDash(3, 2)
        c.rect(0, 0, BOX_W, BOX_H)
        x, y = c.absolutePosition(0, 0)
        self.places[self.turn] = (c.getPageNumber(), (x, y, x + BOX_W, y + BOX_H))


def _page_number(canvas: Canvas, page: int, total: int) -> None:
    """Writes "第 N 页 共 M 页" once the page count is known."""
    canvas.setFont(cjk_font(), 9)
    canvas.drawCentredString(A4[0] / 2, 10 * mm, f"第 {page} 页 共 {total} 页")


def _table(rows: list[list[Any]], widths: list[float]) -> Table:
    table = Table(rows, colWidths=widths, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), cjk_font()),  # the table's own default: Helvetica
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("BACKGROUND", (0, 0), (0, -1), colors.whitesmoke),
            ]
        )
    )
    return table


def _story(content: DraftContent, places: dict[SignTurn, Any]) -> list[Flowable]:
    s = _styles()
    width = A4[0] - 2 * MARGIN

    def p(text: str, style: str = "cell") -> Paragraph:
        return Paragraph(_escape(text), s[style])

    story: list[Flowable] = [
        p(content.title, "title"),
        p(f"协议编号：{content.number}　模板版本：{content.template_version}", "meta"),
        Spacer(1, 4 * mm),
        p("一、协议各方", "h"),
    ]
    story.append(
        _table(
            [[p("签署方"), p("单位名称"), p("统一社会信用代码")]]
            + [
                [p(party.turn.label_zh), p(party.name), p(party.credit_code)]
                for party in content.parties
            ],
            [0.25 * width, 0.45 * width, 0.30 * width],
        )
    )
    story += [p("二、共享信息资源", "h")]
    facts = [
        ("信息资源名称", content.entry_name),
        ("信息资源代码", content.resource_code or "—"),
        ("应用业务", content.business),
        ("使用对象", content.users),
        ("共享模式", content.share_mode),
        ("截止时间", f"{content.end_date:%Y年%m月%d日}"),
    ]
    story.append(
        _table([[p(k), p(v)] for k, v in facts], [0.25 * width, 0.75 * width]),
    )
    story += [Spacer(1, 3 * mm), p("共享的数据项：", "cell")]
    items = [[p("序号"), p("数据项名称")]] + [
        [p(str(i)), p(name)] for i, name in enumerate(content.data_items, 1)
    ]
    story.append(_table(items, [0.15 * width, 0.85 * width]))
    story.append(p("三、各方权利义务", "h"))
    story += [p(text, "body") for text in content.paragraphs]
    boxes: list[Flowable] = [p("四、签署", "h"), p("各方依次在下列签名栏内加盖电子签名：")]
    for party in content.parties:
        label = f"{party.turn.label_zh}（签章）：{party.name}"
        boxes += [Spacer(1, 2 * mm), _SignatureBox(party.turn, label, places)]
    story.append(KeepTogether(boxes))
    return story


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def render_draft(content: DraftContent) -> bytes:
    """The agreement's revision 0: the document and its three empty signature fields."""
    places: dict[SignTurn, Any] = {}
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=content.title,
        author="GovShare",
        subject=content.number,
        creator="GovShare",
        invariant=True,
        initialFontName=cjk_font(),  # no unembedded Helvetica in the page resources
    )
    doc.build(_story(content, places), canvasmaker=partial(PagedCanvas, decorate=_page_number))
    drawn = buffer.getvalue()
    writer = IncrementalPdfFileWriter(io.BytesIO(drawn))
    # pyHanko gives the update a random second ID; derive it from the content instead, so the
    # same agreement drafts to the same bytes
    first_id = writer._document_id[0]
    writer._document_id = generic.ArrayObject(
        [first_id, generic.ByteStringObject(hashlib.sha256(drawn).digest()[:16])]
    )
    for turn in SIGNING_ORDER:
        page, box = places[turn]
        spec = SigFieldSpec(
            SIGNATURE_FIELDS[turn], on_page=page - 1, box=tuple(round(v, 2) for v in box)
        )
        append_signature_field(writer, spec)
    # SignaturesExist | AppendOnly, as the first signer would set it: the draft is what they
    # sign, and pyHanko's difference analysis refuses a later change of the flags
    form = writer.root["/AcroForm"]
    form[generic.NameObject("/SigFlags")] = generic.NumberObject(3)
    writer.update_container(form)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
