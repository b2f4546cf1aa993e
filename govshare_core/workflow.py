"""Workflow state machines as data: which transitions exist and who may take each.

Both the platform (which enforces them) and the client (which offers only allowed actions) read
these tables, and both ask `may_take` / `allowed_actions` / `refusal` who may act — there is no
second copy of these rules anywhere. A transition names:
- `roles`: the roles that may take it (any one of them);
- `party`: whose member must act — the department that owns the object, the provider of the
  requested resource, the platform (any department), or the system itself;
- `override_roles`: those of `roles` that need not be the party (the platform admin revoking a
  grant of any provider);
- `not_by_submitter`: four eyes — never by the user who registered (wrote) or submitted the
  object (第十五条).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from govshare_core.vocab import EntryStatus, GrantStatus, RequestStatus, Role


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
    not_by_submitter: bool = False
    override_roles: frozenset[Role] = frozenset()


@dataclass(frozen=True)
class Actor:
    """Who wants to act: the signed-in user as the platform sees them (`/api/v1/me`)."""

    user_id: int
    roles: frozenset[Role]
    department_id: int
    is_platform: bool = False  # a member of the platform department (信息化主管部门)

    @classmethod
    def of(
        cls, *, user_id: int, roles: Iterable[str], department_id: int, is_platform: bool = False
    ) -> Actor:
        """Build from plain values (role codes unknown to this version are ignored)."""
        known = frozenset(Role(r) for r in roles if r in Role._value2member_map_)
        return cls(user_id, known, department_id, is_platform)


@dataclass(frozen=True)
class Parties:
    """The object's side of the question: whose it is, who provides it, who submitted it."""

    owner_dept: int | None = None  # entry: its department; share request/grant: the consumer
    provider_dept: int | None = None  # share request/grant: the providing department
    submitter_id: int | None = None  # entry: who submitted it for review
    author_id: int | None = None  # entry: who registered (wrote) it — maybe not its submitter


class Refusal(StrEnum):
    """Why an actor may not take a transition (stable codes; labels in both languages)."""

    SYSTEM_ONLY = "system_only"
    ROLE = "role"
    PARTY = "party"
    OWN_SUBMISSION = "own_submission"

    @property
    def label_zh(self) -> str:
        return _REFUSAL_TEXT[self][0]

    @property
    def label_en(self) -> str:
        return _REFUSAL_TEXT[self][1]


_REFUSAL_TEXT = {
    Refusal.SYSTEM_ONLY: ("此操作由平台自动执行", "The platform takes this step itself"),
    Refusal.ROLE: ("您的角色不能执行此操作", "Your role cannot take this action"),
    Refusal.PARTY: ("只有相关部门可以执行此操作", "Only the department concerned may do this"),
    Refusal.OWN_SUBMISSION: (
        "登记与审核须由不同人员办理，不能审核本人登记或提交的目录（第十五条）",
        "Registration and review are separate duties: never review an entry you registered or "
        "submitted (Art. 15)",
    ),
}


def _is_party(transition: Transition, actor: Actor, parties: Parties) -> bool:
    if transition.party is Party.PLATFORM:
        return True  # any department; the role (platform_admin) is what counts
    if transition.party is Party.OWNER_DEPT:
        return parties.owner_dept is not None and actor.department_id == parties.owner_dept
    return parties.provider_dept is not None and actor.department_id == parties.provider_dept


def refusal(transition: Transition, actor: Actor, parties: Parties) -> Refusal | None:
    """Why `actor` may not take `transition` on an object with `parties`; None when they may."""
    if transition.party is Party.SYSTEM:
        return Refusal.SYSTEM_ONLY
    if not transition.roles & actor.roles:
        return Refusal.ROLE
    overriding = bool(transition.override_roles & actor.roles)
    if not overriding and not _is_party(transition, actor, parties):
        return Refusal.PARTY
    # four eyes (第十五条): neither the submitter nor the author reviews, even when a colleague
    # submitted what the reviewer wrote (a user holding registrar and reviewer; finding 13)
    if transition.not_by_submitter and actor.user_id in (parties.submitter_id, parties.author_id):
        return Refusal.OWN_SUBMISSION
    return None


def may_take(transition: Transition, actor: Actor, parties: Parties) -> bool:
    """Whether `actor` may take `transition` (role, party and four eyes; not the state)."""
    return refusal(transition, actor, parties) is None


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

    def transition(self, action: str) -> Transition:
        """The transition named `action`, whatever the state (to check who before when)."""
        for t in self.transitions:
            if t.action == action:
                return t
        raise KeyError(f"{self.name} has no action {action!r}")

    def actions_from(self, state: str, roles: frozenset[Role] | set[Role]) -> list[str]:
        """Actions a holder of `roles` could take in `state`, ignoring party and four eyes.

        Use `allowed_actions` to know what a particular user may do on a particular object."""
        return [
            t.action
            for t in self.transitions
            if state in t.source and t.party is not Party.SYSTEM and t.roles & set(roles)
        ]

    def system_steps(self) -> tuple[Transition, ...]:
        """The transitions the platform takes by itself (no user may take them)."""
        return tuple(t for t in self.transitions if t.party is Party.SYSTEM)

    @property
    def states(self) -> set[str]:
        found = {self.initial}
        for t in self.transitions:
            found |= t.source | {t.target}
        return found


def allowed_actions(machine: StateMachine, state: str, actor: Actor, parties: Parties) -> list[str]:
    """The actions `actor` may take on an object in `state` with `parties` (the one answer both
    programs use: the platform enforces it, the client offers exactly these)."""
    return [
        t.action for t in machine.transitions if state in t.source and may_take(t, actor, parties)
    ]


def _t(
    action: str,
    source: set[str],
    target: str,
    roles: set[Role],
    party: Party,
    *,
    reason: bool = False,
    four_eyes: bool = False,
    override: set[Role] | None = None,
) -> Transition:
    return Transition(
        action,
        frozenset(source),
        target,
        frozenset(roles),
        party,
        reason,
        four_eyes,
        frozenset(override or ()),
    )


_E = EntryStatus
_REG = {Role.REGISTRAR}

# Catalog entry: 第十四条 (register and review), 第十五条 (department review), 第十六条 (platform
# confirmation), 第十三条 (not-shared entries confirmed by the platform).
# 第十五条 names 登记 and 审核 as separate duties (指定本部门目录登记和审核人员), so the
# department's review — approving AND returning — is never by the one who submitted the entry
# (four eyes); the submitter may `recall` instead.
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
            four_eyes=True,
        ),
        _t(
            "dept_return",
            {_E.SUBMITTED},
            _E.RETURNED,
            {Role.CATALOG_REVIEWER},
            Party.OWNER_DEPT,
            reason=True,
            four_eyes=True,
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
        # 第三十条: the agreement's own machine (govshare_core.agreements.AGREEMENT) decides who
        # signs or declines; the platform then moves the request: the third signature activates
        # it, a declined signature sends it back to the platform's decision with the reason.
        _t("agreement_completed", {_R.AWAITING_AGREEMENT}, _R.ACTIVE, set(), Party.SYSTEM),
        _t(
            "agreement_declined",
            {_R.AWAITING_AGREEMENT},
            _R.PROVIDER_APPROVED,
            set(),
            Party.SYSTEM,
            reason=True,
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
        # 第二十九条: the provider's resource admin, or the platform admin for any provider.
        _t(
            "revoke",
            {_R.ACTIVE},
            _R.REVOKED,
            {Role.RESOURCE_ADMIN, Role.PLATFORM_ADMIN},
            Party.PROVIDER_DEPT,
            reason=True,
            override={Role.PLATFORM_ADMIN},
        ),
        _t("expire", {_R.ACTIVE}, _R.EXPIRED, set(), Party.SYSTEM),
    ),
)

_G = GrantStatus
_REVOKE = SHARE_REQUEST.transition("revoke")

# One grant per data item of an active request (第二十九条). Revoking a grant is the request's
# `revoke` transition item by item, so it has the same who: the provider's resource admin or the
# platform admin (the request itself is revoked when its last active grant is).
GRANT = StateMachine(
    name="grant",
    initial=_G.ACTIVE,
    transitions=(
        Transition(
            "revoke",
            frozenset({_G.ACTIVE}),
            _G.REVOKED,
            _REVOKE.roles,
            _REVOKE.party,
            needs_reason=True,
            override_roles=_REVOKE.override_roles,
        ),
        _t("expire", {_G.ACTIVE}, _G.EXPIRED, set(), Party.SYSTEM),
    ),
)

# States in which a share request waits on a reviewer, so the 5-working-day clock runs (第二十七条).
REQUEST_REVIEW_STATES = frozenset({_R.SUBMITTED, _R.PROVIDER_APPROVED, _R.DISPUTED})
# States in which a catalog entry waits on a reviewer: the department (第十五条), then the
# platform (第十六条).
ENTRY_REVIEW_STATES = frozenset({_E.SUBMITTED, _E.DEPT_APPROVED})


def waiting_for_review(machine: StateMachine, state: str) -> bool:
    """Whether an object of `machine` in `state` waits on a reviewer."""
    states = {CATALOG_ENTRY.name: ENTRY_REVIEW_STATES, SHARE_REQUEST.name: REQUEST_REVIEW_STATES}
    return state in states.get(machine.name, frozenset())


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
