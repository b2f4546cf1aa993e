"""What screens tell the user about a change the session's SyncEngine kept in the outbox.

Every change goes through `context.sync` (govshare_desktop.sync.engine); `done(Outcome)` runs
on the UI thread whether the change was sent or queued, so a screen handles one kind of answer.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from govshare_desktop.context import AppContext
from govshare_desktop.sync.engine import Outcome


def queued_text(context: AppContext, outcome: Outcome) -> str:
    """What to tell the user about a queued action: offline, or waiting behind earlier ones."""
    error = outcome.api_error
    if not context.online or (error is not None and error.is_network):
        return QCoreApplication.translate("Offline", "已离线保存，恢复连接后自动提交。")
    return outcome.message or QCoreApplication.translate(
        "Offline", "已保存到待发送队列，将按顺序自动提交。"
    )
