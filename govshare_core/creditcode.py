"""统一社会信用代码 (unified social credit code, GB 32100-2015): validation and check character.

The provider code of a catalog entry (docs/design.md §3, element 5) is the department's credit code.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

CODE_LENGTH: Final = 18
CHARSET: Final = "0123456789ABCDEFGHJKLMNPQRTUWXY"
"""The 31 code characters of GB 32100: digits and capitals without I, O, Z, S, V."""

_VALUES: Final = {char: value for value, char in enumerate(CHARSET)}
_WEIGHTS: Final = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

CREDIT_CODE_ERRORS: Final[Mapping[str, tuple[str, str]]] = MappingProxyType(
    {
        "length": ("统一社会信用代码应为18位", "A credit code has 18 characters"),
        "charset": (
            "统一社会信用代码只能包含数字和大写字母（不含I、O、Z、S、V）",
            "A credit code uses digits and capital letters except I, O, Z, S, V",
        ),
        "check_digit": (
            "统一社会信用代码校验码错误",
            "The check character of the credit code is wrong",
        ),
    }
)
"""Error code → (Chinese, English) message for `validate_credit_code`."""


def compute_check_char(first17: str) -> str:
    """Return the 18th (check) character for the first 17 characters (GB 32100 §4.3)."""
    if len(first17) != CODE_LENGTH - 1 or any(c not in _VALUES for c in first17):
        raise ValueError(f"expected 17 characters of {CHARSET!r}, got {first17!r}")
    total = sum(_VALUES[c] * w for c, w in zip(first17, _WEIGHTS, strict=True))
    return CHARSET[(31 - total % 31) % 31]


def make_credit_code(first17: str) -> str:
    """Return the full 18-character credit code: `first17` plus its check character."""
    return first17 + compute_check_char(first17)


def validate_credit_code(code: str) -> str | None:
    """Return None if `code` is a valid credit code, else "length", "charset" or "check_digit"."""
    if len(code) != CODE_LENGTH:
        return "length"
    if any(c not in _VALUES for c in code):
        return "charset"
    if compute_check_char(code[:-1]) != code[-1]:
        return "check_digit"
    return None


def is_valid_credit_code(code: str) -> bool:
    """Return True if `code` is a valid 统一社会信用代码."""
    return validate_credit_code(code) is None
