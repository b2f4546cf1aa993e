"""Who may take a transition (govshare_core.workflow.may_take / refusal / allowed_actions): the
one answer the platform enforces and the client offers. Role, party, four eyes (第十五条), the
platform admin's override on revocation (第二十九条), and the system-only steps."""

from __future__ import annotations

import pytest

from govshare_core.vocab import EntryStatus, GrantStatus, RequestStatus, Role
from govshare_core.workflow import (
    CATALOG_ENTRY,
    ENTRY_REVIEW_STATES,
    GRANT,
    REQUEST_REVIEW_STATES,
    SHARE_REQUEST,
    Actor,
    Parties,
    Refusal,
    StateMachine,
    allowed_actions,
    may_take,
    refusal,
    waiting_for_review,
)

E, R, G = EntryStatus, RequestStatus, GrantStatus
REG, REV, APP = Role.REGISTRAR, Role.CATALOG_REVIEWER, Role.APPLICANT
RA, PA = Role.RESOURCE_ADMIN, Role.PLATFORM_ADMIN
OWN, OTHER, PLATFORM = 10, 20, 1


def actor(*roles: Role, dept: int = OWN, user: int = 7) -> Actor:
    return Actor(user, frozenset(roles), dept, is_platform=dept == PLATFORM)


ENTRY = Parties(owner_dept=OWN, submitter_id=99)
REQUEST = Parties(owner_dept=OTHER, provider_dept=OWN)  # OTHER asks OWN for data


FOUR_EYES = {"dept_approve", "dept_return"}


@pytest.mark.parametrize("machine", [CATALOG_ENTRY, SHARE_REQUEST, GRANT])
def test_action_names_are_unique_so_transition_by_name_is_well_defined(
    machine: StateMachine,
) -> None:
    names = [t.action for t in machine.transitions]
    assert len(names) == len(set(names))
    for name in names:
        assert machine.transition(name).action == name
    with pytest.raises(KeyError):
        machine.transition("teleport")


def test_four_eyes_is_the_whole_department_review() -> None:
    # 第十五条: 登记 and 审核 are separate duties; a return is as much a review as an approval
    flagged = {t.action for t in CATALOG_ENTRY.transitions if t.not_by_submitter}
    assert flagged == FOUR_EYES
    assert not [t for t in SHARE_REQUEST.transitions if t.not_by_submitter]


@pytest.mark.parametrize("action", sorted(FOUR_EYES))
def test_the_submitter_never_reviews_their_own_entry(action: str) -> None:
    t = CATALOG_ENTRY.find(action, E.SUBMITTED)
    reviewer = actor(REV, REG, user=99)  # registrar and reviewer in one person
    assert refusal(t, reviewer, ENTRY) is Refusal.OWN_SUBMISSION
    assert may_take(t, actor(REV, user=5), ENTRY)
    assert allowed_actions(CATALOG_ENTRY, E.SUBMITTED, reviewer, ENTRY) == ["recall"]


@pytest.mark.parametrize("action", sorted(FOUR_EYES))
def test_the_author_never_reviews_what_a_colleague_submitted(action: str) -> None:
    # issue 11, finding 13: registrar + reviewer wrote it, a colleague (99) submitted it
    t = CATALOG_ENTRY.find(action, E.SUBMITTED)
    written = Parties(owner_dept=OWN, submitter_id=99, author_id=7)
    assert refusal(t, actor(REV, REG, user=7), written) is Refusal.OWN_SUBMISSION
    assert may_take(t, actor(REV, user=5), written)


def test_role_then_party_for_the_owner_department() -> None:
    t = CATALOG_ENTRY.find("submit", E.DRAFT)
    assert refusal(t, actor(REG), ENTRY) is None
    assert refusal(t, actor(REV), ENTRY) is Refusal.ROLE
    assert refusal(t, actor(REG, dept=OTHER), ENTRY) is Refusal.PARTY
    assert refusal(t, actor(REG), Parties()) is Refusal.PARTY  # no owner known: nobody's


def test_platform_transitions_need_the_role_not_a_department() -> None:
    t = CATALOG_ENTRY.find("publish", E.DEPT_APPROVED)
    assert may_take(t, actor(PA, dept=PLATFORM), ENTRY)
    assert refusal(t, actor(REV, REG), ENTRY) is Refusal.ROLE


def test_provider_decides_and_the_consumer_disputes() -> None:
    decide = SHARE_REQUEST.find("provider_approve", R.SUBMITTED)
    assert may_take(decide, actor(RA, dept=OWN), REQUEST)
    assert refusal(decide, actor(RA, dept=OTHER), REQUEST) is Refusal.PARTY
    assert refusal(decide, actor(PA, dept=PLATFORM), REQUEST) is Refusal.ROLE
    dispute = SHARE_REQUEST.find("dispute", R.PROVIDER_REJECTED)
    assert may_take(dispute, actor(APP, dept=OTHER), REQUEST)
    assert refusal(dispute, actor(APP, dept=OWN), REQUEST) is Refusal.PARTY


@pytest.mark.parametrize("machine", [SHARE_REQUEST, GRANT])
def test_revocation_by_the_providers_resource_admin_or_the_platform_admin(
    machine: StateMachine,
) -> None:
    state = R.ACTIVE if machine is SHARE_REQUEST else G.ACTIVE
    t = machine.find("revoke", state)
    assert may_take(t, actor(RA, dept=OWN), REQUEST)
    assert may_take(t, actor(PA, dept=PLATFORM), REQUEST)  # override: any provider
    assert refusal(t, actor(RA, dept=OTHER), REQUEST) is Refusal.PARTY  # the consumer's
    assert refusal(t, actor(APP, dept=OWN), REQUEST) is Refusal.ROLE
    assert t.needs_reason


def test_grant_and_request_revocation_have_the_same_who() -> None:
    grant, request = GRANT.transition("revoke"), SHARE_REQUEST.transition("revoke")
    assert (grant.roles, grant.party, grant.override_roles) == (
        request.roles,
        request.party,
        request.override_roles,
    )
    assert GRANT.find("revoke", G.ACTIVE).target == G.REVOKED
    assert allowed_actions(GRANT, G.EXPIRED, actor(PA, dept=PLATFORM), REQUEST) == []
    assert allowed_actions(GRANT, G.ACTIVE, actor(RA), REQUEST) == ["revoke"]


def test_system_steps_are_nobodys() -> None:
    everyone = actor(*Role, dept=PLATFORM)
    for machine in (SHARE_REQUEST, GRANT):
        for t in machine.transitions:
            if not t.roles and not t.override_roles:
                assert refusal(t, everyone, REQUEST) is Refusal.SYSTEM_ONLY, t.action


def test_allowed_actions_per_party_on_a_submitted_request() -> None:
    assert allowed_actions(SHARE_REQUEST, R.SUBMITTED, actor(RA, APP, dept=OWN), REQUEST) == [
        "provider_approve",
        "provider_reject",
    ]
    assert allowed_actions(SHARE_REQUEST, R.SUBMITTED, actor(RA, APP, dept=OTHER), REQUEST) == [
        "withdraw"
    ]
    assert allowed_actions(SHARE_REQUEST, R.SUBMITTED, actor(PA, dept=PLATFORM), REQUEST) == []


def test_actor_of_plain_values_ignores_unknown_roles() -> None:
    a = Actor.of(user_id=1, roles=["applicant", "astronaut"], department_id=3)
    assert a == Actor(1, frozenset({APP}), 3, False)


def test_refusals_have_both_languages() -> None:
    for why in Refusal:
        assert why.label_zh and why.label_en
    assert "第十五条" in Refusal.OWN_SUBMISSION.label_zh


def test_review_states() -> None:
    assert {R.SUBMITTED, R.PROVIDER_APPROVED, R.DISPUTED} == REQUEST_REVIEW_STATES
    assert {E.SUBMITTED, E.DEPT_APPROVED} == ENTRY_REVIEW_STATES
    assert waiting_for_review(SHARE_REQUEST, R.DISPUTED)
    assert not waiting_for_review(SHARE_REQUEST, R.AWAITING_AGREEMENT)
    assert waiting_for_review(CATALOG_ENTRY, E.DEPT_APPROVED)
    assert not waiting_for_review(GRANT, G.ACTIVE)


def test_system_steps() -> None:
    assert [t.action for t in SHARE_REQUEST.system_steps()] == [
        "auto_grant",
        "route_statutory",
        # the agreement's third signature or a decline moves the request (第三十条)
        "agreement_completed",
        "agreement_declined",
        "expire",
    ]
    assert CATALOG_ENTRY.system_steps() == ()
    assert [t.action for t in GRANT.system_steps()] == ["expire"]
