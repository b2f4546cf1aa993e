"""`cell_checker` (one column's checks looked up once) answers exactly as `check_cell`."""

from __future__ import annotations

import itertools

from govshare_core.exchange import cell_checker, check_cell
from govshare_core.schemas import DataItem
from govshare_core.vocab import DataType

VALUES = (
    "",
    " ",
    "0",
    "-5",
    "+12",
    "12.50",
    ".5",
    "1e5",
    "1E-3",
    "abc",
    "三千",
    "2024-02-29",
    "2023-02-29",
    "20240101",
    "2024-01-01 09:30",
    "2024-01-01T25:00",
    "2024-01-01 09:30:59Z",
    "true",
    "否",
    "Y",
    "=cmd|' /C calc'!A0",
    "12345678901234567890",
    "名" * 30,
)


def test_cell_checker_matches_check_cell() -> None:
    for data_type, length, is_key in itertools.product(DataType, (None, 3, 18), (False, True)):
        item = DataItem(name="项", data_type=data_type, length=length)
        check = cell_checker(item, is_key=is_key)
        for value in VALUES:
            assert check(value) == check_cell(item, value, is_key=is_key), (data_type, value)
