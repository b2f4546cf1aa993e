"""SyncEngine: connectivity probe, in-order outbox replay, cached lists, submit-or-queue.

    engine = SyncEngine(context, parent=window); engine.start()
    engine.submit_or_queue("PUT", f"/api/v1/catalog/entries/{id}", body, if_match=v,
                           label=..., draft=("entry", key), done=self._on_submit_outcome)

Every queued action keeps the idempotency key it was first sent with, so a create the platform
processed but whose answer was lost is replayed as that same create (the platform answers with
the first result), never as a second one. Items replay in the order they were taken; an item
that met a conflict (412) or was refused (4xx) holds back the later items on the same object
until the user resolves it — and nothing is ever dropped without the user's choice.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import requests
from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from govshare_desktop.api.client import new_idempotency_key
from govshare_desktop.api.errors import ApiError
from govshare_desktop.store.local import OPEN_STATES, LocalStore, OutboxItem
from govshare_desktop.sync.replay import (
    already_applied,
    created_ref,
    data_kind,
    is_transient,
    resource_key,
    resource_of,
    unresolved,
)
from govshare_desktop.tasks import Task, run_in_background

if TYPE_CHECKING:
    from govshare_desktop.context import AppContext

log = logging.getLogger("govshare.desktop.sync")

SENT, QUEUED, CONFLICT, FAILED = "sent", "queued", "conflict", "failed"

# Cached lists (name → what it holds); read them offline with store.cache_get / cache_search.
CACHED_LISTS = ("departments", "my_entries", "my_requests", "share_catalog", "inbox")
CACHE_PAGE = 200


@dataclass(frozen=True)
class Outcome:
    """What became of an action a screen submitted.

    status: "sent" (the platform accepted it; `result` is its answer), "queued" (kept in the
    outbox, sent when the platform is reachable; `message` says why), "conflict" (someone else
    changed the object: `item` and `server_object` open the compare view) or "failed" (refused;
    `message` and `field_messages` say what to fix — the draft is kept).
    """

    status: str
    result: Any = None
    message: str = ""
    error: Exception | None = None
    item: OutboxItem | None = None
    server_object: Any = None
    field_messages: dict[str, str] = field(default_factory=dict)
    pending: int = 0

    @property
    def sent(self) -> bool:
        return self.status == SENT

    @property
    def queued(self) -> bool:
        return self.status == QUEUED


@dataclass
class SyncReport:
    """The result of one sync pass (built in the worker thread)."""

    sent: int = 0
    conflicts: int = 0
    failures: int = 0
    stopped_by: ApiError | None = None
    session_expired: bool = False
    refreshed: list[str] = field(default_factory=list)
    pending: int = 0


@dataclass(frozen=True)
class _Step:
    method: str
    path: str
    body: Any
    if_match: int | None
    key: str


class _Events(QObject):
    """Carries per-item results from the worker thread to the UI thread.

    Signals:
        sent(object, object, int): the item, the platform's answer, open items left.
        conflicted(object, object): the item (now in "conflict"), the platform's object.
        failed(object, str): the item (now "failed"), the translated message.
    """

    sent = Signal(object, object, int)
    conflicted = Signal(object, object)
    failed = Signal(object, str)


class SyncEngine(QObject):
    """Keeps the offline store and the platform in step for one signed-in session.

    Signals:
        conflict(object, object): a queued update met 412: the OutboxItem and the platform's
            current object (open the compare view, common.conflict.ConflictDialog).
        item_sent(object, object): a queued action was accepted: the item and the answer.
        item_failed(object, str): a queued action was refused: the item (kept) and why.
        sync_finished(object): a pass ended (a SyncReport).
    """

    conflict = Signal(object, object)
    item_sent = Signal(object, object)
    item_failed = Signal(object, str)
    sync_finished = Signal(object)

    def __init__(
        self,
        context: AppContext,
        parent: QObject | None = None,
        *,
        probe_interval_ms: int = 15_000,
        backoff_ms: int = 2_000,
        max_backoff_ms: int = 120_000,
        probe_timeout: float = 3.0,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.probe_timeout = probe_timeout
        self._backoff_ms, self._max_backoff_ms = backoff_ms, max_backoff_ms
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
        self._probe_timer.setInterval(probe_interval_ms)
        self._probe_timer.timeout.connect(self._on_probe_timer_timeout)
        self._retry_timer = QTimer(self)
        self._retry_timer.setSingleShot(True)
        self._retry_timer.timeout.connect(self._on_retry_timer_timeout)

    @property
    def store(self) -> LocalStore:
        return self.context.store

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
        self._probe_task = self._run(self._probe_op, self._on_probe_done, self._on_probe_error)

    def _probe_op(self, _task: Task) -> bool:
        client = self.context.client
        try:
            answer = client.session.get(
                client.base_url + "/healthz", timeout=(self.probe_timeout, self.probe_timeout)
            )
        except requests.RequestException:
            return False
        return answer.status_code == 200

    def _on_probe_done(self, reachable: bool) -> None:
        self._probe_task = None
        self.context.set_online(bool(reachable))
        if reachable and time.monotonic() >= self._retry_at:
            self._start_sync()

    def _on_probe_error(self, exc: Exception) -> None:
        self._probe_task = None
        log.debug("probe failed: %r", exc)
        self.context.set_online(False)

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
        self._sync_task = self._run(self._sync_op, self._on_sync_done, self._on_sync_error)

    def _sync_op(self, task: Task) -> SyncReport:
        report = SyncReport()
        self._replay(task, report)
        if report.stopped_by is None and not report.session_expired and not task.cancelled:
            self._refresh(task, report)
        report.pending = self.store.pending_count()
        return report

    def _replay(self, task: Task, report: SyncReport) -> None:
        held = {
            resource_key(i.path): i.seq for i in self.store.outbox(states=("conflict", "failed"))
        }
        open_keys = {i.idempotency_key for i in self.store.outbox(states=OPEN_STATES)}
        for item in self.store.outbox(states=("pending",)):
            if task.cancelled:
                return
            rkey = resource_key(item.path)
            if rkey in held and held[rkey] < item.seq:
                continue  # an earlier action on this object waits for the user
            if unresolved(item.path):  # its create may have gone through in this pass
                item = self.store.item(item.seq) or item
                rkey = resource_key(item.path)
            if unresolved(item.path):
                if rkey.removeprefix("ref:") in open_keys:
                    held.setdefault(rkey, item.seq)
                    continue  # its create has not gone through yet
                self.store.mark(
                    item.seq,
                    "failed",
                    QCoreApplication.translate("SyncEngine", "所依赖的新建操作已不存在。"),
                )
                continue
            if not self._replay_one(item, report, held):
                return

    def _replay_one(self, item: OutboxItem, report: SyncReport, held: dict[str, int]) -> bool:
        """Send one item; False when the pass must stop (platform unreachable, login needed)."""
        step = _Step(item.method, item.path, item.body, item.if_match, item.idempotency_key)
        try:
            result = self._attempt(step)
        except ApiError as exc:
            if is_transient(exc):
                self.store.mark(item.seq, "pending", exc.message())
                report.stopped_by = exc
                return False
            if exc.needs_login:
                report.session_expired = True
                return False
            held.setdefault(resource_key(item.path), item.seq)
            if exc.status == 412:
                server = exc.body.get("server_object")
                self.store.mark_conflict(item.seq, server, exc.message())
                report.conflicts += 1
                self._events.conflicted.emit(self.store.item(item.seq), server)
            else:
                message = _explain(exc)
                self.store.mark(item.seq, "failed", message)
                report.failures += 1
                self._events.failed.emit(self.store.item(item.seq), message)
            return True
        self._finish(item, step, result)
        report.sent += 1
        self._events.sent.emit(item, result, self.store.pending_count())
        return True

    def _attempt(self, step: _Step) -> Any:
        """Send one call; a 409/412 whose effect is already on the platform counts as done.

        On a real 412 the raised error's body carries the platform's object as
        "server_object" (fetched with GET of the same resource)."""
        client = self.context.client
        try:
            answer = client.request(
                step.method,
                step.path,
                json=step.body,
                if_match=step.if_match,
                idempotency_key=step.key,
            )
        except ApiError as exc:
            if exc.status not in (409, 412):
                raise
            resource = resource_of(step.path)
            server = client.get(resource) if resource else None
            if already_applied(step.method, step.path, step.body, step.if_match, server):
                return server
            exc.body = {**exc.body, "server_object": server}
            raise
        return answer.json() if answer.content else None

    def _finish(self, item: OutboxItem | None, step: _Step, result: Any) -> None:
        """After the platform accepted a step: fill in ids later items wait for, drop the item
        and its draft."""
        if step.method == "POST" and resource_of(step.path) is None and isinstance(result, dict):
            if "id" in result:
                self.store.resolve_ref(created_ref(step.key), str(result["id"]))
        if item is not None:
            self.store.complete(item.seq)

    def _refresh(self, task: Task, report: SyncReport) -> None:
        client = self.context.client
        fetchers: dict[str, Callable[[], Any]] = {
            "departments": client.departments,
            "my_entries": lambda: client.entries(limit=CACHE_PAGE)["items"],
            "my_requests": lambda: client.requests(side="consumer", limit=CACHE_PAGE)["items"],
            "share_catalog": lambda: client.share_catalog(limit=50)["items"],
            "inbox": client.inbox,
        }
        for name in CACHED_LISTS:
            if task.cancelled:
                return
            as_of = datetime.now(UTC)
            try:
                items = fetchers[name]()
            except ApiError as exc:
                if is_transient(exc):
                    report.stopped_by = exc
                    return
                if exc.needs_login:
                    report.session_expired = True
                    return
                continue  # not for this user's roles (403): nothing to cache
            self.store.cache_put(name, items, as_of=as_of)
            report.refreshed.append(name)

    def _on_sync_done(self, report: SyncReport) -> None:
        self._sync_task = None
        self.context.outbox_changed.emit(report.pending)
        if report.session_expired:
            self.context.session_expired.emit()
        elif report.stopped_by is not None:
            if report.stopped_by.status == 0:
                self.context.set_online(False)
            self._schedule_retry()
        else:
            self._failures, self._retry_at = 0, 0.0
            self.context.set_online(True)
            for name in report.refreshed:
                self.context.data_changed.emit(name)
            self.context.mark_synced()
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
        delay = min(self._backoff_ms * (2**self._failures), self._max_backoff_ms)
        self._failures += 1
        self._retry_at = time.monotonic() + delay / 1000
        self._retry_timer.start(delay)

    def _on_events_sent(self, item: OutboxItem, result: Any, pending: int) -> None:
        self.context.set_online(True)
        self.context.data_changed.emit(data_kind(item.path))
        self.context.outbox_changed.emit(pending)
        self.item_sent.emit(item, result)

    def _on_events_conflicted(self, item: OutboxItem, server: Any) -> None:
        self.conflict.emit(item, server)

    def _on_events_failed(self, item: OutboxItem, message: str) -> None:
        self.item_failed.emit(item, message)

    # --- actions from screens ----------------------------------------------------------------

    def submit_or_queue(
        self,
        method: str,
        path: str,
        body: Any = None,
        if_match: int | None = None,
        label: str = "",
        draft: tuple[str, str] | None = None,
        *,
        done: Callable[[Outcome], None] | None = None,
    ) -> Task:
        """Send now if the platform is reachable, else keep it in the outbox; `done(Outcome)`
        runs on the UI thread. One idempotency key serves the attempt and every replay."""
        step = _Step(method, path, body, if_match, new_idempotency_key())
        return self._submit([step], label, draft, done)

    def create_and_act(
        self,
        collection: str,
        body: Any,
        action: str,
        action_body: Any = None,
        label: str = "",
        draft: tuple[str, str] | None = None,
        *,
        done: Callable[[Outcome], None] | None = None,
    ) -> Task:
        """Create an object and act on it (e.g. register an entry and submit it); offline both
        are queued, the action's path waiting for the created id."""
        create = _Step("POST", collection, body, None, new_idempotency_key())
        act = _Step(
            "POST",
            f"{collection}/{created_ref(create.key)}/{action}",
            action_body,
            None,
            new_idempotency_key(),
        )
        return self._submit([create, act], label, draft, done)

    def _submit(
        self,
        steps: list[_Step],
        label: str,
        draft: tuple[str, str] | None,
        done: Callable[[Outcome], None] | None,
    ) -> Task:
        online = self.context.online

        def on_done(outcome: Outcome) -> None:
            self._on_submit_done(outcome, steps[-1].path)
            if done is not None:
                done(outcome)

        def on_error(exc: Exception) -> None:
            on_done(
                Outcome(
                    FAILED,
                    message=QCoreApplication.translate("SyncEngine", "操作失败：") + str(exc),
                    error=exc,
                )
            )

        return self._run(
            lambda task: self._submit_op(steps, label, draft, online), on_done, on_error
        )

    def _must_queue(self, steps: list[_Step]) -> bool:
        """Queue behind earlier actions: any pending one, or an open one on the same object."""
        keys = {resource_key(s.path) for s in steps}
        for item in self.store.outbox(states=OPEN_STATES):
            if item.state == "pending" or resource_key(item.path) in keys:
                return True
        return False

    def _submit_op(
        self, steps: list[_Step], label: str, draft: tuple[str, str] | None, online: bool
    ) -> Outcome:
        if not online or self._must_queue(steps):
            item = self._enqueue(steps, label, draft)
            return Outcome(
                QUEUED,
                message=_queued_message(online),
                item=item,
                pending=self.store.pending_count(),
            )
        result: Any = None
        for n, step in enumerate(steps):
            try:
                result = self._attempt(step)
            except ApiError as exc:
                return self._submit_failed(exc, steps[n:], label, draft)
            self._finish(None, step, result)
            steps[n + 1 :] = [_resolved(s, step.key, result) for s in steps[n + 1 :]]
        if draft is not None:
            self.store.delete_draft(*draft)
        return Outcome(SENT, result=result, pending=self.store.pending_count())

    def _submit_failed(
        self, exc: ApiError, rest: list[_Step], label: str, draft: tuple[str, str] | None
    ) -> Outcome:
        if is_transient(exc) or exc.needs_login:
            item = self._enqueue(rest, label, draft)
            return Outcome(
                QUEUED,
                message=exc.message(),
                error=exc,
                item=item,
                pending=self.store.pending_count(),
            )
        if exc.status == 412:
            queued = self._enqueue(rest, label, draft)
            server = exc.body.get("server_object")
            self.store.mark_conflict(queued.seq, server, exc.message())
            return Outcome(
                CONFLICT,
                message=exc.message(),
                error=exc,
                item=self.store.item(queued.seq),
                server_object=server,
                pending=self.store.pending_count(),
            )
        return Outcome(
            FAILED,
            message=_explain(exc),
            error=exc,
            field_messages=exc.field_messages(),
            pending=self.store.pending_count(),
        )

    def _enqueue(self, steps: list[_Step], label: str, draft: tuple[str, str] | None) -> OutboxItem:
        """Queue the steps in order; the draft goes with the last (deleted when all got through)."""
        item: OutboxItem | None = None
        for n, step in enumerate(steps):
            item = self.store.enqueue(
                method=step.method,
                path=step.path,
                body=step.body,
                if_match=step.if_match,
                label=label,
                draft=draft if n == len(steps) - 1 else None,
                idempotency_key=step.key,
            )
        assert item is not None
        return item

    def _on_submit_done(self, outcome: Outcome, path: str) -> None:
        if outcome.status == SENT:
            self.context.set_online(True)
            self.context.data_changed.emit(data_kind(path))
        elif outcome.status == QUEUED:
            if isinstance(outcome.error, ApiError):
                if outcome.error.status == 0:
                    self.context.set_online(False)
                if outcome.error.needs_login:
                    self.context.session_expired.emit()
                self._schedule_retry()
            elif self.context.online:
                self._start_sync()
        elif outcome.status == CONFLICT and outcome.item is not None:
            self.conflict.emit(outcome.item, outcome.server_object)
        self.context.outbox_changed.emit(outcome.pending)

    # --- conflicts ---------------------------------------------------------------------------

    def resolve_conflict(
        self, item: OutboxItem, resolution: str, body: Any = None, *, server_object: Any = None
    ) -> Task:
        """Apply the user's choice from the compare view ("mine", "theirs" or "merge" with the
        merged `body`) in the background, then sync."""
        from govshare_desktop.common.conflict import apply_resolution

        server = server_object if server_object is not None else item.server_object

        def after(_result: Any) -> None:
            self.context.outbox_changed.emit(self.store.pending_count())
            self.context.data_changed.emit(data_kind(item.path))
            self.sync_now()

        def op(_task: Task) -> None:
            apply_resolution(self.store, item, server, resolution, body)

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


def _resolved(step: _Step, key: str, result: Any) -> _Step:
    placeholder = created_ref(key)
    if placeholder in step.path and isinstance(result, dict) and "id" in result:
        path = step.path.replace(placeholder, str(result["id"]))
        return _Step(step.method, path, step.body, step.if_match, step.key)
    return step


def _explain(exc: ApiError) -> str:
    """The translated message, with the fields the platform named."""
    fields = [m for m in exc.field_messages().values() if m]
    return exc.message() + ("（" + "；".join(fields) + "）" if fields else "")


def _queued_message(online: bool) -> str:
    if not online:
        return QCoreApplication.translate(
            "SyncEngine", "当前离线，操作已保存到待发送队列，恢复连接后将按顺序自动提交。"
        )
    return QCoreApplication.translate(
        "SyncEngine", "前面还有待发送的操作，本操作已排在其后，将按顺序自动提交。"
    )
