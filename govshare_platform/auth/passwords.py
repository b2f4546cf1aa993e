"""Argon2id password hashing (argon2-cffi)."""

from __future__ import annotations

from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError


@lru_cache(maxsize=4)
def hasher(time_cost: int = 2, memory_kib: int = 19 * 1024) -> PasswordHasher:
    return PasswordHasher(time_cost=time_cost, memory_cost=memory_kib, parallelism=1)


def hash_password(password: str, ph: PasswordHasher | None = None) -> str:
    return (ph or hasher()).hash(password)


def verify_password(stored: str, password: str, ph: PasswordHasher | None = None) -> bool:
    try:
        return (ph or hasher()).verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
