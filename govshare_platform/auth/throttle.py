"""Per-client-address throttle of failed sign-ins (issue 11, finding 10).

Kept in the memory of each API process: with N processes one address may fail N times the
limit before every process refuses it, which still bounds guessing; the account lockout (in
the database) is the hard limit. A reservation is taken before the password is checked, so
parallel requests cannot all slip under the limit at once; a successful sign-in gives its
reservation back.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque

MAX_TRACKED = 100_000
"""Addresses remembered at most; beyond, the quiet ones are forgotten first."""


class LoginThrottle:
    def __init__(self, limit: int, window_seconds: float) -> None:
        self.limit = limit
        self.window = window_seconds
        self._lock = threading.Lock()
        self._failures: dict[str, deque[float]] = {}
        self._announced: dict[str, float] = {}

    def _prune(self, key: str, now: float) -> deque[float]:
        stamps = self._failures.setdefault(key, deque())
        while stamps and stamps[0] <= now - self.window:
            stamps.popleft()
        return stamps

    def reserve(self, key: str) -> int | None:
        """Count one (pending) failure for `key`; or, past the limit, the seconds to wait."""
        if self.limit <= 0:
            return None
        now = time.monotonic()
        with self._lock:
            if len(self._failures) > MAX_TRACKED:
                self._forget_quiet(now)
            stamps = self._prune(key, now)
            if len(stamps) >= self.limit:
                return max(1, math.ceil(stamps[0] + self.window - now))
            stamps.append(now)
            return None

    def release(self, key: str) -> None:
        """The sign-in succeeded: its reservation is not a failure."""
        with self._lock:
            stamps = self._failures.get(key)
            if stamps:
                stamps.pop()

    def first_refusal(self, key: str) -> bool:
        """True once per window and address: when to write the `login_throttled` event."""
        now = time.monotonic()
        with self._lock:
            if self._announced.get(key, -math.inf) > now - self.window:
                return False
            self._announced[key] = now
            return True

    def _forget_quiet(self, now: float) -> None:
        for key in list(self._failures):
            if not self._prune(key, now):
                del self._failures[key]
                self._announced.pop(key, None)
