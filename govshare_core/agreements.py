"""Three-party confidentiality agreements (三方数据保密协议, 第三十条): the signing order, who signs
each turn, the signer certificates' subject and life, the visible stamp and the refusal codes.

第三十条 第二款: 使用有条件共享类政务信息资源的，信息使用部门、信息提供部门、信息化主管部门应当签署
三方数据保密协议. The parties are departments; each signs through the person it designated to
manage its resources:
- the consumer (信息使用部门) through its **filed resource administrator** (备案的信息资源管理员),
  not the applicant. The applicant is a member of staff asking for data; binding the department
  to confidentiality duties (第二十九条) is the resource administrator's job on the product card,
  and the filing (备案) is how the platform knows who that is;
- the provider (信息提供部门) through its filed resource administrator;
- the platform (信息化主管部门) through a platform admin, with the platform's own key.

Both programs read these tables: the platform enforces them, the desktop offers exactly the
actions they allow.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum
from typing import Final

from govshare_core.vocab import Role
from govshare_core.workflow import Party, StateMachine, Transition


class SignTurn(StrEnum):
    """The three signatures, in signing order."""

    CONSUMER = "consumer"
    PROVIDER = "provider"
    PLATFORM = "platform"

    @property
    def label_zh(self) -> str:
        return _TURN_TEXT[self][0]

    @property
    def label_en(self) -> str:
        return _TURN_TEXT[self][1]


_TURN_TEXT = {
    SignTurn.CONSUMER: ("信息使用部门", "Consumer department"),
    SignTurn.PROVIDER: ("信息提供部门", "Provider department"),
    SignTurn.PLATFORM: ("信息化主管部门", "Platform administration"),
}

SIGNING_ORDER: Final = (SignTurn.CONSUMER, SignTurn.PROVIDER, SignTurn.PLATFORM)

# The PDF's signature form fields, drafted empty by the platform and filled in order.
SIGNATURE_FIELDS: Final = {
    SignTurn.CONSUMER: "Signature1Consumer",
    SignTurn.PROVIDER: "Signature2Provider",
    SignTurn.PLATFORM: "Signature3Platform",
}

# The role a signer of each turn must hold (and, for the departments, be on file for).
TURN_ROLE: Final = {
    SignTurn.CONSUMER: Role.RESOURCE_ADMIN,
    SignTurn.PROVIDER: Role.RESOURCE_ADMIN,
    SignTurn.PLATFORM: Role.PLATFORM_ADMIN,
}
SIGNER_ROLES: Final = frozenset(TURN_ROLE.values())
"""Roles that may hold a signing certificate."""

_TURN_PARTY = {
    SignTurn.CONSUMER: Party.OWNER_DEPT,
    SignTurn.PROVIDER: Party.PROVIDER_DEPT,
    SignTurn.PLATFORM: Party.PLATFORM,
}


class AgreementStatus(StrEnum):
    """An agreement waits for one signature after another, then is complete."""

    AWAITING_CONSUMER = "awaiting_consumer"
    AWAITING_PROVIDER = "awaiting_provider"
    AWAITING_PLATFORM = "awaiting_platform"
    COMPLETED = "completed"
    DECLINED = "declined"  # a party declined to sign; the request went back with the reason
    CANCELLED = "cancelled"  # the request was withdrawn while the agreement was open

    @property
    def label_zh(self) -> str:
        return _STATUS_TEXT[self][0]

    @property
    def label_en(self) -> str:
        return _STATUS_TEXT[self][1]


_STATUS_TEXT = {
    AgreementStatus.AWAITING_CONSUMER: ("待使用部门签署", "Awaiting the consumer"),
    AgreementStatus.AWAITING_PROVIDER: ("待提供部门签署", "Awaiting the provider"),
    AgreementStatus.AWAITING_PLATFORM: ("待主管部门签署", "Awaiting the platform"),
    AgreementStatus.COMPLETED: ("已签署", "Signed"),
    AgreementStatus.DECLINED: ("已拒签", "Declined"),
    AgreementStatus.CANCELLED: ("已作废", "Cancelled"),
}

_A = AgreementStatus
AWAITING: Final = {
    SignTurn.CONSUMER: _A.AWAITING_CONSUMER,
    SignTurn.PROVIDER: _A.AWAITING_PROVIDER,
    SignTurn.PLATFORM: _A.AWAITING_PLATFORM,
}
OPEN_STATES: Final = frozenset(AWAITING.values())


def _turn_transitions(action: str, *, reason: bool) -> tuple[Transition, ...]:
    found = []
    for i, turn in enumerate(SIGNING_ORDER):
        if action == "sign":
            target = AWAITING[SIGNING_ORDER[i + 1]] if i + 1 < len(SIGNING_ORDER) else _A.COMPLETED
        else:
            target = _A.DECLINED
        found.append(
            Transition(
                action,
                frozenset({AWAITING[turn]}),
                target,
                frozenset({TURN_ROLE[turn]}),
                _TURN_PARTY[turn],
                needs_reason=reason,
            )
        )
    return tuple(found)


# Parties of an agreement are its request's: owner_dept = the consumer, provider_dept = the
# provider. `sign` and `decline` exist once per turn, each for its own party.
AGREEMENT = StateMachine(
    name="agreement",
    initial=_A.AWAITING_CONSUMER,
    transitions=(
        *_turn_transitions("sign", reason=False),
        *_turn_transitions("decline", reason=True),
        Transition("cancel", OPEN_STATES, _A.CANCELLED, frozenset(), Party.SYSTEM),
    ),
)


def turn_of(status: str) -> SignTurn | None:
    """Whose signature an agreement in `status` waits for; None when it waits for none."""
    for turn, state in AWAITING.items():
        if state == status:
            return turn
    return None


def is_expected_signer(turn: SignTurn, *, user_id: int, filed_user_id: int | None) -> bool:
    """Whether `user_id` signs `turn`: a department signs through its filed resource admin
    (备案, 第二十八条); a department with none on file cannot sign until it files one. The
    platform's turn is any platform admin (role and party are checked by `AGREEMENT`)."""
    if turn is SignTurn.PLATFORM:
        return True
    return filed_user_id is not None and filed_user_id == user_id


# --- policy defaults -----------------------------------------------------------------------------

DEFAULT_AGREEMENT_SIGNING_WORKING_DAYS: Final = 5
"""Working days each party has for its signature. The regulation sets no period for signing
(第三十条 only requires the agreement), so it is platform policy
(`agreement_signing_working_days`); 5 mirrors 第二十七条's review period."""

# --- certificates (the platform CA) ------------------------------------------------------------

CERTIFICATE_VALIDITY: Final = timedelta(days=365)
"""Signer certificates are short-lived: one year, then renewed with a new request."""

CERTIFICATE_RENEWAL_WARNING: Final = timedelta(days=30)
"""The desktop offers renewal this long before a certificate expires."""

# Subject of a signer certificate issued by the platform CA: who (CN: the full Chinese name,
# UID: the GovShare username), for which department (O: its name, organizationIdentifier: its
# 统一社会信用代码) and in which role (OU: the role code).
SUBJECT_FIELDS: Final = (
    "common_name",
    "user_id",
    "organization",
    "organization_identifier",
    "role",
)


# --- the visible stamp ---------------------------------------------------------------------------


def stamp_text(*, name: str, department: str, signed_at: datetime) -> str:
    """The text of a signature's visible stamp (signed_at in the platform's time zone)."""
    return f"签署人：{name}\n单位：{department}\n时间：{signed_at:%Y-%m-%d %H:%M}"


# --- why an upload is refused ------------------------------------------------------------------


class SigningRefusal(StrEnum):
    """Problem codes of a refused signature upload, with labels in both languages."""

    NOT_AWAITING = "agreement_not_awaiting_signature"
    NOT_YOUR_TURN = "agreement_not_your_turn"
    NO_FILED_SIGNER = "agreement_no_filed_signer"
    STALE_REVISION = "agreement_stale_revision"
    NOT_A_PDF = "agreement_not_a_pdf"
    NO_NEW_SIGNATURE = "agreement_no_new_signature"
    WRONG_FIELD = "agreement_wrong_signature_field"
    SIGNATURE_INVALID = "agreement_signature_invalid"
    CERT_UNTRUSTED = "agreement_certificate_untrusted"
    CERT_EXPIRED = "agreement_certificate_expired"
    CERT_REVOKED = "agreement_certificate_revoked"
    WRONG_SIGNER = "agreement_wrong_signer"
    MODIFIED = "agreement_document_modified"
    EARLIER_BROKEN = "agreement_earlier_signature_broken"

    @property
    def label_zh(self) -> str:
        return _REFUSAL_TEXT[self][0]

    @property
    def label_en(self) -> str:
        return _REFUSAL_TEXT[self][1]


_REFUSAL_TEXT = {
    SigningRefusal.NOT_AWAITING: (
        "该协议当前不等待签署",
        "This agreement is not awaiting a signature",
    ),
    SigningRefusal.NOT_YOUR_TURN: (
        "当前不是您签署的顺序",
        "It is not your turn to sign this agreement",
    ),
    SigningRefusal.NO_FILED_SIGNER: (
        "该部门尚未备案信息资源管理员，无法签署",
        "The department has no resource administrator on file, so it cannot sign",
    ),
    SigningRefusal.STALE_REVISION: (
        "上传的文件不是协议的最新版本（可能已被他人签署），请重新下载后签署",
        "The upload does not extend the latest revision; download it again and sign that",
    ),
    SigningRefusal.NOT_A_PDF: ("上传的文件不是有效的 PDF", "The upload is not a valid PDF"),
    SigningRefusal.NO_NEW_SIGNATURE: (
        "上传的文件没有新增签名",
        "The upload carries no new signature",
    ),
    SigningRefusal.WRONG_FIELD: (
        "签名未放在本方的签名栏中",
        "The signature is not in this party's signature field",
    ),
    SigningRefusal.SIGNATURE_INVALID: (
        "签名无法通过校验（文件内容与签名不符）",
        "The signature does not validate (the content does not match it)",
    ),
    SigningRefusal.CERT_UNTRUSTED: (
        "签名证书不是由平台认证机构签发的",
        "The signing certificate was not issued by the platform's certification authority",
    ),
    SigningRefusal.CERT_EXPIRED: (
        "签名证书已过期或尚未生效",
        "The signing certificate has expired",
    ),
    SigningRefusal.CERT_REVOKED: ("签名证书已被吊销", "The signing certificate has been revoked"),
    SigningRefusal.WRONG_SIGNER: (
        "签名证书不属于本次应签署的人员",
        "The certificate does not belong to the person expected to sign this turn",
    ),
    SigningRefusal.MODIFIED: (
        "文件除新增签名外还有其他改动",
        "The document was changed in ways other than adding the new signature",
    ),
    SigningRefusal.EARLIER_BROKEN: (
        "之前的签名已被破坏",
        "An earlier signature no longer validates",
    ),
}
