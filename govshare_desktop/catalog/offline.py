"""How catalog screens reach the session's SyncEngine (govshare_desktop.sync.engine).

The shell starts one engine per session (shell.controller.start_sync) and keeps it on the main
window as `sync_engine`; a context may also carry it as `context.sync`. Screens accept an
explicit `sync=` too (tests). Without an engine they fall back to the direct calls.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget


def engine_for(context: Any, widget: QWidget | None = None, explicit: Any = None) -> Any:
    """The SyncEngine to send through: explicit, then `context.sync`, then the nearest parent
    window's `sync_engine`; None when there is none."""
    if explicit is not None:
        return explicit
    engine = getattr(context, "sync", None)
    if engine is not None:
        return engine
    while widget is not None:
        engine = getattr(widget, "sync_engine", None)
        if engine is not None:
            return engine
        widget = widget.parentWidget()
    return None


def outcome_status(outcome: Any) -> str:
    """ "sent", "queued", "conflict" or "failed" (engine.Outcome.status)."""
    return str(getattr(outcome, "status", "failed"))
