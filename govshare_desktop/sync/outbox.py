"""The sync engine's work off the UI thread: sending actions now or keeping them in the outbox,
replaying the outbox in order, refreshing the cached lists. No widgets, no timers; the engine
(sync/engine.py) runs these in the background pool and turns the results into signals.

Every queued action keeps the idempotency key it was first sent with, so a create the platform
processed but whose answer was lost is replayed as that same create (the platform answers with
the first result), never as a second one. Items replay in the order they were taken; an item
that met a conflict (412) or was refused (4xx) holds back the later items on the same object
until the user resolves it — and nothing is ever dropped without the user's choice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

from govshare_desktop.api.actions import Action, JsonObject, file_of
from govshare_desktop.api.client import PlatformClient
from govshare_desktop.api.errors import ApiError
from govshare_desktop.store.local import OPEN_STATES, LocalStore, OutboxItem
from govshare_desktop.sync.conflict import Resolution, apply_resolution
from govshare_desktop.sync.replay import (
    already_applied,
    created_ref,
    is_transient,
    may_be_applied,
    resource_key,
    resource_of,
    unresolved,
)
from govshare_desktop.sync.spool import discard
from govshare_desktop.tasks import Task

# Cached lists (name → what it holds); read them offline with store.cache_get / cache_search.
# "policy", "workday_overrides" and "workday_years" are the platform admin's policy values,
# calendar overrides and confirmed years (read through govshare_desktop.common.policy).
CACHED_LISTS = (
    "departments",
    "my_entries",
    "my_requests",
    "share_catalog",
    "inbox",
    "policy",
    "workday_overrides",
    "workday_years",
)
CACHE_PAGE = 200


class OutcomeStatus(StrEnum):
    SENT = "sent"  # the platform accepted it; `result` is its answer
    QUEUED = "queued"  # kept in the outbox, sent when the platform is reachable
    CONFLICT = "conflict"  # someone else changed the object: open the compare view
    FAILED = "failed"  # refused; `message` and `field_messages` say what to fix


@dataclass(frozen=True)
class Outcome:
    """What became of an action a screen submitted (see OutcomeStatus). A conflict carries the
    outbox `item` and the platform's `server_object`; a failed action leaves the draft."""

    status: OutcomeStatus
    result: JsonObject | None = None
    message: str = ""
    error: Exception | None = None
    item: OutboxItem | None = None
    server_object: JsonObject | None = None
    field_messages: dict[str, str] = field(default_factory=dict)
    pending: int = 0

    @property
    def sent(self) -> bool:
        return self.status == OutcomeStatus.SENT

    @property
    def queued(self) -> bool:
        return self.status == OutcomeStatus.QUEUED

    @property
    def api_error(self) -> ApiError | None:
        return self.error if isinstance(self.error, ApiError) else None


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
class Step:
    """An action with the idempotency key it keeps for every attempt and replay."""

    action: Action
    key: str

    @property
    def path(self) -> str:
        return self.action.path

    @classmethod
    def of(cls, item: OutboxItem) -> Step:
        method = item.method if item.method in ("POST", "PUT", "PATCH", "DELETE") else "POST"
        action = Action(method, item.path, item.body, item.if_match, item.label)  # type: ignore[arg-type]
        return cls(action, item.idempotency_key)


@dataclass(frozen=True)
class ReplayEvents:
    """Per-item results of a replay, reported as they happen (thread-safe signal emits)."""

    sent: Callable[[OutboxItem, JsonObject | None, int], None]
    conflicted: Callable[[OutboxItem, JsonObject | None], None]
    failed: Callable[[OutboxItem, str], None]


class OutboxWorker:
    """Sends, queues and replays for one session's client and store (call from the pool)."""

    def __init__(self, client: PlatformClient, store: LocalStore) -> None:
        self.client = client
        self.store = store

    # --- a sync pass -------------------------------------------------------------------------

    def sync_pass(self, task: Task, events: ReplayEvents) -> SyncReport:
        report = SyncReport()
        self.replay(task, report, events)
        if report.stopped_by is None and not report.session_expired and not task.cancelled:
            self.refresh(task, report)
        report.pending = self.store.pending_count()
        return report

    def replay(self, task: Task, report: SyncReport, events: ReplayEvents) -> None:
        held = {
            resource_key(i.path): i.seq for i in self.store.outbox(states=("conflict", "failed"))
        }
        open_keys = {i.idempotency_key for i in self.store.outbox(states=OPEN_STATES)}
        for item in self.store.outbox(states=("pending",)):
            if task.cancelled:
                return
            ready = self._ready(item, held, open_keys)
            if ready is not None and not self._replay_one(ready, report, held, events):
                return

    def _ready(
        self, item: OutboxItem, held: dict[str, int], open_keys: set[str]
    ) -> OutboxItem | None:
        """The item to send now, or None when it must wait (or its create is gone)."""
        rkey = resource_key(item.path)
        if rkey in held and held[rkey] < item.seq:
            return None  # an earlier action on this object waits for the user
        if unresolved(item.path):  # its create may have gone through in this pass
            item = self.store.item(item.seq) or item
            rkey = resource_key(item.path)
        if not unresolved(item.path):
            return item
        if rkey.removeprefix("ref:") in open_keys:
            held.setdefault(rkey, item.seq)
            return None  # its create has not gone through yet
        self.store.mark(
            item.seq,
            "failed",
            QCoreApplication.translate("SyncEngine", "所依赖的新建操作已不存在。"),
        )
        return None

    def _replay_one(
        self, item: OutboxItem, report: SyncReport, held: dict[str, int], events: ReplayEvents
    ) -> bool:
        """Send one item; False when the pass must stop (platform unreachable, login needed)."""
        step = Step.of(item)
        try:
            result = self.attempt(step)
        except ApiError as exc:
            if is_transient(exc):
                self.store.mark(item.seq, "pending", exc.message())
                report.stopped_by = exc
                return False
            if exc.needs_login:
                report.session_expired = True
                return False
            held.setdefault(resource_key(item.path), item.seq)
            self._hold(item, exc, report, events)
            return True
        self.finish(item, step, result)
        report.sent += 1
        events.sent(item, result, self.store.pending_count())
        return True

    def _hold(
        self, item: OutboxItem, exc: ApiError, report: SyncReport, events: ReplayEvents
    ) -> None:
        """A refused replay: a conflict (412) or a failure, kept for the user to decide."""
        if exc.status == 412 and file_of(item.body) is None:
            server = exc.body.get("server_object")
            self.store.mark_conflict(item.seq, server, exc.message())
            report.conflicts += 1
            events.conflicted(self.store.item(item.seq) or item, server)
            return
        message = explain(exc)
        self.store.mark(item.seq, "failed", message)
        report.failures += 1
        events.failed(self.store.item(item.seq) or item, message)

    def attempt(self, step: Step) -> JsonObject | None:
        """Send one call; a 409/412 whose effect is already on the platform counts as done.

        On a real 412 the raised error's body carries the platform's object as
        "server_object" (fetched with GET of the same resource)."""
        try:
            return self.client.send(step.action, key=step.key)
        except ApiError as exc:
            if not may_be_applied(exc.status, step.action.body):
                raise
            resource = resource_of(step.path)
            server = self.client.get(resource) if resource else None
            action = step.action
            if already_applied(action.method, action.path, action.body, action.if_match, server):
                return dict(server) if isinstance(server, dict) else None
            exc.body = {**exc.body, "server_object": server}
            raise

    def finish(self, item: OutboxItem | None, step: Step, result: JsonObject | None) -> None:
        """After the platform accepted a step: fill in ids later items wait for, drop the item
        and its draft."""
        created = step.action.method == "POST" and resource_of(step.path) is None
        if created and isinstance(result, dict) and "id" in result:
            self.store.resolve_ref(created_ref(step.key), str(result["id"]))
        if item is not None:
            self.store.complete(item.seq)
        sent_file = file_of(step.action.body)
        if sent_file is not None:  # a signed PDF, a spooled copy: kept only until accepted
            discard(Path(sent_file[0]))

    def refresh(self, task: Task, report: SyncReport) -> None:
        client = self.client
        fetchers: dict[str, Callable[[], Any]] = {
            "departments": client.departments,
            "my_entries": lambda: client.entries(limit=CACHE_PAGE)["items"],
            "my_requests": lambda: client.requests(side="consumer", limit=CACHE_PAGE)["items"],
            "share_catalog": lambda: client.share_catalog(limit=50)["items"],
            "inbox": client.inbox,
            "policy": client.policy,
            "workday_overrides": client.workday_overrides,
            "workday_years": client.workday_years,
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

    # --- actions from screens ----------------------------------------------------------------

    def submit(self, steps: list[Step], draft: tuple[str, str] | None, online: bool) -> Outcome:
        """Send the steps in order now, or queue them (offline, or behind earlier actions)."""
        if not online or self._must_queue(steps):
            item = self.enqueue(steps, draft)
            return Outcome(
                OutcomeStatus.QUEUED,
                message=queued_message(online),
                item=item,
                pending=self.store.pending_count(),
            )
        result: JsonObject | None = None
        for n, step in enumerate(steps):
            try:
                result = self.attempt(step)
            except ApiError as exc:
                return self._submit_failed(exc, steps[n:], draft, result)
            self.finish(None, step, result)
            steps[n + 1 :] = [_resolved(s, step.key, result) for s in steps[n + 1 :]]
        if draft is not None:
            self.store.delete_draft(*draft)
        return Outcome(OutcomeStatus.SENT, result=result, pending=self.store.pending_count())

    def _must_queue(self, steps: list[Step]) -> bool:
        """Queue behind earlier actions: any pending one, or an open one on the same object."""
        keys = {resource_key(s.path) for s in steps}
        for item in self.store.outbox(states=OPEN_STATES):
            if item.state == "pending" or resource_key(item.path) in keys:
                return True
        return False

    def _submit_failed(
        self,
        exc: ApiError,
        rest: list[Step],
        draft: tuple[str, str] | None,
        done_so_far: JsonObject | None,
    ) -> Outcome:
        pending = self.store.pending_count
        if is_transient(exc) or exc.needs_login:
            item = self.enqueue(rest, draft)
            return Outcome(
                OutcomeStatus.QUEUED, message=exc.message(), error=exc, item=item, pending=pending()
            )
        if exc.status == 412 and file_of(rest[0].action.body) is None:
            # (a refused file upload, e.g. a signed PDF of an older revision, is no conflict to
            # merge: it fails, and its file stays for the user to sign again)
            queued = self.enqueue(rest, draft)
            server = exc.body.get("server_object")
            self.store.mark_conflict(queued.seq, server, exc.message())
            return Outcome(
                OutcomeStatus.CONFLICT,
                message=exc.message(),
                error=exc,
                item=self.store.item(queued.seq),
                server_object=server,
                pending=pending(),
            )
        return Outcome(
            OutcomeStatus.FAILED,
            result=done_so_far,  # e.g. the created object when its follow-up was refused
            message=explain(exc),
            error=exc,
            field_messages=exc.field_messages(),
            pending=pending(),
        )

    def enqueue(self, steps: list[Step], draft: tuple[str, str] | None) -> OutboxItem:
        """Queue the steps in order; the draft goes with the last (deleted when all got through)."""
        item: OutboxItem | None = None
        for n, step in enumerate(steps):
            action = step.action
            item = self.store.enqueue(
                method=action.method,
                path=action.path,
                body=action.body,
                if_match=action.if_match,
                label=action.label,
                draft=draft if n == len(steps) - 1 else None,
                idempotency_key=step.key,
            )
        assert item is not None
        return item

    def amend_queued_create(
        self,
        seq: int,
        body: JsonObject,
        follow: list[Step],
        draft: tuple[str, str] | None,
    ) -> Outcome:
        """Rewrite a still queued create's body in place (same key, same place in the order)
        and queue `follow` behind it; FAILED when the create went out meanwhile."""
        item = self.store.item(seq)
        if item is None or item.state != "pending":
            return Outcome(
                OutcomeStatus.FAILED,
                message=QCoreApplication.translate(
                    "SyncEngine", "排队的新建已发送，正在同步，请稍后再保存。"
                ),
                pending=self.store.pending_count(),
            )
        self.store.update_item(seq, body=body)
        queued = self.enqueue(follow, draft) if follow else self.store.item(seq)
        return Outcome(
            OutcomeStatus.QUEUED,
            message=QCoreApplication.translate("SyncEngine", "修改已合并到待发送的新建操作中。"),
            item=queued,
            pending=self.store.pending_count(),
        )

    def resolve(
        self,
        item: OutboxItem,
        resolution: Resolution,
        body: JsonObject | None,
        server: JsonObject | None,
    ) -> None:
        apply_resolution(self.store, item, server, resolution, body)


def _resolved(step: Step, key: str, result: JsonObject | None) -> Step:
    placeholder = created_ref(key)
    if placeholder in step.path and isinstance(result, dict) and "id" in result:
        path = step.path.replace(placeholder, str(result["id"]))
        return replace(step, action=replace(step.action, path=path))
    return step


def explain(exc: ApiError) -> str:
    """The translated message, with the fields the platform named."""
    fields = [m for m in exc.field_messages().values() if m]
    return exc.message() + ("（" + "；".join(fields) + "）" if fields else "")


def queued_message(online: bool) -> str:
    if not online:
        return QCoreApplication.translate(
            "SyncEngine", "当前离线，操作已保存到待发送队列，恢复连接后将按顺序自动提交。"
        )
    return QCoreApplication.translate(
        "SyncEngine", "前面还有待发送的操作，本操作已排在其后，将按顺序自动提交。"
    )
