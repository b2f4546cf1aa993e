"""The entry form through the SyncEngine against a real platform: queued offline with the
create's id filled in on replay, and a 412 on save opening the compare view."""

from __future__ import annotations

from collections.abc import Callable

from govshare_core.vocab import Role
from govshare_desktop.api.client import new_idempotency_key
from govshare_desktop.catalog.entry_form import EntryForm
from govshare_desktop.catalog.mine import MyEntriesPage
from govshare_desktop.common.conflict import ConflictDialog
from govshare_desktop.context import AppContext
from govshare_desktop.store.local import OPEN_STATES, OutboxItem
from tests.desktop.catalog.support import fill_valid, open_form, submitted_entries
from tests.desktop.catalog_support import entry_body
from tests.desktop.faultproxy import FaultProxy
from tests.desktop.sync.test_outbox import entries_named

# Each context has its own SyncEngine (`ctx.sync`, stopped by the make_context fixture); it is
# not started: the tests sync explicitly.


def _offline_form(qtbot, make_context, name: str) -> tuple[AppContext, EntryForm]:  # type: ignore[no-untyped-def]
    """A registrar's new entry, filled in while the platform is out of reach."""
    ctx = make_context("A", Role.REGISTRAR)
    ctx.set_online(False)
    form = open_form(qtbot, ctx)
    fill_valid(form, name)
    return ctx, form


def _queued(qtbot, form: EntryForm, send: Callable[[], None]) -> None:  # type: ignore[no-untyped-def]
    """`send` (the form's save or submit) ends in the outbox."""
    with qtbot.wait_signal(form.queued, timeout=10000):
        send()


def test_offline_submit_queues_through_the_engine_and_replays(  # type: ignore[no-untyped-def]
    make_context, qtbot
) -> None:
    ctx, form = _offline_form(qtbot, make_context, "经同步引擎排队的目录")
    _queued(qtbot, form, form.submit)
    items = ctx.store.outbox()
    assert [i.method for i in items] == ["POST", "POST"]
    assert items[1].path.endswith("/submit") and "{created:" in items[1].path
    assert not form.ui.submitButton.isEnabled()  # the submit waits in the outbox
    ctx.set_online(True)
    ctx.sync.sync_now()
    qtbot.waitUntil(lambda: ctx.store.pending_count() == 0, timeout=15000)
    qtbot.waitUntil(lambda: form.entry is not None, timeout=5000)
    assert form.entry is not None
    assert ctx.client.entry(int(form.entry["id"]))["status"] == "submitted"


def test_offline_saves_of_a_new_entry_rewrite_the_queued_create(  # type: ignore[no-untyped-def]
    make_context, qtbot
) -> None:
    ctx, form = _offline_form(qtbot, make_context, "第一稿")
    _queued(qtbot, form, form.save)
    form.ui.nameEdit.setText("第二稿")
    _queued(qtbot, form, form.save)
    items = ctx.store.outbox()
    assert len(items) == 1 and items[0].body["name"] == "第二稿"  # one create, not two


def test_save_meeting_412_opens_the_compare_view(  # type: ignore[no-untyped-def]
    make_context, qtbot
) -> None:
    ctx = make_context("A", Role.REGISTRAR)
    created = ctx.client.create_entry(entry_body("冲突测试目录"), key=new_idempotency_key())
    form = open_form(qtbot, ctx, entry_id=created["id"])
    qtbot.waitUntil(lambda: form.entry is not None and not form.busy, timeout=10000)
    other = entry_body("冲突测试目录", summary="他人修改的摘要")
    ctx.client.update_entry(created["id"], other, version=created["version"])
    form.ui.summaryEdit.setPlainText("我的摘要")
    form.save()
    qtbot.waitUntil(lambda: form.conflict_dialog is not None, timeout=10000)
    dialog = form.conflict_dialog
    assert isinstance(dialog, ConflictDialog) and dialog.isVisible()
    fields = [r.field for r in dialog.presenter.rows]
    assert "summary" in fields
    assert [i.state for i in ctx.store.outbox(states=OPEN_STATES)] == ["conflict"]
    with qtbot.wait_signal(ctx.data_changed, timeout=10000):
        dialog.ui.keepMineButton.click()
    qtbot.waitUntil(lambda: ctx.store.pending_count() == 0, timeout=15000)
    assert ctx.client.entry(created["id"])["summary"] == "我的摘要"


def _page(qtbot, ctx) -> MyEntriesPage:  # type: ignore[no-untyped-def]
    page = MyEntriesPage(context=ctx)
    qtbot.addWidget(page)
    page.show()
    return page


def _confirm(page) -> None:  # type: ignore[no-untyped-def]
    box = page.confirm_box
    assert box is not None and box.isVisible()
    [yes] = [b for b in box.buttons() if b.text() == "删除"]
    yes.click()


def test_deleting_a_server_draft_asks_then_deletes_with_if_match(  # type: ignore[no-untyped-def]
    make_context, qtbot
) -> None:
    ctx = make_context("A", Role.REGISTRAR)
    created = ctx.client.create_entry(entry_body("待删除的草稿"), key=new_idempotency_key())
    page = _page(qtbot, ctx)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10000)
    page.select_row(0)
    assert page.ui.deleteButton.isEnabled()
    page.ui.deleteButton.click()
    _confirm(page)
    qtbot.waitUntil(lambda: page.model.rowCount() == 0, timeout=10000)
    assert ctx.client.entries(department_id=ctx.department_id)["total"] == 0
    assert created["id"]


def test_deleting_a_local_draft_discards_it_after_confirmation(  # type: ignore[no-untyped-def]
    make_context, qtbot
) -> None:
    ctx = make_context("A", Role.REGISTRAR)
    ctx.store.save_draft("entry", "local-1", {"name": "本地草稿"}, title="本地草稿")
    page = _page(qtbot, ctx)
    assert page.ui.draftsList.count() == 1 and page.ui.deleteDraftButton.isEnabled()
    page.ui.deleteDraftButton.click()
    _confirm(page)
    qtbot.waitUntil(lambda: page.ui.draftsList.count() == 0, timeout=10000)
    assert ctx.store.load_draft("entry", "local-1") is None
    assert not page.ui.draftsGroup.isVisible()


def test_recall_is_queued_offline(make_context, qtbot) -> None:  # type: ignore[no-untyped-def]
    ctx = make_context("A", Role.REGISTRAR)
    [e] = submitted_entries(ctx, ["离线撤回"])
    page = _page(qtbot, ctx)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10000)
    page.select_row(0)
    assert page.ui.recallButton.isEnabled()
    ctx.set_online(False)
    page.act("recall")
    queued: list[OutboxItem] = []

    def recall_queued() -> bool:  # read once: a replay may empty the outbox right after
        queued[:] = ctx.store.outbox()
        return len(queued) == 1

    qtbot.waitUntil(recall_queued, timeout=10000)
    [item] = queued
    assert item.path.endswith(f"/{e['id']}/recall") and item.if_match is not None
    qtbot.waitUntil(lambda: "离线" in page.ui.outcomeLabel.text(), timeout=5000)


def test_review_decision_is_queued_offline_and_replayed(  # type: ignore[no-untyped-def]
    make_context, qtbot
) -> None:
    from govshare_desktop.catalog.review import ReviewPage
    from tests.desktop.qt_support import accept_confirmation

    registrar = make_context("A", Role.REGISTRAR)
    [e] = submitted_entries(registrar, ["离线审核的目录"])
    reviewer = make_context("A", Role.CATALOG_REVIEWER)
    review = ReviewPage(context=reviewer)
    qtbot.addWidget(review)
    qtbot.waitUntil(lambda: review.model.rowCount() == 1, timeout=10000)
    review.select_row(0)
    qtbot.waitUntil(lambda: review.ui.approveButton.isEnabled(), timeout=10000)
    reviewer.set_online(False)
    box = review.approve()
    assert box is not None
    with qtbot.wait_signal(review.decided, timeout=10000) as sig:
        accept_confirmation(box)
    assert sig.args == ["dept_approve", None]  # queued, no answer yet
    [item] = reviewer.store.outbox()
    assert item.path.endswith(f"/{e['id']}/dept-approve") and item.if_match is not None
    reviewer.set_online(True)
    reviewer.sync.sync_now()
    qtbot.waitUntil(lambda: reviewer.store.pending_count() == 0, timeout=15000)
    assert registrar.client.entry(e["id"])["status"] == "dept_approved"


def test_a_refused_submit_after_the_create_leaves_one_entry(  # type: ignore[no-untyped-def]
    make_context, live_server, qtbot
) -> None:
    """New + 提交 where the platform takes the create but refuses the submit: the form learns
    the created entry, so saving again updates it instead of registering a second one."""
    with FaultProxy(live_server.url) as proxy:
        ctx = make_context("A", Role.REGISTRAR, url=proxy.url)
        form = open_form(qtbot, ctx)
        fill_valid(form, "提交被拒的新目录")
        proxy.fail(409, 1, match="/submit")
        form.submit()
        qtbot.waitUntil(lambda: form.entry is not None and not form.busy, timeout=10000)
        assert form.entry is not None and form.entry["status"] == "draft"
        with qtbot.wait_signal(form.saved, timeout=10000):
            form.save()
        assert entries_named(live_server, "提交被拒的新目录") == 1
