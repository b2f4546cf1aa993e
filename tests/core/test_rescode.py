"""Tests of 信息资源代码 (resource codes): classification prefix and sequence."""

from __future__ import annotations

import pytest

from govshare_core.rescode import (
    MAX_SEQUENCE,
    RESOURCE_CODE_ERRORS,
    classification_prefix,
    format_resource_code,
    is_valid_resource_code,
    parse_resource_code,
    split_prefix,
    validate_classification,
    validate_prefix,
    validate_resource_code,
)


def test_classification_prefix_concatenates_levels() -> None:
    assert classification_prefix(1, "01") == "101"
    assert classification_prefix(1, "01", "001") == "101001"
    assert classification_prefix(3, "12", "045", "07") == "31204507"


@pytest.mark.parametrize(
    ("args", "error"),
    [
        ((0, "01", "001", None), "class"),
        ((4, "01", "001", None), "class"),
        ((True, "01", "001", None), "class"),
        ((1, "1", "001", None), "item"),
        ((1, "001", "001", None), "item"),
        ((1, "0a", "001", None), "item"),
        ((1, "０１", "001", None), "item"),  # full-width digits
        ((1, "01", "01", None), "catalog"),
        ((1, "01", "0001", None), "catalog"),
        ((1, "01", "001", ""), "detail"),
        ((1, "01", "001", "7x"), "detail"),
        ((1, "01", None, "07"), "detail_without_catalog"),
    ],
)
def test_invalid_classifications(args: tuple[int, str, str | None, str | None], error: str) -> None:
    assert validate_classification(*args) == error
    with pytest.raises(ValueError, match=error):
        classification_prefix(*args)


def test_valid_classifications() -> None:
    assert validate_classification(2, "03") is None
    assert validate_classification(2, "03", "100") is None
    assert validate_classification(2, "03", "100", "1") is None


def test_format_and_parse_round_trip() -> None:
    code = format_resource_code("101001", 123)
    assert code == "101001/000123"
    assert parse_resource_code(code) == ("101001", 123)
    assert parse_resource_code("31204507/999999") == ("31204507", MAX_SEQUENCE)


@pytest.mark.parametrize("seq", [0, -1, MAX_SEQUENCE + 1])
def test_format_rejects_sequence_out_of_range(seq: int) -> None:
    with pytest.raises(ValueError, match="sequence"):
        format_resource_code("101001", seq)


@pytest.mark.parametrize("prefix", ["", "101", "10100", "401001", "101a01", "101001/"])
def test_format_rejects_incomplete_or_malformed_prefix(prefix: str) -> None:
    assert validate_prefix(prefix) == "prefix"
    with pytest.raises(ValueError, match="prefix"):
        format_resource_code(prefix, 1)


def test_split_prefix() -> None:
    assert split_prefix("101001") == (1, "01", "001", None)
    assert split_prefix("31204507") == (3, "12", "045", "07")


@pytest.mark.parametrize(
    ("code", "error"),
    [
        ("101001000123", "format"),
        ("101001/000123/1", "format"),
        ("101001/123", "sequence"),
        ("101001/0001234", "sequence"),
        ("101001/000000", "sequence"),
        ("101001/00012a", "sequence"),
        ("10100/000123", "prefix"),
        ("501001/000123", "prefix"),
    ],
)
def test_invalid_resource_codes(code: str, error: str) -> None:
    assert validate_resource_code(code) == error
    assert not is_valid_resource_code(code)
    with pytest.raises(ValueError, match=error):
        parse_resource_code(code)


def test_every_error_code_has_chinese_and_english_messages() -> None:
    codes = {"class", "item", "catalog", "detail", "detail_without_catalog", "prefix"}
    codes |= {"format", "sequence"}
    assert set(RESOURCE_CODE_ERRORS) == codes
    for zh, en in RESOURCE_CODE_ERRORS.values():
        assert zh and en
