"""The notification decisions on a real offline store, without widgets: a new to-do is notified
once (again after a restart: none), a kind switched off is not notified (nor replayed when
switched on), an item opened in the to-do list is seen, an item that comes back is new."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from govshare_desktop.notifications.presenter import (
    Notice,
    NotificationPresenter,
    menu_text,
    message,
    status_text,
)
from govshare_desktop.store.local import LocalStore


def todo(kind: str, object_id: int, state: str = "submitted", **extra: Any) -> dict[str, Any]:
    return {
        "kind": kind,
        "object_id": object_id,
        "state": state,
        "title": f"条目{object_id}",
    } | extra


@pytest.fixture
def store(tmp_path: Path) -> Iterator[LocalStore]:
    store = LocalStore(tmp_path / "u.db")
    yield store
    store.close()


def keys(notices: list[Notice]) -> list[tuple[str, int, str]]:
    return [n.key for n in notices]


def test_a_new_todo_is_notified_once_even_after_a_restart(store: LocalStore) -> None:
    presenter = NotificationPresenter(store)
    first = presenter.process([todo("request_decide", 7, due="2026-12-08", working_days_left=5)])
    assert keys(first.notices) == [("request_decide", 7, "submitted")]
    assert first.notices[0].label == "共享申请待审核" and first.notices[0].title == "条目7"
    assert keys(first.recent) == [("request_decide", 7, "submitted")]

    again = presenter.process([todo("request_decide", 7)])  # the next refresh
    assert again.notices == [] and keys(again.recent) == [("request_decide", 7, "submitted")]

    restarted = NotificationPresenter(LocalStore(store.path))  # the client started again
    assert restarted.process([todo("request_decide", 7)]).notices == []
    assert keys(restarted.recent()) == [("request_decide", 7, "submitted")]
    restarted.store.close()


def test_only_the_new_items_of_a_list_are_notified_once_each(store: LocalStore) -> None:
    presenter = NotificationPresenter(store)
    presenter.process([todo("entry_review", 1)])
    batch = presenter.process(
        [todo("entry_review", 1), todo("entry_review", 2), todo("entry_review", 2)]
    )
    assert keys(batch.notices) == [("entry_review", 2, "submitted")]
    assert keys(batch.recent)[0] == ("entry_review", 2, "submitted")


def test_a_kind_switched_off_is_not_notified_nor_replayed_when_switched_on(
    store: LocalStore,
) -> None:
    presenter = NotificationPresenter(store)
    assert presenter.kinds(["grant_expiring", "request_decide"]) == {
        "grant_expiring": True,
        "request_decide": True,
    }
    presenter.set_kinds({"grant_expiring": False})
    assert NotificationPresenter(store).kinds(["grant_expiring"]) == {"grant_expiring": False}

    batch = presenter.process([todo("grant_expiring", 3, "active"), todo("request_decide", 4)])
    assert keys(batch.notices) == [("request_decide", 4, "submitted")]

    presenter.set_kinds({"grant_expiring": True})
    assert presenter.process([todo("grant_expiring", 3, "active")]).notices == []
    assert keys(presenter.process([todo("grant_expiring", 5, "active")]).notices) == [
        ("grant_expiring", 5, "active")
    ]


def test_an_item_opened_in_the_todo_list_is_seen(store: LocalStore) -> None:
    presenter = NotificationPresenter(store)
    presenter.opened(todo("agreement_sign", 9, "awaiting_consumer"))
    batch = presenter.process([todo("agreement_sign", 9, "awaiting_consumer")])
    assert batch.notices == [] and batch.recent == []  # seen, but never a notification


def test_an_item_that_leaves_the_list_and_comes_back_is_new_again(store: LocalStore) -> None:
    presenter = NotificationPresenter(store)
    presenter.process([todo("entry_returned", 5, "returned")])
    gone = presenter.process([])  # resubmitted: no longer a to-do
    assert gone.recent == [] and store.seen_todos() == set()
    back = presenter.process([todo("entry_returned", 5, "returned")])  # returned again
    assert keys(back.notices) == [("entry_returned", 5, "returned")]


def test_a_new_state_of_the_same_object_is_a_new_todo(store: LocalStore) -> None:
    presenter = NotificationPresenter(store)
    presenter.process([todo("request_rejected", 2, "provider_rejected")])
    batch = presenter.process([todo("request_rejected", 2, "rejected")])
    assert keys(batch.notices) == [("request_rejected", 2, "rejected")]


def test_unknown_kinds_notify_under_their_code(store: LocalStore) -> None:
    batch = NotificationPresenter(store).process([todo("audit_alert", 1, "open")])
    assert batch.notices[0].label == "audit_alert"


def test_texts_of_one_and_of_several_todos() -> None:
    one = Notice(
        "request_decide", 7, "submitted", "人口基本信息", "共享申请待审核", "2026-12-08", 3
    )
    title, text = message([one])
    assert title == "新待办：共享申请待审核"
    assert text == "人口基本信息\n截止日期 2026-12-08（剩余 3 个工作日）"
    assert menu_text(one) == "共享申请待审核：人口基本信息"
    assert status_text([one]) == "新待办：共享申请待审核 — 人口基本信息"

    many = [Notice("entry_review", i, "submitted", f"条目{i}", "目录待审核") for i in range(5)]
    title, text = message(many)
    assert title == "新待办事项 5 项"
    assert text.splitlines() == [
        "目录待审核：条目0",
        "目录待审核：条目1",
        "目录待审核：条目2",
        "……等 5 项",
    ]
