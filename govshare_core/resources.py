"""Data files the core ships for both programs: the CJK font that PDFs embed.

reportlab embeds TrueType only, so Chinese PDFs (the platform's agreements, the desktop's
reports) use WenQuanYi Micro Hei, a TrueType collection: register it with `subfontIndex=0`.
The licence sits beside it (`fonts/NOTICE.md`).
"""

from __future__ import annotations

from pathlib import Path

FONTS_DIR = Path(__file__).resolve().parent / "fonts"
CJK_FONT = FONTS_DIR / "wqy-microhei.ttc"
CJK_FONT_SUBFONT_INDEX = 0
CJK_FONT_LICENCE = FONTS_DIR / "LICENSE-Apache-2.0.txt"
