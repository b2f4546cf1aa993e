"""Which 待办 (to-do) items raise a desktop notification, without widgets or threads.

A to-do (kind, object id, state) is notified once: when a freshly fetched to-do list holds it
and the user has not seen it yet. Seen = shown in a notification before, or opened in the
to-do list (home page), or listed while its kind did not notify (so switching a kind on later
does not replay old items). What was seen is kept in the offline store (one per profile and
user, table `seen_todos`, store migration 0003), so a restart notifies nothing again; an item
that leaves the to-do list is forgotten, and notifies again if it comes back (an entry returned
a second time). Which kinds notify is the user's choice (table `notify_kinds`; absent kinds
notify).

Every method reads or writes the store: call them off the UI thread (notifications.center).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication

from govshare_desktop.home import presenter as home
from govshare_desktop.store.local import LocalStore, SeenTodo, TodoKey

CONTEXT = "Notifications"
RECENT = 10  # notifications listed in the tray menu
SHOWN = 3  # to-dos named in one notification; more are counted


@dataclass(frozen=True)
class Notice:
    """A to-do as a notification shows it (`label`: the kind's text of the home page)."""

    kind: str
    object_id: int
    state: str
    title: str
    label: str
    due: str | None = None
    days_left: int | None = None

    @property
    def key(self) -> TodoKey:
        return (self.kind, self.object_id, self.state)


@dataclass(frozen=True)
class Batch:
    """What one fetch of the to-do list brings: the new to-dos to notify (maybe none), and the
    recent notifications (newest first) for the tray menu."""

    notices: list[Notice]
    recent: list[Notice]


def todo_key(item: dict[str, Any]) -> TodoKey:
    return (str(item.get("kind", "")), int(item.get("object_id", 0)), str(item.get("state", "")))


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


class NotificationPresenter:
    """The decisions of the notifications, over the user's offline store."""

    def __init__(self, store: LocalStore, *, label: Callable[[str], str] = home.kind_text) -> None:
        self.store = store
        self.label = label

    # --- the to-do list --------------------------------------------------------------------

    def process(self, items: Iterable[dict[str, Any]]) -> Batch:
        """The to-do list was just fetched from the platform (the whole list the user sees):
        which of its items to notify now; all its new items become seen."""
        listed = list(items)
        enabled = self.store.notify_kinds()
        seen = self.store.seen_todos()
        fresh: list[Notice] = []
        keys: set[TodoKey] = set()
        for item in listed:
            key = todo_key(item)
            if key not in seen and key not in keys:
                fresh.append(self.notice(item))
            keys.add(key)
        notify = [n for n in fresh if enabled.get(n.kind, True)]
        record = [
            self._seen(n, "notified" if enabled.get(n.kind, True) else "muted") for n in fresh
        ]
        self.store.record_seen(record, listed=keys)
        return Batch(notify, self.recent())

    def opened(self, item: dict[str, Any]) -> None:
        """The user opened the to-do in the to-do list: it is seen."""
        self.store.record_seen([self._seen(self.notice(item), "opened")])

    def recent(self, limit: int = RECENT) -> list[Notice]:
        """The last notified to-dos still in the to-do list, newest first."""
        return [
            Notice(s.kind, s.object_id, s.state, s.title, self.label(s.kind))
            for s in self.store.recent_notified(limit)
        ]

    def notice(self, item: dict[str, Any]) -> Notice:
        kind, object_id, state = todo_key(item)
        due = item.get("due")
        left = item.get("working_days_left")
        return Notice(
            kind,
            object_id,
            state,
            str(item.get("title", "")),
            self.label(kind),
            str(due) if due else None,
            int(left) if isinstance(left, int) else None,
        )

    @staticmethod
    def _seen(notice: Notice, how: str) -> SeenTodo:
        return SeenTodo(notice.kind, notice.object_id, notice.state, notice.title, how)

    # --- which kinds notify ----------------------------------------------------------------

    def kinds(self, kinds: Iterable[str]) -> dict[str, bool]:
        """Whether each of `kinds` notifies (the user's choice; by default they all do)."""
        chosen = self.store.notify_kinds()
        return {kind: chosen.get(kind, True) for kind in kinds}

    def set_kinds(self, kinds: dict[str, bool]) -> None:
        self.store.set_notify_kinds(kinds)


# --- texts -----------------------------------------------------------------------------------


def menu_text(notice: Notice) -> str:
    """A notification in the tray menu: 共享申请待审核：人口基本信息."""
    return _tr("%1：%2").replace("%1", notice.label).replace("%2", notice.title)


def _due(notice: Notice) -> str:
    if notice.due is None:
        return ""
    item = {"working_days_left": notice.days_left}
    return (
        _tr("截止日期 %1（%2）").replace("%1", notice.due).replace("%2", home.days_left_text(item))
    )


def message(notices: list[Notice]) -> tuple[str, str]:
    """The notification's title and text: one to-do by its kind, title and deadline; several
    counted, the first few named."""
    if len(notices) == 1:
        notice = notices[0]
        lines = [notice.title, _due(notice)]
        return _tr("新待办：%1").replace("%1", notice.label), "\n".join(x for x in lines if x)
    lines = [menu_text(n) for n in notices[:SHOWN]]
    if len(notices) > SHOWN:
        lines.append(_tr("……等 %1 项").replace("%1", str(len(notices))))
    return _tr("新待办事项 %1 项").replace("%1", str(len(notices))), "\n".join(lines)


def status_text(notices: list[Notice]) -> str:
    """The notice in the window's status bar when there is no system tray: one line."""
    title, text = message(notices)
    first = text.splitlines()[0] if text else ""
    return _tr("%1 — %2").replace("%1", title).replace("%2", first)
