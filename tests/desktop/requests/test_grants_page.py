"""Grants page against a real platform: given/received tabs, expiry highlight, revocation."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt

from govshare_core.vocab import Role
from govshare_core.workdays import WorkdayCalendar
from govshare_desktop.requests.deadlines import grant_expiry_info
from govshare_desktop.requests.grants_page import EXPIRING_BACKGROUND, GrantsPage
from govshare_platform import clock
from tests.desktop.conftest import LiveServer
from tests.desktop.qt_support import accept_confirmation
from tests.desktop.requests_support import publish_entry, submitted_request

WAIT = 8000


def active_grants(server: LiveServer, *, days: int) -> int:
    """An unconditional entry of A requested by B for `days`: granted at once; the request id."""
    entry = publish_entry(
        server, "A", share_type="unconditional", share_conditions=None, share_scope=None
    )
    end = (clock.today() + timedelta(days=days)).isoformat()
    submitted = submitted_request(server, entry, end_date=end)
    assert submitted["status"] == "active"
    return int(submitted["id"])


def test_revoke_a_grant_with_a_reason(
    live_server: LiveServer, make_context, qtbot, qtmodeltester
) -> None:  # type: ignore[no-untyped-def]
    active_grants(live_server, days=10)
    page = GrantsPage(context=make_context("A", Role.RESOURCE_ADMIN))
    qtbot.addWidget(page)
    model = page.models["given"]
    qtbot.waitUntil(lambda: model.rowCount() == 2, timeout=WAIT)
    qtmodeltester.check(model)
    row = model.rows()[0]
    assert row["consumer_department_name"] == "南通市民政局"
    assert row["_expiry"] == f"剩 {row['working_days_left']} 个工作日"  # the platform's count
    assert row["_days_left"] == row["working_days_left"] and row["expiring_soon"]
    background = model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole)
    assert background.color() == EXPIRING_BACKGROUND  # ends within 14 days: highlighted
    assert "all" not in page.models  # the 全部 tab is the platform admin's

    page.select("given", 0)
    assert page.ui.revokeButton.isEnabled()
    with qtbot.wait_signal(page.dialog_opened, timeout=WAIT) as opened:
        qtbot.mouseClick(page.ui.revokeButton, Qt.MouseButton.LeftButton)
    dialog = opened.args[0]
    qtbot.mouseClick(dialog.ui.okButton, Qt.MouseButton.LeftButton)
    assert dialog.error_text == "理由不能为空"  # govshare_core.validation.validate_reason
    dialog.set_reason("使用方超范围使用数据")
    qtbot.mouseClick(dialog.ui.okButton, Qt.MouseButton.LeftButton)
    assert "撤销" in dialog.confirm_box.text()  # irreversible: confirmed first
    with qtbot.wait_signal(page.revoked, timeout=WAIT) as revoked:
        accept_confirmation(dialog.confirm_box)
    assert revoked.args[0]["status"] == "revoked"
    assert revoked.args[0]["revoked_reason"] == "使用方超范围使用数据"
    qtbot.waitUntil(
        lambda: (
            model.rowCount() == 2 and {r["status"] for r in model.rows()} == {"active", "revoked"}
        ),
        timeout=WAIT,
    )

    # the consumer sees it as received; its applicant cannot revoke
    consumer = GrantsPage(context=make_context("B", Role.APPLICANT))
    qtbot.addWidget(consumer)
    qtbot.waitUntil(lambda: consumer.models["received"].rowCount() == 2, timeout=WAIT)
    consumer.select("received", 0)
    assert consumer.ui.revokeButton.isHidden() and not consumer.ui.revokeButton.isEnabled()


def test_platform_admin_sees_all_grants(live_server: LiveServer, make_context, qtbot) -> None:  # type: ignore[no-untyped-def]
    active_grants(live_server, days=200)
    page = GrantsPage(context=make_context("P", Role.PLATFORM_ADMIN))
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.models["all"].rowCount() == 2, timeout=WAIT)
    assert page.models["all"].index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    page.select("all", 0)
    assert page.ui.revokeButton.isEnabled()


def test_expiry_info() -> None:
    """Rows without the platform's values (cached earlier): govshare_core.rules decides."""
    today, calendar = date(2026, 6, 1), WorkdayCalendar()
    row = {"status": "active", "valid_until": "2026-06-15"}
    assert grant_expiry_info(row, today, calendar=calendar).expiring_soon
    later = dict(row, valid_until="2026-06-16")
    assert not grant_expiry_info(later, today, calendar=calendar).expiring_soon
    ends_today = dict(row, valid_until="2026-06-01")
    assert grant_expiry_info(ends_today, today, calendar=calendar).text == "今日到期"
    revoked = dict(row, status="revoked")
    assert not grant_expiry_info(revoked, today, calendar=calendar).expiring_soon


def test_the_expiry_legend_names_the_cores_warning_window(make_context, qtbot) -> None:  # type: ignore[no-untyped-def]
    from govshare_core.rules import GRANT_EXPIRY_WARNING_DAYS

    page = GrantsPage(context=make_context("A", Role.APPLICANT))
    qtbot.addWidget(page)
    text = page.ui.legendLabel.text()
    assert f"{GRANT_EXPIRY_WARNING_DAYS} 天内到期" in text and "%1" not in text
