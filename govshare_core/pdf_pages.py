"""What every printed document of both programs shares (the platform's agreement draft, the
desktop's forms and assessment report): the CJK font, registered with reportlab once
(`cjk_font`), and the page furniture that needs the page count ("第 n 页 / 共 m 页").
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Final

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from govshare_core.resources import CJK_FONT, CJK_FONT_SUBFONT_INDEX

CJK_FONT_NAME: Final = "WenQuanYiMicroHei"
_font_lock = threading.Lock()


def cjk_font() -> str:
    """The CJK font's reportlab name: WenQuanYi Micro Hei (TrueType, embedded as a subset;
    reportlab cannot embed the OpenType/CFF Noto fonts), registered once per process. Under a
    lock: the desktop builds PDFs off the UI thread, the platform in its request threads."""
    with _font_lock:
        if CJK_FONT_NAME not in pdfmetrics.getRegisteredFontNames():
            face = TTFont(CJK_FONT_NAME, str(CJK_FONT), subfontIndex=CJK_FONT_SUBFONT_INDEX)
            pdfmetrics.registerFont(face)
    return CJK_FONT_NAME


class PagedCanvas(Canvas):
    """Keeps every page until the end, then `decorate(canvas, page, total)` draws each page's
    header and footer knowing the page count. Use with `functools.partial` as a canvasmaker."""

    def __init__(
        self, *args: Any, decorate: Callable[[Canvas, int, int], None], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._decorate = decorate
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._decorate(self, self._pageNumber, total)
            super().showPage()
        super().save()
