"""AppContext: what every screen of a signed-in session shares.

Screens get the context in their constructor (`Page(context=ctx, parent=None)`), read from the
platform only through `context.run(...)` (never on the UI thread), send every change through
`context.sync` (the session's one SyncEngine: sent at once online, kept in the outbox offline),
keep drafts in `context.store`, and listen to the context's signals.

The context creates its engine; the shell starts it after sign-in (`start_sync`) and stops it
on logout (`stop_sync`). Without `start_sync` (most tests) the engine still sends and queues;
it only does not probe and replay on its own.

Signals:
    online_changed(bool): the platform became reachable / unreachable.
    session_expired(): the platform refused the token (401); the shell returns to login
        without closing anything, so open drafts stay.
    password_change_required(): a call answered 403 `password_change_required` (a temporary
        or expired password); the shell asks for a new one (login.password_dialog).
    outbox_changed(int): the number of queued (unsent) actions changed.
    synced(object): a sync finished at this datetime (UTC).
    data_changed(str): something of this kind changed ("entry", "request", "grant", "inbox").
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, Signal

from govshare_core.workflow import Actor
from govshare_desktop.api.client import PlatformClient
from govshare_desktop.api.errors import ApiError
from govshare_desktop.store.local import LocalStore
from govshare_desktop.sync.engine import SyncEngine, SyncTiming
from govshare_desktop.tasks import Task, run_in_background


class AppContext(QObject):
    online_changed = Signal(bool)
    session_expired = Signal()
    password_change_required = Signal()
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
        sync_timing: SyncTiming | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.client = client
        self.store = store
        self.me = me
        self.profile_name = profile_name
        self.sync = SyncEngine(client, store, timing=sync_timing, parent=self)
        for source, target in (
            (self.sync.online_changed, self.online_changed),
            (self.sync.session_expired, self.session_expired),
            (self.sync.outbox_changed, self.outbox_changed),
            (self.sync.synced, self.synced),
            (self.sync.data_changed, self.data_changed),
        ):
            source.connect(target.emit)

    @property
    def online(self) -> bool:
        return self.sync.online

    @property
    def last_sync(self) -> datetime | None:
        return self.sync.last_sync

    def start_sync(self) -> SyncEngine:
        """Start probing and replaying (the shell, after sign-in); returns the engine."""
        self.sync.start()
        return self.sync

    def stop_sync(self, timeout: float = 10.0) -> None:
        """Stop the engine and wait for its running work (logout, shutdown, tests)."""
        self.sync.stop(timeout)

    @property
    def roles(self) -> set[str]:
        return set(self.me.get("roles", []))

    @property
    def department_id(self) -> int:
        return int(self.me["department"]["id"])

    @property
    def user_id(self) -> int:
        return int(self.me["user"]["id"])

    @property
    def actor(self) -> Actor:
        """The signed-in user as govshare_core.workflow asks "who may act" (`allowed_actions`,
        `refusal`): the same answer the platform enforces."""
        department = self.me.get("department") or {}
        return Actor.of(
            user_id=self.user_id,
            roles=self.me.get("roles", []),
            department_id=self.department_id,
            is_platform=bool(department.get("is_platform", False)),
        )

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
            if isinstance(exc, ApiError) and exc.code == "password_change_required":
                self.password_change_required.emit()
            if failure is not None:
                failure(exc)

        return run_in_background(op, success=on_success, failure=on_failure, progress=progress)

    def set_online(self, online: bool) -> None:
        self.sync.set_online(online)

    def mark_synced(self) -> None:
        self.sync.mark_synced()
