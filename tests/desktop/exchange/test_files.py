"""The exchange pages' local file work: the header pre-check (CSV in either encoding, XLSX),
keys from a file, exports neutralised, and the keyset paging adapter."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook

from govshare_core.exchange import DeliveryProblem
from govshare_desktop.exchange import files, transfer
from govshare_desktop.exchange.log_page import keyset_fetcher
from tests.desktop.exchange.support import HEADER, ITEMS


def test_pre_check_of_a_csv_header(tmp_path: Path) -> None:
    good = tmp_path / "good.csv"
    good.write_bytes(("\ufeff" + ",".join(HEADER) + "\n1,2,3,4\n").encode("utf-8"))
    assert files.pre_check(good, "csv", "utf-8", ITEMS).ok
    gb = tmp_path / "gb.csv"
    gb.write_bytes((",".join(HEADER) + "\r\n").encode("gb18030"))
    assert files.pre_check(gb, "csv", "gb18030", ITEMS).ok
    wrong = files.pre_check(gb, "csv", "utf-8", ITEMS)
    assert wrong.problems == [(DeliveryProblem.BAD_ENCODING, "")]
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert files.pre_check(empty, "csv", "utf-8", ITEMS).problems[0][0] == "empty_file"


def test_pre_check_of_an_xlsx_header(tmp_path: Path) -> None:
    book = Workbook()
    book.active.append([*HEADER[:3], "备注"])
    path = tmp_path / "a.xlsx"
    book.save(path)
    problems = set(files.pre_check(path, "xlsx", "utf-8", ITEMS).problems)
    assert problems == {
        (DeliveryProblem.UNKNOWN_COLUMN, "备注"),
        (DeliveryProblem.MISSING_COLUMN, "出生日期"),
    }
    not_xlsx = tmp_path / "b.xlsx"
    not_xlsx.write_bytes(b"PK\x03\x04 not a workbook")
    assert files.pre_check(not_xlsx, "xlsx", "utf-8", ITEMS).problems[0][0] == "not_a_spreadsheet"


def test_exports_are_neutralised(tmp_path: Path) -> None:
    rows = [["=cmd|' /C calc'!A0", "-5", "@SUM(A1)", "张三"]]
    for name in ("t.csv", "t.xlsx"):
        path = tmp_path / name
        assert files.write_table(path, ["a", "b", "c", "d"], rows) == 1
        if name.endswith(".csv"):
            with path.open(encoding="utf-8-sig", newline="") as f:
                got = list(csv.reader(f))[1]
        else:
            got = list(
                next(load_workbook(path).worksheets[0].iter_rows(min_row=2, values_only=True))
            )
        assert got == ["'=cmd|' /C calc'!A0", "-5", "'@SUM(A1)", "张三"]


def test_keys_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "keys.csv"
    path.write_bytes(
        "公民身份号码,姓名\n320601,张三\n\n320602,李四\n320601,张三\n".encode("gb18030")
    )
    assert transfer.clean_keys(files.read_keys(path)) == ["公民身份号码", "320601", "320602"]
    assert [len(b) for b in transfer.batches([str(n) for n in range(2500)])] == [1000, 1000, 500]


def test_keyset_fetcher_follows_next_before_id() -> None:
    asked: list[Any] = []
    pages = {
        None: ([{"id": 5}, {"id": 4}], 4),
        4: ([{"id": 3}, {"id": 2}], 2),
        2: ([{"id": 1}], None),
    }

    def get(path: str, *, before_id: int | None, limit: int, **params: Any) -> dict[str, Any]:
        asked.append(before_id)
        items, following = pages[before_id]
        return {"items": items, "next_before_id": following, "limit": limit}

    fetch = keyset_fetcher(get, "/log", {})
    assert fetch(0, 2) == ([{"id": 5}, {"id": 4}], None)
    assert fetch(2, 2) == ([{"id": 3}, {"id": 2}], None)
    assert fetch(4, 2) == ([{"id": 1}], 5)
    assert asked == [None, 4, 2]
