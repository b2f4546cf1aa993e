"""Fast text for the printed report: line breaking by the font's own glyph widths and a light
flowable that draws the lines (it splits across pages).

reportlab's Paragraph parses markup and measures fragment by fragment; a 100-department report
holds thousands of short texts, and Paragraph alone took several seconds. The report needs no
markup: one font, one colour per block. CJK text breaks between any two characters (never
before closing punctuation); Latin words break at spaces.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Final

from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable

from govshare_desktop.assessment.report_style import STYLES, TextStyle, font

NO_LINE_START: Final = frozenset("，。、；：？！）》」』】〕’”,.;:?!)]%")
"""Characters a line must not begin with (they stay on the line before)."""


def _widths() -> tuple[dict[int, int], int]:
    face = pdfmetrics.getFont(font()).face
    return face.charWidths, int(face.defaultWidth)


def text_width(text: str, size: float) -> float:
    widths, default = _widths()
    return sum(widths.get(ord(ch), default) for ch in text) * size / 1000


def wrap_lines(text: str, width: float, size: float) -> list[str]:
    """`text` broken into lines no wider than `width` points at `size` (explicit newlines
    kept; a single character wider than the line still gets a line of its own)."""
    widths, default = _widths()
    limit = width * 1000 / size
    out: list[str] = []
    for paragraph in text.split("\n"):
        line: list[str] = []
        used = 0
        for ch in paragraph:
            w = widths.get(ord(ch), default)
            if line and used + w > limit:
                carry = _carry(line, ch)
                out.append("".join(line[: len(line) - len(carry)]).rstrip())
                line = carry
                used = sum(widths.get(ord(c), default) for c in line)
                if ch == " " and not line:
                    continue
            line.append(ch)
            used += w
        out.append("".join(line).rstrip())
    return out


def _carry(line: list[str], ch: str) -> list[str]:
    """What moves to the next line when `ch` does not fit: the last word of a Latin word being
    broken, or the last character before a closing punctuation mark."""
    if ch in NO_LINE_START and len(line) > 1:
        return line[-1:]
    if ch.isascii() and ch.isalnum() and line[-1].isascii() and line[-1].isalnum():
        for i in range(len(line) - 1, 0, -1):
            if line[i] == " ":
                return line[i + 1 :]
    return []


def cell_text(text: str, width: float, size: float = 8, padding: float = 6) -> str:
    """A table cell's text pre-broken for a column `width` wide (a Table draws the lines)."""
    return "\n".join(wrap_lines(text, width - padding, size))


class TextBlock(Flowable):
    """A block of plain text in the report's font, broken into lines to the frame's width."""

    def __init__(self, text: str, style: TextStyle, *, lines: Sequence[str] | None = None) -> None:
        super().__init__()
        self.text, self.style = text, style
        self._lines: list[str] = list(lines) if lines is not None else []
        self._fixed = lines is not None  # a part of a split block keeps its lines
        self._wrapped_for: float | None = None
        self.width = self.height = 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if not self._fixed and self._wrapped_for != availWidth:
            self._lines = wrap_lines(self.text, availWidth, self.style.size)
            self._wrapped_for = availWidth
        self.width = availWidth
        self.height = len(self._lines) * self.style.leading
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.wrap(availWidth, availHeight)
        fit = int(availHeight // self.style.leading)
        if fit < 1 or fit >= len(self._lines):
            return []
        head = replace(self.style, after=0)
        tail = replace(self.style, before=0)
        return [
            TextBlock(self.text, head, lines=self._lines[:fit]),
            TextBlock(self.text, tail, lines=self._lines[fit:]),
        ]

    def getSpaceBefore(self) -> float:
        return self.style.before

    def getSpaceAfter(self) -> float:
        return self.style.after

    def draw(self) -> None:
        c, s = self.canv, self.style
        c.setFont(font(), s.size)
        c.setFillColor(s.colour)
        # the glyphs centred in each line's leading (ascent ≈ 0.86 of the size)
        y = self.height - (s.leading - s.size) / 2 - 0.86 * s.size
        for line in self._lines:
            if s.align == "centre":
                c.drawCentredString(self.width / 2, y, line)
            else:
                c.drawString(0, y, line)
            y -= s.leading


def text(content: str, style: str = "body") -> TextBlock:
    return TextBlock(content, STYLES[style])
