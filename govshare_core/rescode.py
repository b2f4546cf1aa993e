"""信息资源代码 (resource code) of a catalog entry: 前段码 "/" 后段码 (docs/design.md §3 #3).

前段码 is the classification: 类 (1 digit, 1–3) + 项 (2 digits) + 目 (3 digits) + optional 细目
(digits). 后段码 is a 6-digit sequence per 前段码, assigned by the platform and never reused.
Example: "101001/000123".
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

SEPARATOR: Final = "/"
SEQUENCE_DIGITS: Final = 6
MAX_SEQUENCE: Final = 10**SEQUENCE_DIGITS - 1
CLASSES: Final = (1, 2, 3)
"""类: 1 基础信息资源, 2 主题信息资源, 3 部门信息资源."""

_ITEM_DIGITS: Final = 2
_CATALOG_DIGITS: Final = 3
_PREFIX_MIN_DIGITS: Final = 1 + _ITEM_DIGITS + _CATALOG_DIGITS

RESOURCE_CODE_ERRORS: Final[Mapping[str, tuple[str, str]]] = MappingProxyType(
    {
        "class": ("类应为1、2或3", "The class (类) must be 1, 2 or 3"),
        "item": ("项应为2位数字", "The item (项) must be 2 digits"),
        "catalog": ("目应为3位数字", "The catalog (目) must be 3 digits"),
        "detail": ("细目应为数字", "The detail (细目) must be digits"),
        "detail_without_catalog": (
            "填写细目前须先填写目",
            "A detail (细目) needs a catalog (目)",
        ),
        "prefix": (
            "前段码应为类、项、目（及细目）组成的数字",
            "The prefix must be the digits of class, item, catalog (and detail)",
        ),
        "format": (
            "信息资源代码应为“前段码/后段码”",
            "A resource code has the form prefix/sequence",
        ),
        "sequence": ("后段码应为6位数字", "The sequence must be 6 digits"),
    }
)
"""Error code → (Chinese, English) message for the validators of this module."""


def _is_digits(text: str, length: int | None = None) -> bool:
    """Return True if `text` is ASCII digits (of exactly `length`, when given)."""
    if length is not None and len(text) != length:
        return False
    return text.isascii() and text.isdigit()


def validate_classification(
    cls: int, item: str, catalog: str | None = None, detail: str | None = None
) -> str | None:
    """Return None if 类/项/目/细目 are well-formed, else an error code of RESOURCE_CODE_ERRORS."""
    if isinstance(cls, bool) or cls not in CLASSES:
        return "class"
    if not _is_digits(item, _ITEM_DIGITS):
        return "item"
    if catalog is not None and not _is_digits(catalog, _CATALOG_DIGITS):
        return "catalog"
    if detail is not None and not _is_digits(detail):
        return "detail"
    if detail is not None and catalog is None:
        return "detail_without_catalog"
    return None


def classification_prefix(
    cls: int, item: str, catalog: str | None = None, detail: str | None = None
) -> str:
    """Return the code of a classification node, e.g. (1, "01", "001") → "101001"."""
    error = validate_classification(cls, item, catalog, detail)
    if error is not None:
        raise ValueError(error)
    return f"{cls}{item}{catalog or ''}{detail or ''}"


def split_prefix(prefix: str) -> tuple[int, str, str, str | None]:
    """Return (类, 项, 目, 细目 or None) of a 前段码; ValueError("prefix") if malformed."""
    if not _is_digits(prefix) or len(prefix) < _PREFIX_MIN_DIGITS or int(prefix[0]) not in CLASSES:
        raise ValueError("prefix")
    detail = prefix[_PREFIX_MIN_DIGITS:] or None
    return int(prefix[0]), prefix[1:3], prefix[3:_PREFIX_MIN_DIGITS], detail


def validate_prefix(prefix: str) -> str | None:
    """Return None if `prefix` is a complete 前段码 (类+项+目[+细目]), else "prefix"."""
    try:
        split_prefix(prefix)
    except ValueError as exc:
        return str(exc)
    return None


def format_resource_code(prefix: str, seq: int) -> str:
    """Return the resource code "prefix/000123" for a 前段码 and sequence number 1–999999."""
    error = validate_prefix(prefix)
    if error is None and not 1 <= seq <= MAX_SEQUENCE:
        error = "sequence"
    if error is not None:
        raise ValueError(error)
    return f"{prefix}{SEPARATOR}{seq:0{SEQUENCE_DIGITS}d}"


def validate_resource_code(code: str) -> str | None:
    """Return None if `code` is well-formed, else "format", "prefix" or "sequence"."""
    prefix, sep, sequence = code.partition(SEPARATOR)
    if not sep or SEPARATOR in sequence:
        return "format"
    if not _is_digits(sequence, SEQUENCE_DIGITS) or int(sequence) == 0:
        return "sequence"
    return validate_prefix(prefix)


def is_valid_resource_code(code: str) -> bool:
    """Return True if `code` is a well-formed 信息资源代码."""
    return validate_resource_code(code) is None


def parse_resource_code(code: str) -> tuple[str, int]:
    """Return (前段码, sequence number) of a resource code; ValueError(error code) if malformed."""
    error = validate_resource_code(code)
    if error is not None:
        raise ValueError(error)
    prefix, _, sequence = code.partition(SEPARATOR)
    return prefix, int(sequence)
