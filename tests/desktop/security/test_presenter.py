"""The security desk's presenter without a platform: account states, what is offered on which
account (govshare_core.separation), the credit-code and password messages."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from govshare_core.creditcode import make_credit_code
from govshare_core.passwords import PasswordPolicy
from govshare_desktop.security import presenter as P

ME = 7
ADMIN = ["security_admin"]


def user(**fields: object) -> dict[str, object]:
    return {"id": 3, "username": "ga_clerk", "roles": ["registrar"], "active": True, **fields}


def test_states(qapp) -> None:  # type: ignore[no-untyped-def]
    later = (datetime.now(UTC) + timedelta(minutes=5)).isoformat()
    earlier = (datetime.now(UTC) - timedelta(minutes=5)).isoformat()
    assert P.account_state(user()) == "active"
    assert P.account_state(user(active=False, locked_until=later)) == "disabled"
    assert P.account_state(user(locked_until=later)) == "locked"
    assert P.account_state(user(locked_until=earlier, must_change_password=True)) == "must_change"


def test_what_is_offered_follows_the_separation_rule(qapp) -> None:  # type: ignore[no-untyped-def]
    later = (datetime.now(UTC) + timedelta(minutes=5)).isoformat()
    assert P.user_actions(user(), me=ME, my_roles=ADMIN) == ["edit", "disable", "reset"]
    locked = P.user_actions(user(locked_until=later), me=ME, my_roles=ADMIN)
    assert locked == ["edit", "disable", "unlock", "reset"]
    assert P.user_actions(user(active=False), me=ME, my_roles=ADMIN) == ["edit", "enable"]
    assert P.user_actions(user(id=ME, roles=ADMIN), me=ME, my_roles=ADMIN) == []  # own account
    for privileged in (["audit_admin"], ["security_admin"]):
        row = user(roles=privileged)
        assert P.user_actions(row, me=ME, my_roles=ADMIN) == []
        assert "命令行" in P.user_detail(row, department="", me=ME, my_roles=ADMIN)
    assert P.user_actions(user(), me=ME, my_roles=["platform_admin"]) == []
    granted = {r.value for r in P.grantable_roles(ADMIN)}
    assert "security_admin" not in granted and "audit_admin" not in granted
    assert "registrar" in granted
    assert P.role_messages(["registrar", "applicant"]) == []


def test_credit_code_and_password_messages(qapp) -> None:  # type: ignore[no-untyped-def]
    good = make_credit_code("11320600MB1999990")
    assert P.credit_code_message(good) == ""
    assert "校验码错误" in P.credit_code_message(good[:17] + ("1" if good[17] != "1" else "2"))
    assert "不含I、O、Z、S、V" in P.credit_code_message("1132I")  # said before it is complete
    assert "18位" in P.credit_code_message("11320600")
    policy = PasswordPolicy(min_length=14, min_classes=3)
    assert "至少需要14个字符" in P.password_messages("Ab1!", username=None, policy=policy)[0]
    assert P.password_messages("Long-enough-Passw0rd", username=None, policy=policy) == []
    assert any(
        "用户名" in m
        for m in P.password_messages("ga_clerk-Passw0rd!", username="ga_clerk", policy=policy)
    )
