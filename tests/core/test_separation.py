"""govshare_core.separation: the 三员分立 rules both programs ask (pure functions)."""

from __future__ import annotations

import pytest

from govshare_core.separation import (
    PRIVILEGED_ROLES,
    SeparationRefusal,
    audit_refusal,
    decision_refusal,
    grantable_roles,
    may_administer_user,
    role_problems,
    user_admin_refusal,
)
from govshare_core.vocab import Role

SE, AU, PA, R = Role.SECURITY_ADMIN, Role.AUDIT_ADMIN, Role.PLATFORM_ADMIN, Role.REGISTRAR


@pytest.mark.parametrize(
    ("roles", "codes"),
    [
        ([R, Role.CATALOG_REVIEWER], []),
        ([SE], []),
        ([AU], []),
        ([], ["roles_required"]),
        ([SE, AU], ["separation_of_duties"]),
        ([SE, PA], ["privileged_role_alone"]),
        ([AU, R], ["privileged_role_alone"]),
    ],
)
def test_role_problems(roles: list[Role], codes: list[str]) -> None:
    problems = role_problems(roles)
    assert [p.code for p in problems] == codes
    assert all(p.field == "roles" and p.message_zh and p.message_en for p in problems)


def test_the_security_admin_never_touches_itself_or_a_privileged_account() -> None:
    me, sec = 1, [SE]
    assert user_admin_refusal(me, sec, new_roles=[R]) is None
    assert user_admin_refusal(me, sec, target_id=2, target_roles=[R], new_roles=[PA]) is None
    assert user_admin_refusal(me, sec, target_id=1, target_roles=[SE]) is SeparationRefusal(
        "own_account"
    )
    for roles in ([AU], [SE]):
        why = user_admin_refusal(me, sec, target_id=2, target_roles=roles)
        assert why is SeparationRefusal.PRIVILEGED_ACCOUNT
        why = user_admin_refusal(me, sec, new_roles=roles)
        assert why is SeparationRefusal.PRIVILEGED_ROLE
    why = user_admin_refusal(me, sec, target_id=2, target_roles=[R], new_roles=[R, AU])
    assert why is SeparationRefusal.PRIVILEGED_ROLE
    assert user_admin_refusal(me, [PA], new_roles=[R]) is SeparationRefusal.NOT_SECURITY_ADMIN
    assert may_administer_user(me, sec, 2, [R]) and not may_administer_user(me, sec, 2, [AU])


def test_grantable_roles_and_audit_access() -> None:
    assert set(grantable_roles([SE])) == set(Role) - PRIVILEGED_ROLES
    assert grantable_roles([PA]) == []
    assert audit_refusal([AU]) is None
    assert audit_refusal([SE]) is SeparationRefusal.NOT_AUDIT_ADMIN


def test_only_the_filed_resource_admin_decides() -> None:
    assert decision_refusal(5, 5) is None
    assert decision_refusal(5, 6) is SeparationRefusal.NOT_FILED_RESOURCE_ADMIN
    assert decision_refusal(5, None) is SeparationRefusal.NOT_FILED_RESOURCE_ADMIN
    assert all(r.label_zh and r.label_en for r in SeparationRefusal)
