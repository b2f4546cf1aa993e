"""API schemas (pydantic) shared by the platform and the client.

`*In` schemas are what a client sends; `*Out` schemas what the platform returns. Structural checks
live here; the domain rules that name a field and a reason live in `govshare_core.validation`.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from govshare_core.agreements import DEFAULT_AGREEMENT_SIGNING_WORKING_DAYS
from govshare_core.assessment import DEFAULT_GRADE_BANDS, DEFAULT_WEIGHTS
from govshare_core.rules import DEFAULT_ENTRY_REVIEW_WORKING_DAYS, MIN_REASON_LENGTH
from govshare_core.usage import DEFAULT_DISCREPANCY_RESPONSE_WORKING_DAYS
from govshare_core.vocab import (
    ChangeReportStatus,
    DataType,
    DisputeStatus,
    EntryStatus,
    FormatClass,
    GrantStatus,
    RejectionGround,
    RequestStatus,
    ResourceClass,
    Role,
    ShareMode,
    ShareType,
    UpdateCycle,
)
from govshare_core.workdays import YearSchedule


class Schema(BaseModel):
    model_config = ConfigDict(from_attributes=True, extra="forbid", str_strip_whitespace=True)


class OutSchema(BaseModel):
    model_config = ConfigDict(from_attributes=True)


# --- departments and users -------------------------------------------------------------------


class DepartmentIn(Schema):
    name: str = Field(min_length=2, max_length=100)
    short_name: str | None = Field(default=None, max_length=30)
    credit_code: str = Field(min_length=18, max_length=18)
    is_platform: bool = False


class DepartmentOut(OutSchema):
    id: int
    name: str
    short_name: str | None
    credit_code: str
    is_platform: bool
    version: int


class UserIn(Schema):
    """A new account. The password is a temporary one (the user must change it at the first
    sign-in, issue 11); it is taken exactly as typed — never stripped — and checked against the
    password policy (govshare_core.passwords) by the platform."""

    model_config = ConfigDict(from_attributes=True, extra="forbid", str_strip_whitespace=False)

    username: str = Field(min_length=3, max_length=64, pattern=r"^[A-Za-z0-9_.-]+$")
    full_name: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=128)
    department_id: int
    roles: list[Role] = Field(min_length=1)

    @field_validator("full_name")
    @classmethod
    def _strip_full_name(cls, value: str) -> str:
        value = value.strip()  # the name may be trimmed; the password never is
        if not value:
            raise ValueError("the full name is empty")
        return value


class UserUpdate(Schema):
    """PATCH /users/{id}: name, roles, active. A password is reset with its own endpoint
    (POST /users/{id}/reset-password)."""

    full_name: str | None = Field(default=None, min_length=1, max_length=64)
    roles: list[Role] | None = None
    active: bool | None = None


class UserOut(OutSchema):
    id: int
    username: str
    full_name: str
    department_id: int
    roles: list[Role]
    active: bool
    version: int


class MeOut(OutSchema):
    user: UserOut
    department: DepartmentOut
    roles: list[Role]
    filed_resource_admin: bool = Field(
        default=False,
        description="the user is the department's resource administrator on file (备案, "
        "第二十八条): only they decide its share requests (govshare_core.separation)",
    )


class ResourceAdminFilingIn(Schema):
    """备案 of a department's resource administrator (第二十八条)."""

    user_id: int
    phone: str = Field(min_length=5, max_length=32)
    note: str | None = Field(default=None, max_length=500)


class ResourceAdminFilingOut(OutSchema):
    id: int
    department_id: int
    user_id: int
    phone: str
    note: str | None
    filed_at: datetime
    active: bool


class LoginIn(Schema):
    # the password exactly as typed: never stripped (issue 11; a stripped space would let a
    # password the user did not set sign in)
    model_config = ConfigDict(from_attributes=True, extra="forbid", str_strip_whitespace=False)

    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=256)

    @field_validator("username")
    @classmethod
    def _strip_username(cls, value: str) -> str:
        return value.strip()  # the name may be trimmed; the password never is


class TokenOut(OutSchema):
    access_token: str
    token_type: str = "bearer"
    expires_at: datetime
    idle_timeout_seconds: int
    # the user must choose a new password first (after a reset, or when it is older than the
    # password policy's max_age_days): until then only GET /me, POST /auth/password, POST
    # /auth/logout and GET /security/password-policy answer (403 password_change_required)
    must_change_password: bool = False


# --- catalog ----------------------------------------------------------------------------------


class DataItem(Schema):
    """信息项: one data item of an entry; `share_type` may narrow the entry's share type."""

    name: str = Field(max_length=100)
    data_type: DataType
    length: int | None = Field(default=None, ge=1, le=100000)
    share_type: ShareType | None = None
    description: str | None = Field(default=None, max_length=500)
    key: bool = Field(
        default=False,
        description="关键信息项: the column deliveries fill uniquely and lookups match on "
        "(govshare_core.exchange.key_item; at most one per entry)",
    )


class CatalogEntryBase(Schema):
    """The registrar-editable core metadata elements (docs/design.md §3; 第十三条, 第十六条)."""

    resource_class: ResourceClass
    class_item: str = Field(description="项, 2 digits")
    class_catalog: str = Field(description="目, 3 digits")
    class_detail: str | None = Field(default=None, description="细目, digits")
    name: str = Field(max_length=200)
    summary: str = Field(max_length=2000)
    format_class: FormatClass
    format_type: str = Field(max_length=100)
    data_items: list[DataItem] = Field(max_length=500)
    share_type: ShareType
    share_conditions: str | None = Field(default=None, max_length=2000)
    share_scope: str | None = Field(default=None, max_length=2000)
    legal_basis: str | None = Field(default=None, max_length=2000)
    share_mode: ShareMode
    open_to_public: bool = False
    open_conditions: str | None = Field(default=None, max_length=2000)
    update_cycle: UpdateCycle
    related_codes: list[str] = Field(default_factory=list, max_length=100)
    involves_state_secret: bool = False
    interface_endpoint: str | None = Field(
        default=None,
        max_length=500,
        description="接口服务 entries: the provider's endpoint, an http(s) URL (not a key element)",
    )


class CatalogEntryIn(CatalogEntryBase):
    pass


class EntryReviewOut(OutSchema):
    """Who submitted an entry, when, and the review it waits for (entries and their lists)."""

    submitted_at: datetime | None = None
    submitted_by_name: str | None = Field(
        default=None, description="the submitter's display name (their username without one)"
    )
    review_due: date | None = Field(
        default=None,
        description="while submitted or dept_approved: the review's last day "
        "(policy entry_review_working_days, working days from submission or dept approval)",
    )
    review_due_provisional: bool = False
    review_working_days_left: int | None = Field(
        default=None, description="counted with the platform's calendar; negative when overdue"
    )


class CatalogEntryOut(EntryReviewOut):
    id: int
    department_id: int
    department_name: str
    provider_code: str
    resource_code: str | None
    status: EntryStatus
    version: int
    published_on: date | None
    submitted_by: int | None
    created_by: int | None = Field(
        default=None,
        description="who registered (wrote) the entry: with submitted_by, the four eyes of "
        "第十五条 (neither reviews it)",
    )
    created_at: datetime
    updated_at: datetime
    return_reason: str | None
    resource_class: ResourceClass
    class_item: str
    class_catalog: str
    class_detail: str | None
    name: str
    summary: str
    format_class: FormatClass
    format_type: str
    data_items: list[DataItem]
    share_type: ShareType
    share_conditions: str | None
    share_scope: str | None
    legal_basis: str | None
    share_mode: ShareMode
    open_to_public: bool
    open_conditions: str | None
    update_cycle: UpdateCycle
    related_codes: list[str]
    interface_endpoint: str | None = None
    problems: list[dict[str, str]] = Field(
        default_factory=list, description="rule violations of a draft (checked on submit)"
    )


class CatalogEntrySummary(EntryReviewOut):
    id: int
    department_id: int
    department_name: str
    resource_code: str | None
    name: str
    status: EntryStatus
    share_type: ShareType
    share_mode: ShareMode
    update_cycle: UpdateCycle
    resource_class: ResourceClass
    published_on: date | None
    updated_at: datetime
    version: int
    submitted_by: int | None = None
    created_by: int | None = Field(
        default=None, description="the author (registrar): never its reviewer (第十五条)"
    )


class ReasonIn(Schema):
    reason: str = Field(min_length=MIN_REASON_LENGTH, max_length=2000)


class ChangeReportIn(Schema):
    """Key-element change report (第十七条): what changed, and when it took effect."""

    effective_date: date
    description: str = Field(min_length=MIN_REASON_LENGTH, max_length=2000)
    changes: dict[str, Any]


class ChangeReportOut(OutSchema):
    id: int
    entry_id: int
    effective_date: date
    reported_on: date
    days_after_effect: int
    late: bool
    description: str
    changes: dict[str, Any]
    status: ChangeReportStatus
    decided_reason: str | None
    due: date | None = Field(
        default=None, description="last day to report the change (第十七条), while undecided"
    )
    working_days_left: int | None = None


class EntrySnapshotOut(OutSchema):
    """The entry as it stood when published or when a change report was applied."""

    id: int
    entry_id: int
    entry_version: int
    reason: str
    at: datetime
    actor_id: int | None
    data: dict[str, Any]


class FieldDiff(OutSchema):
    """One field that differs between the last published snapshot and the current entry."""

    field: str
    before: Any
    after: Any


class AttachmentOut(OutSchema):
    """Metadata of an interface document (接口规范说明文档, 第十九条)."""

    id: int
    entry_id: int
    filename: str
    content_type: str
    size: int
    sha256: str
    uploaded_by: int
    uploaded_at: datetime


class FacetCount(OutSchema):
    """How many matches have one value of a facet (a department id in decimal, or a code)."""

    value: str
    count: int


class ShareCatalogFacets(OutSchema):
    """GET /catalog/share-catalog/facets: counts per value for the same `q` and filters as the
    list. A dimension's counts leave out its own filter (what choosing another value would
    give). At most `limit` + 1 matches are read per count: `exact` is False when there were
    more, and the counts are then lower bounds (of the matches read). Values with no match are
    left out; each list is sorted by count, largest first."""

    department_id: list[FacetCount]
    resource_class: list[FacetCount]
    share_type: list[FacetCount]
    share_mode: list[FacetCount]
    update_cycle: list[FacetCount]
    exact: bool
    limit: int


class SourceHint(OutSchema):
    """一数一源 (第十八条): an entry of another department already providing a data item."""

    entry_id: int
    resource_code: str | None
    entry_name: str
    department_id: int
    department_name: str
    matching_items: list[str]


class Page(OutSchema):
    items: list[Any]
    total: int
    total_is_estimate: bool = False
    offset: int
    limit: int


# --- share requests and grants ---------------------------------------------------------------


class ShareRequestIn(Schema):
    entry_id: int
    data_items: list[str] = Field(min_length=1, max_length=500)
    business: str = Field(min_length=MIN_REASON_LENGTH, max_length=500, description="应用业务")
    users: str = Field(min_length=MIN_REASON_LENGTH, max_length=500, description="使用对象")
    share_mode: ShareMode
    reason: str = Field(
        min_length=MIN_REASON_LENGTH, max_length=2000, description="duty-based reason"
    )
    end_date: date = Field(description="截止时间")
    statutory_citation: str | None = Field(default=None, max_length=2000)


class DecisionIn(Schema):
    """Approve or reject; a rejection needs a legal ground (第二十二条)."""

    approve: bool
    ground: RejectionGround | None = None
    comment: str | None = Field(default=None, max_length=2000)


class DisputeIn(Schema):
    reason: str = Field(min_length=MIN_REASON_LENGTH, max_length=2000)


class MediationIn(Schema):
    overturn: bool
    comment: str = Field(min_length=MIN_REASON_LENGTH, max_length=2000)


class ShareRequestOut(OutSchema):
    id: int
    entry_id: int
    entry_name: str
    resource_code: str | None
    provider_department_id: int
    consumer_department_id: int
    applicant_id: int
    data_items: list[str]
    business: str
    users: str
    share_mode: ShareMode
    reason: str
    end_date: date
    statutory_citation: str | None
    share_type: ShareType
    status: RequestStatus
    received_on: date | None
    review_due: date | None
    review_due_provisional: bool
    overdue: bool
    escalated: bool
    due: date | None = Field(
        default=None, description="the review deadline while waiting for review (第二十七条)"
    )
    working_days_left: int | None = Field(
        default=None, description="counted with the platform's calendar; negative when overdue"
    )
    rejection_ground: RejectionGround | None
    rejection_comment: str | None
    version: int
    created_at: datetime
    updated_at: datetime
    consumer_department_name: str | None = None
    provider_department_name: str | None = None


class DisputeOut(OutSchema):
    id: int
    request_id: int
    raised_by: int
    reason: str
    status: DisputeStatus
    resolution: str | None
    created_at: datetime


class RequestEventOut(OutSchema):
    """One step in a share request's history."""

    id: int
    action: str
    from_status: RequestStatus | None
    to_status: RequestStatus
    actor_id: int | None
    comment: str | None
    at: datetime
    actor_name: str | None = Field(
        default=None, description="who acted (display name; none for the platform's own steps)"
    )


class ShareRequestDetailOut(ShareRequestOut):
    """A share request with its history, disputes and who decided (第二十七条); the names
    make the printed 申请表 readable to every party."""

    applicant_name: str | None = None
    consumer_department_name: str | None = None
    provider_department_name: str | None = None
    provider_decided_by: int | None
    provider_decided_at: datetime | None
    platform_decided_by: int | None
    platform_decided_at: datetime | None
    events: list[RequestEventOut]
    disputes: list[DisputeOut]


class GrantOut(OutSchema):
    id: int
    request_id: int
    entry_id: int
    entry_name: str
    provider_department_id: int
    consumer_department_id: int
    data_item: str
    share_mode: ShareMode
    valid_from: date
    valid_until: date
    status: GrantStatus
    revoked_reason: str | None
    due: date | None = Field(default=None, description="valid_until while the grant is active")
    working_days_left: int | None = None
    expiring_soon: bool = Field(
        default=False, description="active and ending within GRANT_EXPIRY_WARNING_DAYS"
    )
    consumer_department_name: str | None = None
    provider_department_name: str | None = None


# --- audit, policy, inbox ----------------------------------------------------------------------


class AuditEventOut(OutSchema):
    id: int
    seq: int
    at: datetime
    actor_id: int | None
    actor_name: str | None
    department_id: int | None
    action: str
    object_type: str | None
    object_id: str | None
    details: dict[str, Any]
    client_address: str | None
    outcome: str
    prev_hash: str
    hash: str


class PolicyOut(OutSchema):
    review_working_days: int
    change_report_days: int
    log_retention_years: int
    token_ttl_minutes: int
    idle_timeout_minutes: int
    version: int
    entry_review_working_days: int = Field(
        default=DEFAULT_ENTRY_REVIEW_WORKING_DAYS,
        description="working days for each review of a catalog entry (platform policy)",
    )
    agreement_signing_working_days: int = Field(
        default=DEFAULT_AGREEMENT_SIGNING_WORKING_DAYS,
        description="working days each party has to sign the agreement (platform policy, 第三十条)",
    )
    discrepancy_response_working_days: int = Field(
        default=DEFAULT_DISCREPANCY_RESPONSE_WORKING_DAYS,
        description="working days a provider has to correct or explain a discrepancy (第二十条)",
    )
    assessment_weights: dict[str, float] = Field(
        default_factory=lambda: dict(DEFAULT_WEIGHTS),
        description="assessment group → weight (sum 100; govshare_core.assessment, 第三十四条)",
    )
    grade_bands: dict[str, float] = Field(
        default_factory=lambda: dict(DEFAULT_GRADE_BANDS),
        description="lower bounds of 优秀/良好/合格 (excellent/good/pass)",
    )


class PolicyIn(Schema):
    review_working_days: int | None = Field(default=None, ge=1, le=60)
    change_report_days: int | None = Field(default=None, ge=1, le=365)
    log_retention_years: int | None = Field(default=None, ge=5, le=100)
    entry_review_working_days: int | None = Field(default=None, ge=1, le=60)
    agreement_signing_working_days: int | None = Field(default=None, ge=1, le=60)
    discrepancy_response_working_days: int | None = Field(default=None, ge=1, le=60)
    assessment_weights: dict[str, float] | None = Field(
        default=None, description="checked by govshare_core.assessment.check_weights"
    )
    grade_bands: dict[str, float] | None = Field(
        default=None, description="checked by govshare_core.assessment.check_grade_bands"
    )


POLICY_FIELD_LABELS: dict[str, tuple[str, str]] = {
    "review_working_days": ("共享申请审核时限", "Sharing request review deadline"),
    "entry_review_working_days": ("目录审核时限", "Catalog review deadline"),
    "change_report_days": ("变更报告期限", "Change reporting deadline"),
    "agreement_signing_working_days": ("协议签署时限", "Agreement signing deadline"),
    "discrepancy_response_working_days": ("数据异议答复时限", "Data objection response deadline"),
    "log_retention_years": ("日志保存年限", "Log retention period"),
    "assessment_weights": ("考核权重", "Assessment weights"),
    "grade_bands": ("考核等级下限", "Assessment grade bands"),
}
"""(zh, en) label of every PolicyIn value: the platform admin's policy form and the compare view
of a 412 on the policy show these (one copy)."""


class WorkdayOverrideIn(Schema):
    day: date
    working: bool
    note: str | None = Field(default=None, max_length=200)


class WorkdayOverrideOut(OutSchema):
    day: date
    working: bool
    note: str | None


class WorkdayYearIn(Schema):
    """Confirm a year's schedule (`PUT /workdays/years/{year}/confirmation`): the notice it was
    entered from, e.g. 国办发明电〔2026〕X号."""

    note: str | None = Field(default=None, max_length=200)


class WorkdayYearOut(OutSchema):
    """A year's schedule (govshare_core.workdays.YearSchedule) and its confirmation."""

    year: int
    schedule: YearSchedule
    overrides: int
    """The platform admin's overrides in the year."""
    confirmed_at: datetime | None = None
    confirmed_by_name: str | None = None
    note: str | None = None


class InboxItem(OutSchema):
    # entry_review | entry_confirm | request_decide | dispute | change_report | grant_expiring
    kind: str
    object_id: int
    title: str
    state: str
    due: date | None
    due_provisional: bool = False
    working_days_left: int | None = None
    overdue: bool = False
