"""The stamp's font is cut from a GB 2312 base font when it can, from the whole font otherwise:
either way it holds every glyph the text needs (第三十条 signature stamps)."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from fontTools.ttLib import TTFont

from govshare_core.stamp import BASE_CHARSET, PDF_UNITS_PER_EM, font_for_text, stamp_font


def _cmap(data: bytes) -> dict[int, str]:
    return TTFont(BytesIO(data)).getBestCmap()


def test_a_common_text_gets_its_glyphs_from_the_base_font(tmp_path: Path) -> None:
    text = "南通市公安局 张伟 2026-12-01 签署"
    assert set(text) <= BASE_CHARSET
    data = font_for_text(stamp_font(tmp_path), text)
    cmap = _cmap(data)
    assert all(ord(c) in cmap for c in text if c != " ")
    assert "我" not in {chr(c) for c in cmap}  # only the text's own glyphs
    assert TTFont(BytesIO(data))["head"].unitsPerEm == PDF_UNITS_PER_EM
    assert (tmp_path / f"{stamp_font(tmp_path).stem}-gb2312.ttf").is_file()  # made once


def test_a_rare_character_outside_gb2312_still_gets_its_glyph(tmp_path: Path) -> None:
    font = stamp_font(tmp_path)
    whole = TTFont(str(font)).getBestCmap()
    rare = next(chr(c) for c in sorted(whole) if c >= 0x4E00 and chr(c) not in BASE_CHARSET)
    text = f"王{rare}"
    assert ord(rare) in _cmap(font_for_text(font, text))
