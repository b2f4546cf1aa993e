"""Usage inquiries (第二十二条) and discrepancy reports (第二十条): who may take which step."""

from __future__ import annotations

import pytest

from govshare_core.usage import (
    DISCREPANCY,
    DISCREPANCY_DUE_STATES,
    DISCREPANCY_OPEN_STATES,
    INQUIRY,
    DiscrepancyStatus,
    InquiryStatus,
)
from govshare_core.vocab import Role
from govshare_core.workflow import (
    Actor,
    IllegalTransition,
    Parties,
    Refusal,
    allowed_actions,
    refusal,
)

D, Q = DiscrepancyStatus, InquiryStatus
APP, RA, PA, REG = Role.APPLICANT, Role.RESOURCE_ADMIN, Role.PLATFORM_ADMIN, Role.REGISTRAR
CONSUMER, PROVIDER, THIRD, PLATFORM = 10, 20, 30, 1
PARTIES = Parties(owner_dept=CONSUMER, provider_dept=PROVIDER)


def actor(*roles: Role, dept: int) -> Actor:
    return Actor(5, frozenset(roles), dept, is_platform=dept == PLATFORM)


@pytest.mark.parametrize("machine", [INQUIRY, DISCREPANCY])
def test_names_unique_and_every_label_present(machine) -> None:  # type: ignore[no-untyped-def]
    names = [t.action for t in machine.transitions]
    assert len(names) == len(set(names))
    for state in machine.states:
        enum = InquiryStatus if machine is INQUIRY else DiscrepancyStatus
        assert enum(state).label_zh and enum(state).label_en


def test_inquiry_consumer_answers_provider_withdraws() -> None:
    assert allowed_actions(INQUIRY, Q.OPEN, actor(APP, dept=CONSUMER), PARTIES) == ["answer"]
    assert allowed_actions(INQUIRY, Q.OPEN, actor(RA, dept=CONSUMER), PARTIES) == ["answer"]
    assert allowed_actions(INQUIRY, Q.OPEN, actor(RA, dept=PROVIDER), PARTIES) == ["withdraw"]
    assert allowed_actions(INQUIRY, Q.OPEN, actor(RA, APP, dept=THIRD), PARTIES) == []
    assert allowed_actions(INQUIRY, Q.ANSWERED, actor(APP, dept=CONSUMER), PARTIES) == []
    assert INQUIRY.transition("answer").needs_reason  # the answer text is required


def test_discrepancy_path_and_sides() -> None:
    provider, consumer = actor(RA, dept=PROVIDER), actor(APP, dept=CONSUMER)
    platform = actor(PA, dept=PLATFORM)
    assert allowed_actions(DISCREPANCY, D.REPORTED, provider, PARTIES) == ["correct", "explain"]
    assert allowed_actions(DISCREPANCY, D.REPORTED, consumer, PARTIES) == ["withdraw"]
    for answered in (D.CORRECTED, D.EXPLAINED):
        assert allowed_actions(DISCREPANCY, answered, consumer, PARTIES) == ["accept", "dispute"]
        assert allowed_actions(DISCREPANCY, answered, provider, PARTIES) == []
    assert allowed_actions(DISCREPANCY, D.DISPUTED, platform, PARTIES) == [
        "uphold",
        "order_correction",
    ]
    assert DISCREPANCY.find("order_correction", D.DISPUTED).target == D.REPORTED
    assert DISCREPANCY.find("uphold", D.DISPUTED).target == D.CLOSED


def test_refusals_name_the_reason() -> None:
    explain = DISCREPANCY.transition("explain")
    assert refusal(explain, actor(APP, dept=PROVIDER), PARTIES) is Refusal.ROLE
    assert refusal(explain, actor(RA, dept=THIRD), PARTIES) is Refusal.PARTY
    assert refusal(explain, actor(REG, dept=PROVIDER), PARTIES) is Refusal.ROLE
    with pytest.raises(IllegalTransition):
        DISCREPANCY.find("accept", D.REPORTED)


def test_open_and_due_states() -> None:
    assert D.CLOSED not in DISCREPANCY_OPEN_STATES and D.WITHDRAWN not in DISCREPANCY_OPEN_STATES
    assert DISCREPANCY_DUE_STATES <= DISCREPANCY_OPEN_STATES
    assert DISCREPANCY_OPEN_STATES | {D.CLOSED, D.WITHDRAWN} == DISCREPANCY.states
