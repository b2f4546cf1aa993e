"""SyncEngine: the one write path of a session — connectivity probe, in-order outbox replay,
cached lists, submit-or-queue.

The session's `AppContext` owns one engine (`context.sync`); every change a screen makes is an
`api.actions.Action` handed to it:

    context.sync.submit(actions.update_entry(id, body, version=v, label=...),
                        draft=("entry", key), done=self._on_outcome)

Online it is sent at once (with a fresh idempotency key it keeps for every retry); offline, or
behind earlier queued actions, it waits in the outbox and is replayed in order. `done(Outcome)`
runs on the UI thread either way, so a screen handles one kind of answer. The work itself runs
in the background pool (sync/outbox.py); this class schedules it and reports through signals.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from govshare_desktop.api.actions import Action, Id, JsonObject
from govshare_desktop.api.client import PlatformClient, new_idempotency_key
from govshare_desktop.api.errors import ApiError
from govshare_desktop.store.local import LocalStore, OutboxItem
from govshare_desktop.sync.conflict import Resolution
from govshare_desktop.sync.outbox import (
    CACHE_PAGE,
    CACHED_LISTS,
    OutboxWorker,
    Outcome,
    OutcomeStatus,
    ReplayEvents,
    Step,
    SyncReport,
)
from govshare_desktop.sync.replay import created_ref, data_kind
from govshare_desktop.tasks import Task, run_in_background

__all__ = [
    "CACHED_LISTS",
    "CACHE_PAGE",
    "Outcome",
    "OutcomeStatus",
    "SyncEngine",
    "SyncReport",
    "SyncTiming",
]

log = logging.getLogger("govshare.desktop.sync")

Done = Callable[[Outcome], None]
FollowUp = Callable[[Id], Action]
"""Builds the action on a created object from its id (or the outbox's placeholder for it)."""


@dataclass(frozen=True)
class SyncTiming:
    """How often the engine probes, and how it backs off after failures."""

    probe_interval_ms: int = 15_000
    backoff_ms: int = 2_000
    max_backoff_ms: int = 120_000
    probe_timeout: float = 3.0


class _Events(QObject):
    """Carries per-item results from the worker thread to the UI thread.

    Signals:
        sent(OutboxItem, object, int): the item, the platform's answer, open items left.
        conflicted(OutboxItem, object): the item (now in "conflict"), the platform's object.
        failed(OutboxItem, str): the item (now "failed"), the translated message.
    """

    sent = Signal(OutboxItem, object, int)
    conflicted = Signal(OutboxItem, object)
    failed = Signal(OutboxItem, str)


class SyncEngine(QObject):
    """Keeps the offline store and the platform in step for one signed-in session.

    Signals (AppContext forwards the first five as its own):
        online_changed(bool): the platform became reachable / unreachable.
        session_expired(): the platform refused the token (401).
        outbox_changed(int): the number of queued (unsent) actions changed.
        synced(object): a sync pass finished at this datetime (UTC).
        data_changed(str): something of this kind changed ("entry", "request", "grant", a list).
        conflict(OutboxItem, object): a queued change met 412: the item and the platform's
            current object (open the compare view, common.conflict.ConflictDialog).
        item_sent(OutboxItem, object): a queued action was accepted: the item and the answer.
        item_failed(OutboxItem, str): a queued action was refused: the item (kept) and why.
        sync_finished(SyncReport): a pass ended.
    """

    online_changed = Signal(bool)
    session_expired = Signal()
    outbox_changed = Signal(int)
    synced = Signal(object)
    data_changed = Signal(str)
    conflict = Signal(OutboxItem, object)
    item_sent = Signal(OutboxItem, object)
    item_failed = Signal(OutboxItem, str)
    sync_finished = Signal(SyncReport)

    def __init__(
        self,
        client: PlatformClient,
        store: LocalStore,
        *,
        timing: SyncTiming | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.worker = OutboxWorker(client, store)
        self.timing = timing or SyncTiming()
        self.online = True
        self.last_sync: datetime | None = None
        self._failures = 0
        self._retry_at = 0.0
        self._sync_task: Task | None = None
        self._probe_task: Task | None = None
        self._again = False
        self._tasks: list[Task] = []
        self._events = _Events(self)
        self._events.sent.connect(self._on_events_sent)
        self._events.conflicted.connect(self._on_events_conflicted)
        self._events.failed.connect(self._on_events_failed)
        self._probe_timer = QTimer(self)
        self._probe_timer.setInterval(self.timing.probe_interval_ms)
        self._probe_timer.timeout.connect(self._on_probe_timer_timeout)
        self._retry_timer = QTimer(self)
        self._retry_timer.setSingleShot(True)
        self._retry_timer.timeout.connect(self._on_retry_timer_timeout)

    @property
    def store(self) -> LocalStore:
        return self.worker.store

    @property
    def client(self) -> PlatformClient:
        return self.worker.client

    def set_online(self, online: bool) -> None:
        if online != self.online:
            self.online = online
            self.online_changed.emit(online)

    def mark_synced(self) -> None:
        self.last_sync = datetime.now(UTC)
        self.synced.emit(self.last_sync)

    # --- lifecycle ---------------------------------------------------------------------------

    def start(self) -> None:
        """Probe now and every interval; replay whenever the platform is reachable."""
        self._probe_timer.start()
        self.probe()

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the timers and wait for running work (on logout and in tests)."""
        self._probe_timer.stop()
        self._retry_timer.stop()
        for task in list(self._tasks):
            task.cancel()
            task.done.wait(timeout)
        self._tasks.clear()

    @property
    def busy(self) -> bool:
        return self._sync_task is not None

    # --- probe -------------------------------------------------------------------------------

    def probe(self) -> None:
        """Ask /healthz off the UI thread; online/offline follows the answer."""
        if self._probe_task is not None:
            return
        client, timeout = self.client, self.timing.probe_timeout
        self._probe_task = self._run(
            lambda _task: client.healthy(timeout), self._on_probe_done, self._on_probe_error
        )

    def _on_probe_done(self, reachable: bool) -> None:
        self._probe_task = None
        self.set_online(bool(reachable))
        if reachable and time.monotonic() >= self._retry_at:
            self._start_sync()

    def _on_probe_error(self, exc: Exception) -> None:
        self._probe_task = None
        log.debug("probe failed: %r", exc)
        self.set_online(False)

    def _on_probe_timer_timeout(self) -> None:
        self.probe()

    def _on_retry_timer_timeout(self) -> None:
        self._start_sync()

    # --- sync --------------------------------------------------------------------------------

    def sync_now(self) -> None:
        """Replay the outbox and refresh the cached lists now (ignores the backoff)."""
        self._retry_timer.stop()
        self._retry_at = 0.0
        self._start_sync()

    def _start_sync(self) -> None:
        if self._sync_task is not None:
            self._again = True
            return
        events = ReplayEvents(
            self._events.sent.emit, self._events.conflicted.emit, self._events.failed.emit
        )
        worker = self.worker
        self._sync_task = self._run(
            lambda task: worker.sync_pass(task, events), self._on_sync_done, self._on_sync_error
        )

    def _on_sync_done(self, report: SyncReport) -> None:
        self._sync_task = None
        self.outbox_changed.emit(report.pending)
        if report.session_expired:
            self.session_expired.emit()
        elif report.stopped_by is not None:
            if report.stopped_by.status == 0:
                self.set_online(False)
            self._schedule_retry()
        else:
            self._failures, self._retry_at = 0, 0.0
            self.set_online(True)
            for name in report.refreshed:
                self.data_changed.emit(name)
            self.mark_synced()
        self.sync_finished.emit(report)
        if self._again:
            self._again = False
            if report.stopped_by is None:
                self._start_sync()

    def _on_sync_error(self, exc: Exception) -> None:
        self._sync_task = None
        log.warning("sync pass failed: %r", exc)
        self._schedule_retry()
        self.sync_finished.emit(SyncReport(stopped_by=ApiError(0, "internal_error", str(exc))))

    def _schedule_retry(self) -> None:
        timing = self.timing
        delay = min(timing.backoff_ms * (2**self._failures), timing.max_backoff_ms)
        self._failures += 1
        self._retry_at = time.monotonic() + delay / 1000
        self._retry_timer.start(delay)

    def _on_events_sent(self, item: OutboxItem, result: Any, pending: int) -> None:
        self.set_online(True)
        self.data_changed.emit(data_kind(item.path))
        self.outbox_changed.emit(pending)
        self.item_sent.emit(item, result)

    def _on_events_conflicted(self, item: OutboxItem, server: Any) -> None:
        self.conflict.emit(item, server)

    def _on_events_failed(self, item: OutboxItem, message: str) -> None:
        self.item_failed.emit(item, message)

    # --- changes from screens ----------------------------------------------------------------

    def submit(
        self,
        action: Action,
        *,
        draft: tuple[str, str] | None = None,
        done: Done | None = None,
        key: str | None = None,
    ) -> Task:
        """Send now if the platform is reachable, else keep it in the outbox; `done(Outcome)`
        runs on the UI thread. One idempotency key (`key`, e.g. kept in a form's draft, or a
        new one) serves the attempt and every replay."""
        return self._submit([Step(action, key or new_idempotency_key())], draft, done)

    def create_and_act(
        self,
        create: Action,
        follow: FollowUp,
        *,
        draft: tuple[str, str] | None = None,
        done: Done | None = None,
        key: str | None = None,
    ) -> Task:
        """Create an object and act on it (e.g. register an entry and submit it); offline both
        are queued, the follow-up's path waiting for the created id. `key` is the create's
        idempotency key (default: a new one). If the create goes through and the follow-up is
        refused, the FAILED outcome's `result` is the created object."""
        first = Step(create, key or new_idempotency_key())
        then = Step(_labelled(follow(created_ref(first.key)), create.label), new_idempotency_key())
        return self._submit([first, then], draft, done)

    def amend_queued_create(
        self,
        item: OutboxItem,
        body: JsonObject,
        follow: FollowUp | None = None,
        *,
        draft: tuple[str, str] | None = None,
        done: Done | None = None,
    ) -> Task:
        """A create still waits in the outbox: rewrite its body in place (same key), and queue
        `follow(its placeholder id)` behind it. FAILED when it went out meanwhile."""
        steps = []
        if follow is not None:
            action = _labelled(follow(created_ref(item.idempotency_key)), item.label)
            steps.append(Step(action, new_idempotency_key()))
        worker, seq = self.worker, item.seq

        def op(_task: Task) -> Outcome:
            return worker.amend_queued_create(seq, body, steps, draft)

        return self._run(op, self._finisher(item.path, done), self._failer(item.path, done))

    def _submit(self, steps: list[Step], draft: tuple[str, str] | None, done: Done | None) -> Task:
        worker, online = self.worker, self.online
        path = steps[-1].path

        def op(_task: Task) -> Outcome:
            return worker.submit(steps, draft, online)

        return self._run(op, self._finisher(path, done), self._failer(path, done))

    def _finisher(self, path: str, done: Done | None) -> Callable[[Outcome], None]:
        def finish(outcome: Outcome) -> None:
            self._on_submit_done(outcome, path)
            if done is not None:
                done(outcome)

        return finish

    def _failer(self, path: str, done: Done | None) -> Callable[[Exception], None]:
        def fail(exc: Exception) -> None:
            message = QCoreApplication.translate("SyncEngine", "操作失败：") + str(exc)
            self._finisher(path, done)(Outcome(OutcomeStatus.FAILED, message=message, error=exc))

        return fail

    def _on_submit_done(self, outcome: Outcome, path: str) -> None:
        if outcome.status == OutcomeStatus.SENT:
            self.set_online(True)
            self.data_changed.emit(data_kind(path))
        elif outcome.status == OutcomeStatus.QUEUED:
            self._after_queued(outcome.api_error)
        elif outcome.status == OutcomeStatus.CONFLICT and outcome.item is not None:
            self.conflict.emit(outcome.item, outcome.server_object)
        self.outbox_changed.emit(outcome.pending)

    def _after_queued(self, error: ApiError | None) -> None:
        if error is None:
            if self.online:
                self._start_sync()
            return
        if error.status == 0:
            self.set_online(False)
        if error.needs_login:
            self.session_expired.emit()
        self._schedule_retry()

    # --- conflicts ---------------------------------------------------------------------------

    def resolve_conflict(
        self,
        item: OutboxItem,
        resolution: Resolution,
        body: JsonObject | None = None,
        *,
        server_object: JsonObject | None = None,
    ) -> Task:
        """Apply the user's choice from the compare view (MINE, THEIRS, or MERGE with the
        merged `body`) in the background, then sync."""
        server = server_object if server_object is not None else item.server_object
        worker = self.worker

        def after(_result: object) -> None:
            self.outbox_changed.emit(self.store.pending_count())
            self.data_changed.emit(data_kind(item.path))
            self.sync_now()

        def op(_task: Task) -> None:
            worker.resolve(item, Resolution(resolution), body, server)

        return self._run(op, after, lambda exc: log.warning("conflict not resolved: %r", exc))

    # --- helpers -----------------------------------------------------------------------------

    def _run(
        self,
        op: Callable[[Task], Any],
        success: Callable[[Any], None],
        failure: Callable[[Exception], None],
    ) -> Task:
        task = run_in_background(op, success=success, failure=failure)
        self._tasks = [t for t in self._tasks if not t.done.is_set()] + [task]
        return task


def _labelled(action: Action, label: str) -> Action:
    """The follow-up shows in the outbox under the create's label unless it has its own."""
    if action.label:
        return action
    return Action(action.method, action.path, action.body, action.if_match, label)
