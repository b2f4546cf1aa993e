"""The one zip-bomb check (govshare_core.spreadsheet.zip_bomb) under the limits of each caller:
the catalog workbooks' (part count, total, ratio) and the XLSX deliveries' (their own total)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from govshare_core.spreadsheet import SMALL_PART, XLSX_LIMITS, ZipLimits, zip_bomb


def _infos(tmp_path: Path, parts: dict[str, bytes]) -> list[zipfile.ZipInfo]:
    path = tmp_path / "parts.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    with zipfile.ZipFile(path) as archive:
        return archive.infolist()


def test_within_the_limits(tmp_path: Path) -> None:
    small = _infos(tmp_path, {"a.xml": b"\0" * (SMALL_PART - 1), "b.xml": b"<x/>"})
    assert zip_bomb(small, XLSX_LIMITS) is None  # a small part may compress as it likes
    assert zip_bomb(small, ZipLimits(max_bytes=SMALL_PART + 3, max_ratio=100)) is None


def test_a_part_that_expands_too_far(tmp_path: Path) -> None:
    infos = _infos(tmp_path, {"ok.xml": b"<x/>", "xl/media/pad.bin": b"\0" * (2 * SMALL_PART)})
    assert zip_bomb(infos, XLSX_LIMITS) == "xl/media/pad.bin"
    assert zip_bomb(infos, ZipLimits(max_bytes=10**9, max_ratio=100)) == "xl/media/pad.bin"
    assert zip_bomb(infos, ZipLimits(max_bytes=10**9, max_ratio=10**6)) is None


def test_the_total_and_the_part_count(tmp_path: Path) -> None:
    infos = _infos(tmp_path, {f"p{n}.xml": b"<x/>" * 10 for n in range(5)})
    total = sum(i.file_size for i in infos)
    assert zip_bomb(infos, ZipLimits(max_bytes=total - 1, max_ratio=100)) == f"{total} bytes"
    assert zip_bomb(infos, ZipLimits(max_bytes=total, max_ratio=100)) is None
    assert zip_bomb(infos, ZipLimits(max_bytes=total, max_ratio=100, max_parts=4)) == "5 parts"
    assert zip_bomb(infos, ZipLimits(max_bytes=total, max_ratio=100)) is None  # no count limit
