"""平台策略 against a real platform: a changed value reaches the platform (If-Match on the
policy's version) and the desktop's cached values; an out-of-range value is refused beside its
field before anything is sent (log retention ≥ 5 years, 第二十六条); a change made meanwhile by
another admin opens the compare view (412) instead of overwriting it."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLabel

from govshare_core.vocab import Role
from govshare_desktop.api.actions import Action, policy_path
from govshare_desktop.common import policy as cached_policy
from govshare_desktop.common.conflict import ConflictDialog, differing_fields
from govshare_desktop.platform_admin import pages
from govshare_desktop.platform_admin.policy_page import PolicyPage
from tests.desktop.conftest import LiveServer
from tests.desktop.requests_support import api

WAIT = 15000
PAGE_AT_1366 = QSize(1110, 640)


def _page(qtbot, ctx) -> PolicyPage:  # type: ignore[no-untyped-def]
    page = PolicyPage(context=ctx)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: bool(page.server), timeout=WAIT)
    return page


def test_page_specs(qapp) -> None:  # type: ignore[no-untyped-def]
    specs = pages.page_specs()
    assert [s.key for s in specs] == ["platform_admin.policy", "platform_admin.workdays"]
    assert all(s.roles == {"platform_admin"} for s in specs)
    assert not specs[0].visible_for({"security_admin", "audit_admin", "supervisor"})


def test_change_a_value(live_server: LiveServer, make_context, qtbot) -> None:  # type: ignore[no-untyped-def]
    ctx = make_context("P", Role.PLATFORM_ADMIN)
    page = _page(qtbot, ctx)
    page.resize(PAGE_AT_1366)
    page.show()
    hint = page.minimumSizeHint()
    assert hint.width() <= PAGE_AT_1366.width() and hint.height() <= PAGE_AT_1366.height()
    assert page.spins["review_working_days"].value() == 5
    assert not page.saveButton.isEnabled()
    box = page.assessmentBox
    assert box.weights["quantity"].value() == 15 and box.bands["excellent"].value() == 90
    assert "目录数量" in {w.text() for w in box.findChildren(QLabel)}  # the core's labels

    page.spins["log_retention_years"].setValue(3)
    assert page.messages["log_retention_years"].text() == "日志至少保存 5 年（第二十六条）。"
    assert not page.saveButton.isEnabled()
    page.spins["log_retention_years"].setValue(6)
    assert page.messages["log_retention_years"].text() == ""
    page.spins["review_working_days"].setValue(61)
    assert page.messages["review_working_days"].text() == "应在 1 至 60 之间。"
    page.spins["review_working_days"].setValue(7)
    assert page.saveButton.isEnabled()
    version = page.server["version"]
    with qtbot.wait_signal(page.saved, timeout=WAIT) as saved:
        page.saveButton.click()
    assert saved.args[0]["version"] == version + 1
    assert page.outcomeLabel.text() == "已保存平台策略。"
    on_server = api(live_server, "A", Role.APPLICANT).policy()
    assert on_server["review_working_days"] == 7 and on_server["log_retention_years"] == 6
    assert not page.saveButton.isEnabled()
    qtbot.waitUntil(lambda: cached_policy.current(ctx).review_working_days == 7, timeout=WAIT)


def test_a_change_made_meanwhile_opens_the_compare_view(
    live_server: LiveServer, make_context, qtbot
) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, make_context("P", Role.PLATFORM_ADMIN))
    other = api(live_server, "P", Role.PLATFORM_ADMIN)
    version = int(other.policy()["version"])
    assert page.server["version"] == version
    other.send(Action("PATCH", policy_path(), {"change_report_days": 18}, if_match=version))

    page.spins["change_report_days"].setValue(25)
    with qtbot.wait_signal(page.conflict, timeout=WAIT) as opened:
        page.saveButton.click()
    dialog = opened.args[0]
    assert isinstance(dialog, ConflictDialog)
    assert "平台策略已被他人修改" in page.outcomeLabel.text()
    assert [r.field for r in dialog.presenter.rows] == ["change_report_days"]
    assert dialog.presenter.rows[0].theirs == 18
    assert dialog.presenter.rows[0].label == "变更报告期限"  # the core's label, not the name
    assert dialog.ui.fieldsTable.item(0, 0).text() == "变更报告期限"
    assert other.policy()["change_report_days"] == 18  # nothing overwritten

    # 保留我的: sent again against the platform's version (a PATCH replayed as such)
    dialog.ui.keepMineButton.click()
    qtbot.waitUntil(lambda: other.policy()["change_report_days"] == 25, timeout=WAIT)
    qtbot.waitUntil(lambda: page.server.get("change_report_days") == 25, timeout=WAIT)
    assert page.server["version"] == version + 2 and not page.changes()


def test_edit_the_assessment_weights_and_grade_bands(  # type: ignore[no-untyped-def]
    live_server: LiveServer, make_context, qtbot
) -> None:
    """第三十四条: the weights (summing to 100) and the grade bounds are policy values the
    platform admin edits, checked as the platform checks them (govshare_core.assessment)."""
    page = _page(qtbot, make_context("P", Role.PLATFORM_ADMIN))
    box = page.assessmentBox
    box.weights["quantity"].setValue(25)  # the sum is 110 now
    assert not page.saveButton.isEnabled()
    assert "之和须为 100" in box.messageLabel.text() and "110" in box.sumLabel.text()
    box.weights["quality"].setValue(10)  # 100 again
    assert box.messageLabel.text() == "" and page.saveButton.isEnabled()
    box.bands["good"].setValue(95)  # above 优秀
    assert "0 < 合格 < 良好 < 优秀" in box.messageLabel.text()
    assert not page.saveButton.isEnabled()
    box.bands["good"].setValue(80)
    assert set(page.changes()) == {"assessment_weights", "grade_bands"}
    with qtbot.wait_signal(page.saved, timeout=WAIT):
        page.saveButton.click()
    on_server = api(live_server, "P", Role.PLATFORM_ADMIN).policy()
    assert on_server["assessment_weights"]["quantity"] == 25
    assert on_server["assessment_weights"]["quality"] == 10
    assert on_server["grade_bands"]["good"] == 80
    assert not page.changes()


def test_the_compare_view_labels_the_policy_values(qapp) -> None:  # type: ignore[no-untyped-def]
    mine = {"grade_bands": {"excellent": 92.0, "good": 75.0, "pass": 60.0}, "change_report_days": 9}
    theirs = {
        "grade_bands": {"excellent": 90.0, "good": 75.0, "pass": 60.0},
        "change_report_days": 8,
    }
    rows = {r.field: r for r in differing_fields(mine, theirs)}
    assert rows["change_report_days"].label == "变更报告期限"
    assert rows["grade_bands"].label == "考核等级下限"
    assert rows["grade_bands"].mine_text.splitlines() == ["优秀 92", "良好 75", "合格 60"]
