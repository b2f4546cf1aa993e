"""How screens reach the session's SyncEngine (govshare_desktop.sync.engine).

The shell starts one engine per session (shell.controller.start_sync) and keeps it on the main
window as `sync_engine` and on the context as `context.sync`. Screens accept an explicit `sync=`
too (tests). Without an engine they fall back to direct calls (which fail when offline).

    send_action(context, widget, explicit, "POST", path, body, if_match=v, label=..., done=cb)

sends an action now or, offline, keeps it in the outbox; `done(Outcome)` runs on the UI thread
either way, so a screen handles one kind of answer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from govshare_desktop.api.client import new_idempotency_key
from govshare_desktop.api.errors import ApiError


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


def queued_text(context: Any, outcome: Any) -> str:
    """What to tell the user about a queued action: offline, or waiting behind earlier ones."""
    error = getattr(outcome, "error", None)
    offline = not getattr(context, "online", True)
    if offline or (isinstance(error, ApiError) and error.is_network):
        return QCoreApplication.translate("Offline", "已离线保存，恢复连接后自动提交。")
    return str(getattr(outcome, "message", "")) or QCoreApplication.translate(
        "Offline", "已保存到待发送队列，将按顺序自动提交。"
    )


def send_action(
    context: Any,
    widget: QWidget | None,
    explicit: Any,
    method: str,
    path: str,
    body: Any = None,
    *,
    if_match: int | None = None,
    label: str = "",
    draft: tuple[str, str] | None = None,
    done: Callable[[Any], None],
) -> None:
    """Send through the session's engine (queued offline), else call the platform directly;
    `done(Outcome)` either way."""
    engine = engine_for(context, widget, explicit)
    if engine is not None:
        engine.submit_or_queue(
            method, path, body, if_match=if_match, label=label, draft=draft, done=done
        )
        return
    from govshare_desktop.sync.engine import FAILED, SENT, Outcome

    client = context.client

    def op(_task: object) -> Any:
        answer = client.request(
            method, path, json=body, if_match=if_match, idempotency_key=new_idempotency_key()
        )
        return answer.json() if answer.content else None

    def failed(exc: Exception) -> None:
        message = exc.message() if isinstance(exc, ApiError) else str(exc)
        fields = exc.field_messages() if isinstance(exc, ApiError) else {}
        done(Outcome(FAILED, message=message, error=exc, field_messages=fields))

    context.run(op, success=lambda result: done(Outcome(SENT, result=result)), failure=failed)
