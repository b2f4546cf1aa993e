"""Page furniture for reportlab documents that needs the page count ("第 n 页 / 共 m 页").

One canvas for every printed document of both programs: the platform's agreement draft and the
desktop's forms and assessment report.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.pdfgen.canvas import Canvas


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
