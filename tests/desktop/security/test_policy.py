"""密码策略 against a real platform (第三十三条): the security admin raises the shortest length;
the new-account dialog then checks new passwords against it, live; a save over another admin's
change (stale If-Match, 412) is refused and the policy shown afresh."""

from __future__ import annotations

from govshare_core.vocab import Role
from govshare_desktop.api import security_paths
from govshare_desktop.api.actions import Action
from govshare_desktop.security.policy_page import PasswordPolicyPage
from govshare_desktop.security.users_page import UsersPage
from tests.desktop.conftest import LiveServer
from tests.desktop.security.support import WAIT, click_new


def policy_page(qtbot, context) -> PasswordPolicyPage:  # type: ignore[no-untyped-def]
    page = PasswordPolicyPage(context=context)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.policy is not None, timeout=WAIT)
    return page


def test_change_the_policy_then_new_passwords_follow_it(
    live_server: LiveServer, make_context, qtbot
) -> None:  # type: ignore[no-untyped-def]
    context = make_context("P", Role.SECURITY_ADMIN)
    page = policy_page(qtbot, context)
    before = dict(page.policy or {})
    assert page.thresholdLabel.text() != "—" and not page.saveButton.isEnabled()
    page.minLengthSpin.setValue(16)
    page.maxAgeSpin.setValue(0)
    assert page.saveButton.isEnabled() and "至少 16 个字符" in page.ruleLabel.text()
    with qtbot.wait_signal(page.saved, timeout=WAIT) as saved:
        page.saveButton.click()
    policy = saved.args[0]
    assert policy["min_length"] == 16 and policy["max_age_days"] == 0
    assert policy["version"] > before["version"]
    assert page.maxAgeSpin.text() == "永不过期" and not page.saveButton.isEnabled()

    users = UsersPage(context=context)
    qtbot.addWidget(users)
    dialog = click_new(qtbot, users)
    qtbot.waitUntil(lambda: dialog.password.policy.min_length == 16, timeout=WAIT)
    dialog.password.edit.setText("Fifteen-Chars1!")  # 15
    assert "至少需要16个字符" in dialog.field_message("password")
    dialog.reject()


def test_a_stale_save_is_refused_and_reloaded(live_server: LiveServer, make_context, qtbot) -> None:  # type: ignore[no-untyped-def]
    context = make_context("P", Role.SECURITY_ADMIN)
    page = policy_page(qtbot, context)
    version = int((page.policy or {})["version"])
    other = make_context("P", Role.SECURITY_ADMIN).client  # another admin saves first
    other.send(
        Action("PATCH", security_paths.password_policy_path(), {"min_classes": 4}, version),
        key="other-policy",
    )
    page.minLengthSpin.setValue(20)
    with qtbot.wait_signal(page.loaded, timeout=WAIT) as loaded:
        page.saveButton.click()
    assert "已被他人修改" in page.outcomeLabel.text()
    assert loaded.args[0]["min_classes"] == 4 and page.minClassesSpin.value() == 4
    assert page.minLengthSpin.value() == loaded.args[0]["min_length"]
    # the stale change is not left in the outbox (dropped in the background, beside the reload)
    qtbot.waitUntil(lambda: context.store.pending_count() == 0, timeout=WAIT)
