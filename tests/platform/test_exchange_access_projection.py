"""The projected CSV's fast path gives exactly what csv + neutralise_cell give, whatever the
cells hold (quotes, commas, line breaks, formulas, empty cells) and wherever the chunks cut."""

from __future__ import annotations

import csv
import io
import random

import pytest

from govshare_core.exchange import neutralise_cell
from govshare_platform.exchange.csv_projection import projected_csv
from govshare_platform.exchange.projection import Progress
from govshare_platform.exchange.tabular import RISKY_START

HEADER = ["k", "a", "b", "c"]
ODD = ["", "=cmd|' /C calc'!A0", "-5", "-x", "+1", "@SUM(A1)", "\tx", 'a,"b"\n=c', "x\r\ny", "普通"]


def _canonical(rows: list[list[str]]) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return text.getvalue().encode()


@pytest.mark.parametrize("wanted", [["k", "b"], ["c"], ["c", "a", "k"]])
@pytest.mark.parametrize("chunk", [7, 64, 4096])
def test_fast_path_matches_the_csv_module(wanted: list[str], chunk: int) -> None:
    rng = random.Random(chunk)
    rows = [[str(n), *(rng.choice(ODD + ["plain"] * 20) for _ in range(3))] for n in range(300)]
    data = _canonical(rows)
    chunks = [data[i : i + chunk] for i in range(0, len(data), chunk)]
    progress = Progress()
    out = b"".join(projected_csv(chunks, wanted, still_granted=lambda: True, progress=progress))
    got = list(csv.reader(io.StringIO(out.decode(), newline="")))
    index = [HEADER.index(w) for w in wanted]
    assert got[0] == wanted
    assert got[1:] == [[neutralise_cell(r[i]) for i in index] for r in rows]
    assert progress.rows == 300


def test_the_prefilter_covers_neutralise_cell() -> None:
    for code in range(0x250):
        cell = chr(code) + "cmd"
        if neutralise_cell(cell) != cell:
            assert cell.startswith(RISKY_START), repr(cell)
