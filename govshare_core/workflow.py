"""Workflow state machines as data: which transitions exist and which role may take each.

Both the platform (which enforces them) and the client (which offers only allowed actions) read
these tables. `Party` says whose member must act: the department that owns the object, the
provider of the requested resource, the platform (any department), or the system itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from govshare_core.vocab import EntryStatus, RequestStatus, Role


class Party(StrEnum):
    OWNER_DEPT = "owner_dept"  # the entry's department / the requesting (consumer) department
    PROVIDER_DEPT = "provider_dept"  # the department that provides the requested resource
    PLATFORM = "platform"  # the platform administration (信息化主管部门)
    SYSTEM = "system"  # taken by the platform itself


@dataclass(frozen=True)
class Transition:
    action: str
    source: frozenset[str]
    target: str
    roles: frozenset[Role]
    party: Party
    needs_reason: bool = False


class IllegalTransition(Exception):
    """The action does not exist from the object's current state."""

    def __init__(self, action: str, state: str) -> None:
        super().__init__(f"action {action!r} is not allowed in state {state!r}")
        self.action = action
        self.state = state


@dataclass(frozen=True)
class StateMachine:
    name: str
    initial: str
    transitions: tuple[Transition, ...]

    def find(self, action: str, state: str) -> Transition:
        """The transition for `action` from `state`; raises IllegalTransition if none."""
        for t in self.transitions:
            if t.action == action and state in t.source:
                return t
        raise IllegalTransition(action, state)

    def actions_from(self, state: str, roles: frozenset[Role] | set[Role]) -> list[str]:
        """Actions a holder of `roles` may take in `state` (party checks are the caller's)."""
        return [
            t.action
            for t in self.transitions
            if state in t.source and t.party is not Party.SYSTEM and t.roles & set(roles)
        ]

    @property
    def states(self) -> set[str]:
        found = {self.initial}
        for t in self.transitions:
            found |= t.source | {t.target}
        return found


def _t(
    action: str,
    source: set[str],
    target: str,
    roles: set[Role],
    party: Party,
    *,
    reason: bool = False,
) -> Transition:
    return Transition(action, frozenset(source), target, frozenset(roles), party, reason)


_E = EntryStatus
_REG = {Role.REGISTRAR}

# Catalog entry: 第十四条 (register and review), 第十五条 (department review), 第十六条 (platform
# confirmation), 第十三条 (not-shared entries confirmed by the platform).
CATALOG_ENTRY = StateMachine(
    name="catalog_entry",
    initial=_E.DRAFT,
    transitions=(
        _t("submit", {_E.DRAFT, _E.RETURNED}, _E.SUBMITTED, _REG, Party.OWNER_DEPT),
        _t("recall", {_E.SUBMITTED}, _E.DRAFT, _REG, Party.OWNER_DEPT),
        _t(
            "dept_approve",
            {_E.SUBMITTED},
            _E.DEPT_APPROVED,
            {Role.CATALOG_REVIEWER},
            Party.OWNER_DEPT,
        ),
        _t(
            "dept_return",
            {_E.SUBMITTED},
            _E.RETURNED,
            {Role.CATALOG_REVIEWER},
            Party.OWNER_DEPT,
            reason=True,
        ),
        _t("publish", {_E.DEPT_APPROVED}, _E.PUBLISHED, {Role.PLATFORM_ADMIN}, Party.PLATFORM),
        _t(
            "platform_return",
            {_E.DEPT_APPROVED},
            _E.RETURNED,
            {Role.PLATFORM_ADMIN},
            Party.PLATFORM,
            reason=True,
        ),
        _t(
            "withdraw",
            {_E.PUBLISHED},
            _E.WITHDRAWN,
            {Role.PLATFORM_ADMIN},
            Party.PLATFORM,
            reason=True,
        ),
    ),
)

_R = RequestStatus
_APP = {Role.APPLICANT}

# Share request: 第二十二条 (no refusal without legal ground), 第二十五条 (disputes mediated by the
# platform), 第二十七条 (provider and platform both agree), 第三十条 (three-party agreement).
SHARE_REQUEST = StateMachine(
    name="share_request",
    initial=_R.DRAFT,
    transitions=(
        _t("submit", {_R.DRAFT}, _R.SUBMITTED, _APP, Party.OWNER_DEPT),
        # 无条件共享: granted on submission (第二十五条: obtained directly through the platform).
        _t("auto_grant", {_R.SUBMITTED}, _R.ACTIVE, set(), Party.SYSTEM),
        # 不予共享 with a statutory citation (第五条 last paragraph) goes straight to the platform.
        _t("route_statutory", {_R.SUBMITTED}, _R.PROVIDER_APPROVED, set(), Party.SYSTEM),
        _t(
            "provider_approve",
            {_R.SUBMITTED},
            _R.PROVIDER_APPROVED,
            {Role.RESOURCE_ADMIN},
            Party.PROVIDER_DEPT,
        ),
        _t(
            "provider_reject",
            {_R.SUBMITTED},
            _R.PROVIDER_REJECTED,
            {Role.RESOURCE_ADMIN},
            Party.PROVIDER_DEPT,
            reason=True,
        ),
        # Conditional shares then wait for the agreement; statutory requests activate at once.
        _t(
            "platform_approve",
            {_R.PROVIDER_APPROVED},
            _R.AWAITING_AGREEMENT,
            {Role.PLATFORM_ADMIN},
            Party.PLATFORM,
        ),
        _t(
            "platform_approve_statutory",
            {_R.PROVIDER_APPROVED},
            _R.ACTIVE,
            {Role.PLATFORM_ADMIN},
            Party.PLATFORM,
        ),
        _t(
            "platform_reject",
            {_R.PROVIDER_APPROVED},
            _R.REJECTED,
            {Role.PLATFORM_ADMIN},
            Party.PLATFORM,
            reason=True,
        ),
        _t(
            "mark_agreement_signed",
            {_R.AWAITING_AGREEMENT},
            _R.ACTIVE,
            {Role.PLATFORM_ADMIN},
            Party.PLATFORM,
        ),
        _t(
            "dispute",
            {_R.PROVIDER_REJECTED, _R.REJECTED},
            _R.DISPUTED,
            _APP,
            Party.OWNER_DEPT,
            reason=True,
        ),
        _t(
            "mediate_uphold",
            {_R.DISPUTED},
            _R.REJECTED,
            {Role.PLATFORM_ADMIN},
            Party.PLATFORM,
            reason=True,
        ),
        _t(
            "mediate_overturn",
            {_R.DISPUTED},
            _R.PROVIDER_APPROVED,
            {Role.PLATFORM_ADMIN},
            Party.PLATFORM,
            reason=True,
        ),
        _t(
            "withdraw",
            {_R.DRAFT, _R.SUBMITTED, _R.PROVIDER_APPROVED, _R.AWAITING_AGREEMENT},
            _R.WITHDRAWN,
            _APP,
            Party.OWNER_DEPT,
        ),
        _t(
            "revoke",
            {_R.ACTIVE},
            _R.REVOKED,
            {Role.RESOURCE_ADMIN, Role.PLATFORM_ADMIN},
            Party.PROVIDER_DEPT,
            reason=True,
        ),
        _t("expire", {_R.ACTIVE}, _R.EXPIRED, set(), Party.SYSTEM),
    ),
)

# States in which a share request waits on a reviewer, so the 5-working-day clock runs (第二十七条).
REQUEST_REVIEW_STATES = frozenset({_R.SUBMITTED, _R.PROVIDER_APPROVED, _R.DISPUTED})
# Key elements of an entry (第十七条): change only through a change report once published.
KEY_ELEMENTS = (
    "share_type",
    "share_conditions",
    "share_scope",
    "share_mode",
    "update_cycle",
    "data_items",
    "legal_basis",
)
