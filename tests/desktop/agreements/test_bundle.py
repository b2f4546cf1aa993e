"""The agreement viewer's Qt modules ship in the PyInstaller bundle: none is excluded, and the
viewer (or the common PDF pages it shows the PDF with) imports them statically (so PyInstaller's
analysis finds them)."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "tools"))
import bundle_data  # noqa: E402

VIEWER_MODULES = ("PySide6.QtPdf", "PySide6.QtPdfWidgets", "PySide6.QtPrintSupport")


def test_the_viewer_modules_are_not_excluded_from_the_bundle() -> None:
    excluded = set(bundle_data.BUNDLE_EXCLUDES)
    for module in VIEWER_MODULES:
        assert module not in excluded
        assert module.split(".")[0] not in excluded


def test_the_viewer_imports_them_at_module_level() -> None:
    imported: set[str | None] = set()
    for module in ("agreements/viewer.py", "common/pdf_preview.py"):
        source = (ROOT / "govshare_desktop" / module).read_text(encoding="utf-8")
        tree = ast.parse(source)
        imported |= {n.module for n in tree.body if isinstance(n, ast.ImportFrom)}
    assert "govshare_desktop.common.pdf_preview" in imported  # the viewer's pages
    assert set(VIEWER_MODULES) <= imported
