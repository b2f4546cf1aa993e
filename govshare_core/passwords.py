"""Password and username rules (第三十三条 身份认证机制), one definition for both programs.

The platform checks every new password with `password_problems` (create user, reset, change);
the desktop calls the same function to show the reason beside the field before sending. The
limits are platform policy (`GET /api/v1/security/password-policy`, kept by the security
admin); the constants here are only their defaults.
"""

from __future__ import annotations

import string
import unicodedata
from dataclasses import dataclass
from typing import Final

from govshare_core.validation import FieldError

DEFAULT_PASSWORD_MIN_LENGTH: Final = 12
"""Shortest password accepted (a common government baseline is 8; we ask 12, see docs)."""

DEFAULT_PASSWORD_MIN_CLASSES: Final = 3
"""Of the four character classes (lower case, upper case, digits, other), how many a password
must contain."""

DEFAULT_PASSWORD_MAX_AGE_DAYS: Final = 90
"""Days after which a password must be changed at the next sign-in; 0 never expires."""

PASSWORD_MAX_LENGTH: Final = 128
"""Longest password accepted (the hash cost does not depend on it, but a bound keeps bodies
small)."""

MAX_REPEAT: Final = 3
"""No character may repeat more than this many times in a row (`aaaa` is refused)."""


@dataclass(frozen=True)
class PasswordPolicy:
    min_length: int = DEFAULT_PASSWORD_MIN_LENGTH
    min_classes: int = DEFAULT_PASSWORD_MIN_CLASSES
    max_age_days: int = DEFAULT_PASSWORD_MAX_AGE_DAYS


def character_classes(password: str) -> int:
    """How many of lower case, upper case, digits and other characters `password` uses."""
    classes = [
        any(c in string.ascii_lowercase for c in password),
        any(c in string.ascii_uppercase for c in password),
        any(c.isdigit() for c in password),
        any(not (c.isascii() and c.isalnum()) for c in password),
    ]
    return sum(classes)


def _longest_run(password: str) -> int:
    best = run = 0
    previous = None
    for c in password:
        run = run + 1 if c == previous else 1
        best, previous = max(best, run), c
    return best


def password_problems(
    password: str,
    *,
    username: str | None = None,
    policy: PasswordPolicy | None = None,
    field: str = "password",
) -> list[FieldError]:
    """Why `password` is refused (empty: accepted). Nothing is stripped or changed silently:
    leading or trailing spaces are refused, not trimmed."""
    policy = policy or PasswordPolicy()
    problems: list[FieldError] = []

    def add(code: str, zh: str, en: str) -> None:
        problems.append(FieldError(field, code, zh, en))

    if password != password.strip():
        add(
            "password_spaces", "密码首尾不能有空格", "The password cannot start or end with a space"
        )
    if any(unicodedata.category(c) == "Cc" for c in password):
        add(
            "password_control",
            "密码不能含控制字符",
            "The password cannot contain control characters",
        )
    if len(password) < policy.min_length:
        add(
            "password_too_short",
            f"密码至少需要{policy.min_length}个字符",
            f"The password needs at least {policy.min_length} characters",
        )
    if len(password) > PASSWORD_MAX_LENGTH:
        add(
            "password_too_long",
            f"密码不能超过{PASSWORD_MAX_LENGTH}个字符",
            f"The password cannot exceed {PASSWORD_MAX_LENGTH} characters",
        )
    if character_classes(password) < policy.min_classes:
        add(
            "password_too_simple",
            f"密码需包含小写字母、大写字母、数字、符号中的至少{policy.min_classes}类",
            f"The password needs at least {policy.min_classes} of: lower case, upper case, "
            "digits, symbols",
        )
    if _longest_run(password) > MAX_REPEAT:
        add(
            "password_repeats",
            f"同一字符不能连续出现超过{MAX_REPEAT}次",
            f"No character may repeat more than {MAX_REPEAT} times in a row",
        )
    if username and len(username) >= 3 and username.casefold() in password.casefold():
        add(
            "password_has_username",
            "密码不能包含用户名",
            "The password cannot contain the username",
        )
    return problems


def fold_username(username: str) -> str:
    """The form usernames are compared in: `DSJ_Admin` and `dsj_admin` are one account name."""
    return unicodedata.normalize("NFKC", username).casefold()
