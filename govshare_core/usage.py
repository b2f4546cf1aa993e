"""Usage inquiries (使用情况询问, 第二十二条) and discrepancy reports (数据异议, 第二十条) as data.

`Parties` for both: `owner_dept` is the consumer department (that uses the data, answers the
inquiry, reports the discrepancy), `provider_dept` the department that provides the entry.

Inquiry: the provider's resource admin asks how granted data is used (第二十二条 共享信息提供方
有权向使用方了解共享信息使用情况); the consumer answers; an optional deadline in working days.

Discrepancy: a consumer reports that data it received is wrong or inconsistent (第二十条); the
provider verifies and corrects it (a new delivery, referenced) or explains why it stands, within
`discrepancy_response_working_days` (policy); the consumer accepts or disputes the answer; the
platform admin (信息化主管部门 会同双方协商解决, 第二十条) arbitrates a disputed one: the answer
stands (closed) or the provider must correct (back to reported, with a new deadline).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final

from govshare_core.vocab import Role
from govshare_core.workflow import Party, StateMachine, _t

DEFAULT_DISCREPANCY_RESPONSE_WORKING_DAYS: Final = 5
"""Working days the provider has to correct or explain (platform policy: 第二十条 sets no
period; 5 mirrors the review period of 第二十七条)."""

MAX_INQUIRY_WORKING_DAYS: Final = 60
MAX_EVIDENCE_BYTES: Final = 10 * 1024 * 1024

_CONSUMER = {Role.APPLICANT, Role.RESOURCE_ADMIN}
_PROVIDER = {Role.RESOURCE_ADMIN}
_PLATFORM = {Role.PLATFORM_ADMIN}

INQUIRY_ASK_ROLES: Final = frozenset(_PROVIDER)
DISCREPANCY_REPORT_ROLES: Final = frozenset(_CONSUMER)


class _Labelled(StrEnum):
    @property
    def label_zh(self) -> str:
        return _TEXT[self][0]

    @property
    def label_en(self) -> str:
        return _TEXT[self][1]


class InquiryStatus(_Labelled):
    OPEN = "open"
    ANSWERED = "answered"
    WITHDRAWN = "withdrawn"


class DiscrepancyStatus(_Labelled):
    REPORTED = "reported"  # waiting for the provider
    CORRECTED = "corrected"  # the provider delivered corrected data
    EXPLAINED = "explained"  # the provider explains why the data stands
    DISPUTED = "disputed"  # the consumer does not accept the answer: the platform arbitrates
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"


_TEXT: dict[StrEnum, tuple[str, str]] = {
    InquiryStatus.OPEN: ("待答复", "Awaiting answer"),
    InquiryStatus.ANSWERED: ("已答复", "Answered"),
    InquiryStatus.WITHDRAWN: ("已撤回", "Withdrawn"),
    DiscrepancyStatus.REPORTED: ("待核实", "Awaiting the provider"),
    DiscrepancyStatus.CORRECTED: ("已更正", "Corrected"),
    DiscrepancyStatus.EXPLAINED: ("已说明", "Explained"),
    DiscrepancyStatus.DISPUTED: ("协调中", "In arbitration"),
    DiscrepancyStatus.CLOSED: ("已办结", "Closed"),
    DiscrepancyStatus.WITHDRAWN: ("已撤回", "Withdrawn"),
}

_I = InquiryStatus
INQUIRY = StateMachine(
    "usage_inquiry",
    _I.OPEN,
    (
        _t("answer", {_I.OPEN}, _I.ANSWERED, _CONSUMER, Party.OWNER_DEPT, reason=True),
        _t("withdraw", {_I.OPEN}, _I.WITHDRAWN, _PROVIDER, Party.PROVIDER_DEPT),
    ),
)
"""answer: the consumer department (reason = the answer); withdraw: the asking provider."""

_D = DiscrepancyStatus
DISCREPANCY = StateMachine(
    "discrepancy",
    _D.REPORTED,
    (
        # the provider: a corrected delivery (its id in the body) or an explanation
        _t("correct", {_D.REPORTED}, _D.CORRECTED, _PROVIDER, Party.PROVIDER_DEPT),
        _t("explain", {_D.REPORTED}, _D.EXPLAINED, _PROVIDER, Party.PROVIDER_DEPT, reason=True),
        # the consumer: accept the answer, or dispute it (第二十条 协商解决)
        _t("accept", {_D.CORRECTED, _D.EXPLAINED}, _D.CLOSED, _CONSUMER, Party.OWNER_DEPT),
        _t(
            "dispute",
            {_D.CORRECTED, _D.EXPLAINED},
            _D.DISPUTED,
            _CONSUMER,
            Party.OWNER_DEPT,
            reason=True,
        ),
        _t("withdraw", {_D.REPORTED}, _D.WITHDRAWN, _CONSUMER, Party.OWNER_DEPT),
        # the platform admin arbitrates
        _t("uphold", {_D.DISPUTED}, _D.CLOSED, _PLATFORM, Party.PLATFORM, reason=True),
        _t(
            "order_correction",
            {_D.DISPUTED},
            _D.REPORTED,
            _PLATFORM,
            Party.PLATFORM,
            reason=True,
        ),
    ),
)

DISCREPANCY_OPEN_STATES: Final = frozenset({_D.REPORTED, _D.CORRECTED, _D.EXPLAINED, _D.DISPUTED})
"""Not closed: these count as open discrepancies against the provider (assessment, 第二十条)."""

DISCREPANCY_DUE_STATES: Final = frozenset({_D.REPORTED})
"""States with a running provider deadline (`due`); overdue ones count against the provider."""
