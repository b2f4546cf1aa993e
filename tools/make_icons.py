"""Render the application icon (resources/icons/govshare.svg) to the formats builds need.

    python tools/make_icons.py

writes govshare.ico (the Windows executable's icon, 256×256) and govshare.png (256×256, for
Linux desktop files) beside the SVG. Run it after changing the SVG; both outputs are committed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parents[1] / "govshare_desktop" / "resources" / "icons"


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(ICONS / "govshare.svg"))
    image = QImage(256, 256, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    for name in ("govshare.ico", "govshare.png"):
        if not image.save(str(ICONS / name)):
            print(f"error: could not write {name}", file=sys.stderr)
            return 1
        print(f"wrote {ICONS / name}")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
