"""Optimistic concurrency: every mutable resource carries a version; updates send If-Match."""

from __future__ import annotations

from govshare_platform.errors import Problem


def etag(version: int) -> str:
    return f'"{version}"'


def check_if_match(if_match: str | None, current: int, *, required: bool = True) -> None:
    """428 without If-Match (when required), 412 when it names another version."""
    if if_match is None:
        if required:
            raise Problem(428, "if_match_required", "send If-Match with the version you edited")
        return
    wanted = if_match.strip().removeprefix("W/").strip('"')
    if wanted != str(current) and wanted != "*":
        raise Problem(
            412,
            "version_conflict",
            "the object was changed by someone else",
            extra={"current_version": current},
        )
