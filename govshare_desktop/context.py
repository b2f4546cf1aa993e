"""AppContext: what every screen of a signed-in session shares.

Screens get the context in their constructor (`Page(context=ctx, parent=None)`), call the
platform only through `context.run(...)` (never on the UI thread), keep drafts and queued
actions in `context.store`, and listen to the context's signals.

Signals:
    online_changed(bool): the platform became reachable / unreachable.
    session_expired(): the platform refused the token (401); the shell returns to login
        without closing anything, so open drafts stay.
    outbox_changed(int): the number of queued (unsent) actions changed.
    synced(object): a sync finished at this datetime (UTC).
    data_changed(str): something of this kind changed ("entry", "request", "grant", "inbox").
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QObject, Signal

from govshare_desktop.api.client import PlatformClient
from govshare_desktop.api.errors import ApiError
from govshare_desktop.store.local import LocalStore
from govshare_desktop.tasks import Task, run_in_background


class AppContext(QObject):
    online_changed = Signal(bool)
    session_expired = Signal()
    outbox_changed = Signal(int)
    synced = Signal(object)
    data_changed = Signal(str)

    def __init__(
        self,
        *,
        client: PlatformClient,
        store: LocalStore,
        me: dict[str, Any],
        profile_name: str = "",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.client = client
        self.store = store
        self.me = me
        self.profile_name = profile_name
        self.online = True
        self.last_sync: datetime | None = None
        self.sync: Any = None  # the session's SyncEngine, attached by the shell

    @property
    def roles(self) -> set[str]:
        return set(self.me.get("roles", []))

    @property
    def department_id(self) -> int:
        return int(self.me["department"]["id"])

    @property
    def user_id(self) -> int:
        return int(self.me["user"]["id"])

    def has(self, *roles: str) -> bool:
        return bool(self.roles & set(roles))

    def run(
        self,
        op: Callable[[Task], Any],
        *,
        success: Callable[[Any], None] | None = None,
        failure: Callable[[ApiError | Exception], None] | None = None,
        progress: Callable[[int, str], None] | None = None,
    ) -> Task:
        """Run `op` off the UI thread; network and 401 failures also update the shared state."""

        def on_success(result: Any) -> None:
            self.set_online(True)
            if success is not None:
                success(result)

        def on_failure(exc: Exception) -> None:
            if isinstance(exc, ApiError) and exc.is_network:
                self.set_online(False)
            if isinstance(exc, ApiError) and exc.needs_login:
                self.session_expired.emit()
            if failure is not None:
                failure(exc)

        return run_in_background(op, success=on_success, failure=on_failure, progress=progress)

    def set_online(self, online: bool) -> None:
        if online != self.online:
            self.online = online
            self.online_changed.emit(online)

    def mark_synced(self) -> None:
        self.last_sync = datetime.now(UTC)
        self.synced.emit(self.last_sync)
