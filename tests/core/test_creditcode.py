"""Tests of 统一社会信用代码 validation (GB 32100-2015)."""

from __future__ import annotations

import pytest

from govshare_core.creditcode import (
    CHARSET,
    CREDIT_CODE_ERRORS,
    compute_check_char,
    is_valid_credit_code,
    make_credit_code,
    validate_credit_code,
)

# Published codes, each confirmed by this implementation.
REAL_CODES = [
    "91350100M000100Y43",  # the worked example of GB 32100-2015
    "11100000MB0143028R",  # 国家市场监督管理总局 (node id on samr.gov.cn)
    "11100000MB0341032Y",  # 国家药品监督管理局 (prefix of zwfw.nmpa.gov.cn service ids)
    "111000000000131433",  # 民政部 (issuer of social-organisation certificates)
    "914403001922038216",  # 华为技术有限公司
    "9144030071526726XG",  # 腾讯科技（深圳）有限公司
    "91110108551385082Q",  # 小米科技有限责任公司
]


@pytest.mark.parametrize("code", REAL_CODES)
def test_real_codes_are_valid(code: str) -> None:
    assert validate_credit_code(code) is None
    assert is_valid_credit_code(code)
    assert compute_check_char(code[:17]) == code[17]
    assert make_credit_code(code[:17]) == code


@pytest.mark.parametrize("code", REAL_CODES)
def test_every_other_check_character_is_rejected(code: str) -> None:
    for wrong in CHARSET.replace(code[17], ""):
        assert validate_credit_code(code[:17] + wrong) == "check_digit"


def test_single_character_typo_is_detected() -> None:
    code = "91350100M000100Y43"
    typo = code[:5] + "2" + code[6:]
    assert validate_credit_code(typo) == "check_digit"


def test_check_value_31_maps_to_zero() -> None:
    # Seventeen zeros weigh 0, so 31 - 0 = 31, which the standard writes as "0".
    assert compute_check_char("0" * 17) == "0"
    assert is_valid_credit_code("0" * 18)


def test_charset_excludes_i_o_z_s_v() -> None:
    assert len(CHARSET) == 31
    assert not set("IOZSV") & set(CHARSET)


@pytest.mark.parametrize("letter", "IOZSV")
def test_forbidden_letters_are_rejected(letter: str) -> None:
    code = "91350100M000100Y43"
    assert validate_credit_code(code[:8] + letter + code[9:]) == "charset"
    with pytest.raises(ValueError):
        compute_check_char(code[:8] + letter + code[9:17])


def test_lowercase_is_rejected() -> None:
    assert validate_credit_code("91350100m000100y43") == "charset"
    assert not is_valid_credit_code("9144030071526726xg")


@pytest.mark.parametrize(
    "code", ["", "91350100M000100Y4", "91350100M000100Y433", " 91350100M000100Y43"]
)
def test_wrong_length_is_rejected(code: str) -> None:
    assert validate_credit_code(code) == "length"


def test_non_ascii_characters_are_rejected() -> None:
    assert validate_credit_code("９1350100M000100Y43") == "charset"  # full-width digit
    assert validate_credit_code("91350100M000100Y4-") == "charset"


def test_compute_check_char_needs_17_characters() -> None:
    with pytest.raises(ValueError):
        compute_check_char("91350100M000100Y")
    with pytest.raises(ValueError):
        make_credit_code("91350100M000100Y43")


def test_every_error_code_has_chinese_and_english_messages() -> None:
    assert set(CREDIT_CODE_ERRORS) == {"length", "charset", "check_digit"}
    for zh, en in CREDIT_CODE_ERRORS.values():
        assert zh and en
