"""Every transition of the catalog-entry and share-request state machines (govshare_core.workflow).

The expected tables are written out here on purpose: a change to the workflow must change this
file too, so it is a decision and not an accident.
"""

from __future__ import annotations

from enum import StrEnum

import pytest

from govshare_core.vocab import EntryStatus, RequestStatus, Role
from govshare_core.workflow import (
    CATALOG_ENTRY,
    SHARE_REQUEST,
    IllegalTransition,
    Party,
    StateMachine,
)

E, R = EntryStatus, RequestStatus
# action -> (sources, target, roles, party, needs_reason)
ENTRY_TABLE: dict[str, tuple[set[str], str, set[Role], Party, bool]] = {
    "submit": ({E.DRAFT, E.RETURNED}, E.SUBMITTED, {Role.REGISTRAR}, Party.OWNER_DEPT, False),
    "recall": ({E.SUBMITTED}, E.DRAFT, {Role.REGISTRAR}, Party.OWNER_DEPT, False),
    "dept_approve": (
        {E.SUBMITTED},
        E.DEPT_APPROVED,
        {Role.CATALOG_REVIEWER},
        Party.OWNER_DEPT,
        False,
    ),
    "dept_return": ({E.SUBMITTED}, E.RETURNED, {Role.CATALOG_REVIEWER}, Party.OWNER_DEPT, True),
    "publish": ({E.DEPT_APPROVED}, E.PUBLISHED, {Role.PLATFORM_ADMIN}, Party.PLATFORM, False),
    "platform_return": (
        {E.DEPT_APPROVED},
        E.RETURNED,
        {Role.PLATFORM_ADMIN},
        Party.PLATFORM,
        True,
    ),
    "withdraw": ({E.PUBLISHED}, E.WITHDRAWN, {Role.PLATFORM_ADMIN}, Party.PLATFORM, True),
}
PA, RA, APP = Role.PLATFORM_ADMIN, Role.RESOURCE_ADMIN, Role.APPLICANT
REQUEST_TABLE: dict[str, tuple[set[str], str, set[Role], Party, bool]] = {
    "submit": ({R.DRAFT}, R.SUBMITTED, {APP}, Party.OWNER_DEPT, False),
    "auto_grant": ({R.SUBMITTED}, R.ACTIVE, set(), Party.SYSTEM, False),
    "route_statutory": ({R.SUBMITTED}, R.PROVIDER_APPROVED, set(), Party.SYSTEM, False),
    "provider_approve": ({R.SUBMITTED}, R.PROVIDER_APPROVED, {RA}, Party.PROVIDER_DEPT, False),
    "provider_reject": ({R.SUBMITTED}, R.PROVIDER_REJECTED, {RA}, Party.PROVIDER_DEPT, True),
    "platform_approve": ({R.PROVIDER_APPROVED}, R.AWAITING_AGREEMENT, {PA}, Party.PLATFORM, False),
    "platform_approve_statutory": ({R.PROVIDER_APPROVED}, R.ACTIVE, {PA}, Party.PLATFORM, False),
    "platform_reject": ({R.PROVIDER_APPROVED}, R.REJECTED, {PA}, Party.PLATFORM, True),
    "agreement_completed": ({R.AWAITING_AGREEMENT}, R.ACTIVE, set(), Party.SYSTEM, False),
    "agreement_declined": ({R.AWAITING_AGREEMENT}, R.PROVIDER_APPROVED, set(), Party.SYSTEM, True),
    "dispute": ({R.PROVIDER_REJECTED, R.REJECTED}, R.DISPUTED, {APP}, Party.OWNER_DEPT, True),
    "mediate_uphold": ({R.DISPUTED}, R.REJECTED, {PA}, Party.PLATFORM, True),
    "mediate_overturn": ({R.DISPUTED}, R.PROVIDER_APPROVED, {PA}, Party.PLATFORM, True),
    "withdraw": (
        {R.DRAFT, R.SUBMITTED, R.PROVIDER_APPROVED, R.AWAITING_AGREEMENT},
        R.WITHDRAWN,
        {APP},
        Party.OWNER_DEPT,
        False,
    ),
    "revoke": ({R.ACTIVE}, R.REVOKED, {RA, PA}, Party.PROVIDER_DEPT, True),
    "expire": ({R.ACTIVE}, R.EXPIRED, set(), Party.SYSTEM, False),
}
MACHINES = [
    pytest.param(CATALOG_ENTRY, ENTRY_TABLE, EntryStatus, id="catalog_entry"),
    pytest.param(SHARE_REQUEST, REQUEST_TABLE, RequestStatus, id="share_request"),
]
Table = dict[str, tuple[set[str], str, set[Role], Party, bool]]


def _cases(table: Table, states: type[StrEnum]) -> list[tuple[str, str, bool]]:
    return [(action, s.value, s in table[action][0]) for action in table for s in states]


ALL_CASES = [
    pytest.param(CATALOG_ENTRY, ENTRY_TABLE, action, state, allowed, id=f"entry-{action}-{state}")
    for action, state, allowed in _cases(ENTRY_TABLE, EntryStatus)
] + [
    pytest.param(SHARE_REQUEST, REQUEST_TABLE, action, state, allowed, id=f"req-{action}-{state}")
    for action, state, allowed in _cases(REQUEST_TABLE, RequestStatus)
]


@pytest.mark.parametrize(("machine", "table", "states"), MACHINES)
def test_machine_has_exactly_the_expected_transitions(
    machine: StateMachine, table: Table, states: type[StrEnum]
) -> None:
    assert machine.initial == "draft"
    assert [t.action for t in machine.transitions] == list(table)
    for t in machine.transitions:
        sources, target, roles, party, reason = table[t.action]
        assert t.override_roles <= t.roles, t.action
        assert (set(t.source), t.target, set(t.roles), t.party, t.needs_reason) == (
            sources,
            target,
            roles,
            party,
            reason,
        ), t.action


@pytest.mark.parametrize(("machine", "table", "action", "state", "allowed"), ALL_CASES)
def test_find_from_every_state(
    machine: StateMachine, table: Table, action: str, state: str, allowed: bool
) -> None:
    if allowed:
        assert machine.find(action, state).target == table[action][1]
    else:
        with pytest.raises(IllegalTransition) as raised:
            machine.find(action, state)
        assert (raised.value.action, raised.value.state) == (action, state)
        assert action in str(raised.value) and state in str(raised.value)


@pytest.mark.parametrize("machine", [CATALOG_ENTRY, SHARE_REQUEST])
def test_unknown_action_is_illegal(machine: StateMachine) -> None:
    with pytest.raises(IllegalTransition):
        machine.find("teleport", "draft")


@pytest.mark.parametrize(("machine", "table", "states"), MACHINES)
def test_every_status_is_a_state_and_reachable(
    machine: StateMachine, table: Table, states: type[StrEnum]
) -> None:
    assert machine.states == {s.value for s in states}
    reached, frontier = {machine.initial}, [machine.initial]
    while frontier:
        state = frontier.pop()
        for t in machine.transitions:
            if state in t.source and t.target not in reached:
                reached.add(t.target)
                frontier.append(t.target)
    assert reached == {s.value for s in states}


@pytest.mark.parametrize(("machine", "table", "states"), MACHINES)
def test_actions_from_follows_roles_and_hides_system_actions(
    machine: StateMachine, table: Table, states: type[StrEnum]
) -> None:
    for state in states:
        for role in Role:
            expected = [
                action
                for action, (sources, _, roles, party, _) in table.items()
                if state in sources and role in roles and party is not Party.SYSTEM
            ]
            assert machine.actions_from(state, {role}) == expected, (state, role)
        assert machine.actions_from(state, set()) == []
        everyone = machine.actions_from(state, frozenset(Role))
        assert everyone == [
            a for a, row in table.items() if state in row[0] and row[3] is not Party.SYSTEM
        ]


def test_examples_of_actions_from() -> None:
    assert CATALOG_ENTRY.actions_from(E.SUBMITTED, {Role.REGISTRAR}) == ["recall"]
    assert CATALOG_ENTRY.actions_from(E.SUBMITTED, {Role.CATALOG_REVIEWER}) == [
        "dept_approve",
        "dept_return",
    ]
    assert SHARE_REQUEST.actions_from(R.ACTIVE, {RA}) == ["revoke"]
    assert SHARE_REQUEST.actions_from(R.SUBMITTED, {APP}) == ["withdraw"]
    assert "auto_grant" not in SHARE_REQUEST.actions_from(R.SUBMITTED, frozenset(Role))


def test_terminal_request_states_have_no_way_out() -> None:
    for state in (R.WITHDRAWN, R.EXPIRED, R.REVOKED):
        assert not [t for t in SHARE_REQUEST.transitions if state in t.source]
    assert not [t for t in CATALOG_ENTRY.transitions if E.WITHDRAWN in t.source]


def test_rejections_and_returns_need_a_reason() -> None:
    for machine in (CATALOG_ENTRY, SHARE_REQUEST):
        for t in machine.transitions:
            if "reject" in t.action or "return" in t.action:
                assert t.needs_reason, t.action
