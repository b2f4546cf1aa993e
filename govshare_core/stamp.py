"""The visible stamp of an agreement signature (第三十条): Chinese text in the embedded CJK font,
one style for both programs (the desktop signs the departments' turns, the platform its own).

pyHanko's OpenType engine opens a font with fontTools' `TTFont(handle)`, which refuses a
TrueType collection (.ttc: "specify a font number"). WenQuanYi Micro Hei ships as a collection,
so its subfont 0 is written once as a plain .ttf into a cache folder. Embedding from that
4.6 MB font costs pyHanko ~2 s per signature (it parses and subsets the whole font); cutting it
first to the stamp's own characters (fontTools) and handing pyHanko that small font keeps a
signature well under a second.

pyHanko 0.38 writes the CIDFont's /W widths in font units, while PDF wants thousandths of an
em; WenQuanYi has 2048 units per em, so poppler drew every glyph twice as wide apart (and cut
the time off the box). The small font is therefore rescaled to 1000 units per em (fontTools'
scale_upem), which makes both agree.
"""

from __future__ import annotations

import tempfile
import threading
from dataclasses import dataclass
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont
from fontTools.ttLib.scaleUpem import scale_upem
from pyhanko.pdf_utils.font.api import FontEngineFactory
from pyhanko.pdf_utils.font.opentype import GlyphAccumulator
from pyhanko.pdf_utils.layout import AxisAlignment, InnerScaling, Margins, SimpleBoxLayoutRule
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.pdf_utils.writer import BasePdfFileWriter
from pyhanko.stamp import TextStampStyle

from govshare_core.resources import CJK_FONT, CJK_FONT_SUBFONT_INDEX

STAMP_FONT_SIZE = 9
STAMP_PARAM = "agreement_stamp"
"""The appearance text parameter the stamp's text comes in (`appearance_text_params`)."""
PDF_UNITS_PER_EM = 1000
_lock = threading.Lock()


def stamp_font(cache_dir: Path | None = None) -> Path:
    """The CJK font as a single .ttf (subfont 0 of the shipped collection), made once per cache
    folder (default: the system's temporary folder) and font file."""
    source = CJK_FONT
    if source.suffix.lower() != ".ttc":
        return source
    folder = cache_dir or Path(tempfile.gettempdir())
    stat = source.stat()
    target = folder / f"govshare-{source.stem}-{stat.st_size}-{CJK_FONT_SUBFONT_INDEX}.ttf"
    with _lock:
        if not target.is_file():
            folder.mkdir(parents=True, exist_ok=True)
            part = target.with_suffix(f".{threading.get_ident()}.part")
            TTCollection(str(source)).fonts[CJK_FONT_SUBFONT_INDEX].save(str(part))
            part.replace(target)
    return target


def _options() -> subset.Options:
    options = subset.Options()
    options.hinting = False
    options.glyph_names = False
    options.layout_features = []
    options.notdef_outline = True
    options.drop_tables += ["FFTM"]
    return options


def _gb2312() -> str:
    """Every character of GB 2312 (the 6,763 hanzi of names and places, CJK punctuation, full-
    width forms) and printable ASCII."""
    chars = [chr(c) for c in range(0x20, 0x7F)]
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                chars.append(bytes((high, low)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return "".join(chars)


BASE_CHARSET = frozenset(_gb2312())
_base_fonts: dict[Path, bytes] = {}


def _base_font(font_file: Path) -> bytes:
    """The font cut to BASE_CHARSET (a quarter of its glyphs), made once beside `font_file` (a
    cache file, like `stamp_font`'s) and kept in memory: cutting each stamp's font from it
    instead of the whole font makes a stamp about five times faster."""
    with _lock:
        if font_file not in _base_fonts:
            target = font_file.with_name(f"{font_file.stem}-gb2312.ttf")
            if not target.is_file():
                font = TTFont(str(font_file), lazy=True)
                subsetter = subset.Subsetter(_options())
                subsetter.populate(text="".join(sorted(BASE_CHARSET)))
                subsetter.subset(font)
                part = target.with_suffix(f".{threading.get_ident()}.part")
                font.save(str(part))
                part.replace(target)
            _base_fonts[font_file] = target.read_bytes()
        return _base_fonts[font_file]


STOCK_CHARS = frozenset("0123456789-: ")
"""Always in a stamp's font: the digits and separators of the signing time, so that one signer's
stamps at different times share one cut font (`font_for_text` caches by character set)."""


def font_for_text(font_file: Path, text: str) -> bytes:
    """A TrueType font holding only the glyphs of `text` (and STOCK_CHARS; no hinting, no layout
    tables), at 1000 units per em. Cut from the GB 2312 base font when `text` stays within it,
    else from the whole font (a rare character in a name). Cached by character set: cutting
    takes about a second (the demo city's seed signs 21 times)."""
    glyphs = frozenset(c for c in text if c.isprintable())  # a line break is no glyph
    return _font_for_chars(font_file, glyphs | STOCK_CHARS)


@lru_cache(maxsize=64)
def _font_for_chars(font_file: Path, chars: frozenset[str]) -> bytes:
    if chars <= BASE_CHARSET:
        font = TTFont(BytesIO(_base_font(font_file)), lazy=True)
    else:
        font = TTFont(str(font_file), lazy=True)
    subsetter = subset.Subsetter(_options())
    subsetter.populate(text="".join(sorted(chars)))
    subsetter.subset(font)
    if font["head"].unitsPerEm != PDF_UNITS_PER_EM:
        scale_upem(font, PDF_UNITS_PER_EM)
    out = BytesIO()
    font.save(out)
    return out.getvalue()


@dataclass(frozen=True)
class _EmbeddedFont(FontEngineFactory):
    """pyHanko's GlyphAccumulatorFactory, from font bytes instead of a file path."""

    font_bytes: bytes
    font_size: int = STAMP_FONT_SIZE

    def create_font_engine(
        self, writer: BasePdfFileWriter, obj_stream: object = None
    ) -> GlyphAccumulator:
        if obj_stream is None and writer.stream_xrefs:
            obj_stream = writer.prepare_object_stream()
        return GlyphAccumulator(
            writer=writer,
            font_handle=BytesIO(self.font_bytes),
            font_size=self.font_size,
            obj_stream=obj_stream,
        )


def stamp_style(text: str, *, cache_dir: Path | None = None) -> TextStampStyle:
    """A bordered text box for `text`, passed to the signer as the `STAMP_PARAM` parameter:

    PdfSigner(meta, signer, stamp_style=stamp_style(text)).sign_pdf(
        writer, existing_fields_only=True, appearance_text_params={STAMP_PARAM: text})
    """
    font = _EmbeddedFont(font_for_text(stamp_font(cache_dir), text))
    return TextStampStyle(
        stamp_text=f"%({STAMP_PARAM})s",
        border_width=1,
        inner_content_layout=SimpleBoxLayoutRule(
            x_align=AxisAlignment.ALIGN_MIN,
            y_align=AxisAlignment.ALIGN_MID,
            margins=Margins.uniform(6),
            inner_content_scaling=InnerScaling.SHRINK_TO_FIT,  # a long department name fits
        ),
        text_box_style=TextBoxStyle(font=font, font_size=STAMP_FONT_SIZE, leading=13),
    )
