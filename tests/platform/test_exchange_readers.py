"""check_zip of the XLSX deliveries (第二十三条): the core's zip-bomb check under the delivery's
own size limit, its refusals as delivery problems (no database needed)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from govshare_core.exchange import DeliveryProblem
from govshare_platform.exchange.readers import FileProblem, check_zip


def _zip(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def _problem(path: Path, max_bytes: int) -> tuple[DeliveryProblem, str | None]:
    with pytest.raises(FileProblem) as caught:
        check_zip(path, max_bytes)
    return caught.value.code, caught.value.value


def test_check_zip(tmp_path: Path) -> None:
    plain = _zip(tmp_path / "plain.xlsx", {"[Content_Types].xml": b"<Types/>" * 100})
    check_zip(plain, 10_000)  # within: no problem
    assert _problem(plain, 100) == (DeliveryProblem.ZIP_BOMB, "800 bytes")
    bomb = _zip(tmp_path / "bomb.xlsx", {"xl/worksheets/sheet1.xml": b"0" * (4 * 1024 * 1024)})
    assert _problem(bomb, 10**9) == (DeliveryProblem.ZIP_BOMB, "xl/worksheets/sheet1.xml")
    (tmp_path / "a.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    assert _problem(tmp_path / "a.csv", 10**9) == (DeliveryProblem.NOT_A_SPREADSHEET, None)
    many = _zip(tmp_path / "many.xlsx", {f"p{n}.xml": b"<x/>" for n in range(2100)})
    check_zip(many, 10**9)  # a delivery has no part-count limit (a catalog workbook has)
