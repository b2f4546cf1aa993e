"""The self-test's report: one `Check` per step of a role, one line each, and the summary."""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass, field
from typing import TextIO

log = logging.getLogger("govshare.desktop.selftest")
"""The self-test's own logger (its records are the report, never a captured failure)."""

MAX_REASON = 400


@dataclass
class Check:
    """One line of the report: a step of a role (sign-in, a page key, sign-out)."""

    role: str
    step: str
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.problems

    def line(self) -> str:
        head = f"self-test {'ok  ' if self.ok else 'FAIL'} {self.role:<17} {self.step}"
        if self.ok:
            return head
        reason = "; ".join(dict.fromkeys(self.problems))  # once each, in order
        reason = " ".join(reason.split())  # one line
        if len(reason) > MAX_REASON:
            reason = reason[: MAX_REASON - 1] + "…"
        return f"{head}: {reason}"


def summary(checks: list[Check], page_count: int, seconds: float) -> str:
    """The last line: passed, or how many of the checks failed."""
    failed = [c for c in checks if not c.ok]
    roles = {c.role for c in checks} - {"platform", "-"}
    what = f"{len(roles)} roles, {page_count} pages"
    if failed:
        return (
            f"self-test FAILED: {len(failed)} of {len(checks)} checks failed "
            f"({what}) in {seconds:.1f} s"
        )
    return f"self-test passed: {len(checks)} checks ({what}) in {seconds:.1f} s"


def write_report(checks: list[Check], last_line: str, out: TextIO | None) -> None:
    """The report into the log, and to `out` (standard output when None)."""
    # the log file always gets the report: a windowed Windows bundle has no stdout
    for check in checks:
        log.info("%s", check.line())
    log.info("%s", last_line)
    out = out or sys.stdout  # None in a windowed bundle without a console
    if out is None:
        return
    try:
        for check in checks:
            print(check.line(), file=out)
        print(last_line, file=out, flush=True)
    except (OSError, ValueError):  # a closed pipe must not turn a pass into a crash
        pass
