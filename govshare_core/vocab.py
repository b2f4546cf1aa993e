"""Domain vocabulary (enums) of 《南通市政务信息资源共享管理办法》 and the national catalog guide.

Enum values are stable machine codes used in the API and the databases; `label_zh`/`label_en` give
the user-facing names.
"""

from __future__ import annotations

from enum import StrEnum

# Policy defaults (docs/design.md §3 "Policy") live with the other numbers in govshare_core.rules.
from govshare_core.rules import DEFAULT_CHANGE_REPORT_DAYS as DEFAULT_CHANGE_REPORT_DAYS
from govshare_core.rules import DEFAULT_LOG_RETENTION_YEARS as DEFAULT_LOG_RETENTION_YEARS
from govshare_core.rules import DEFAULT_REVIEW_WORKING_DAYS as DEFAULT_REVIEW_WORKING_DAYS


class _Labelled(StrEnum):
    """A StrEnum whose members carry Chinese and English labels (the table below, or
    `register_labels` for enums defined in other core modules)."""

    @property
    def label_zh(self) -> str:
        return _LABELS[(type(self), self.value)][0]

    @property
    def label_en(self) -> str:
        return _LABELS[(type(self), self.value)][1]


class Role(_Labelled):
    """User roles (docs/design.md §1); security_admin and audit_admin never together (三员分立)."""

    REGISTRAR = "registrar"
    CATALOG_REVIEWER = "catalog_reviewer"
    APPLICANT = "applicant"
    RESOURCE_ADMIN = "resource_admin"
    PLATFORM_ADMIN = "platform_admin"
    SUPERVISOR = "supervisor"
    SECURITY_ADMIN = "security_admin"
    AUDIT_ADMIN = "audit_admin"


class ResourceClass(_Labelled):
    """信息资源分类 — 类 (first digit of the 前段码)."""

    BASIC = "1"
    THEMATIC = "2"
    DEPARTMENTAL = "3"


class ShareType(_Labelled):
    """共享类型 (第五条)."""

    UNCONDITIONAL = "unconditional"
    CONDITIONAL = "conditional"
    NOT_SHARED = "not_shared"


SHARE_CATALOG_TYPES = (ShareType.UNCONDITIONAL, ShareType.CONDITIONAL)
"""The share types the 共享目录 lists (第五条, 第十六条): 不予共享 entries stay out of it."""


class ShareMode(_Labelled):
    """共享方式 (第二十四条)."""

    QUERY = "query"
    EXCHANGE = "exchange"
    INTERFACE = "interface"
    CUSTOM = "custom"


class FormatClass(_Labelled):
    """信息资源格式 — class."""

    DOCUMENT = "document"
    SPREADSHEET = "spreadsheet"
    DATABASE = "database"
    IMAGE = "image"
    STREAMING = "streaming"
    SELF_DESCRIBING = "self_describing"


FORMAT_TYPES: dict[FormatClass, tuple[str, ...]] = {
    FormatClass.DOCUMENT: (
        "OFD",
        "wps",
        "xml",
        "txt",
        "doc",
        "docx",
        "html",
        "pdf",
        "ppt",
        "其他",
    ),
    FormatClass.SPREADSHEET: ("et", "xls", "xlsx", "其他"),
    FormatClass.DATABASE: (
        "达梦Dm",
        "KingbaseES",
        "access",
        "dbf",
        "dbase",
        "sybase",
        "oracle",
        "sqlserver",
        "db2",
        "mysql",
        "其他",
    ),
    FormatClass.IMAGE: ("jpg", "gif", "bmp", "其他"),
    FormatClass.STREAMING: ("swf", "rm", "mpg", "其他"),
    FormatClass.SELF_DESCRIBING: (),  # free text
}


class DataType(_Labelled):
    """信息项数据类型 (national catalog guide)."""

    CHAR = "C"
    NUMERIC = "N"
    CURRENCY = "Y"
    DATE = "D"
    DATETIME = "T"
    LOGICAL = "L"
    MEMO = "M"
    GENERAL = "G"
    DOUBLE = "B"
    INTEGER = "I"
    FLOAT = "F"


class UpdateCycle(_Labelled):
    """更新周期 (第十六条 更新时限)."""

    REALTIME = "realtime"
    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    HALF_YEARLY = "half_yearly"
    YEARLY = "yearly"
    IRREGULAR = "irregular"
    OTHER = "other"


class EntryStatus(_Labelled):
    """Catalog entry lifecycle (第十四条, 第十五条, 第十六条)."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    DEPT_APPROVED = "dept_approved"
    RETURNED = "returned"
    PUBLISHED = "published"
    WITHDRAWN = "withdrawn"


class ChangeReportStatus(_Labelled):
    """Key-element change report (第十七条)."""

    SUBMITTED = "submitted"
    APPLIED = "applied"
    REJECTED = "rejected"


class RequestStatus(_Labelled):
    """Share request lifecycle (第二十二条, 第二十五条, 第二十七条, 第三十条)."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    PROVIDER_APPROVED = "provider_approved"
    PROVIDER_REJECTED = "provider_rejected"
    REJECTED = "rejected"
    AWAITING_AGREEMENT = "awaiting_agreement"
    ACTIVE = "active"
    DISPUTED = "disputed"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"
    REVOKED = "revoked"


class DisputeStatus(_Labelled):
    OPEN = "open"
    UPHELD = "upheld"
    OVERTURNED = "overturned"


class GrantStatus(_Labelled):
    ACTIVE = "active"
    EXPIRED = "expired"
    REVOKED = "revoked"


class RejectionGround(_Labelled):
    """Legal grounds for refusing a share request (第二十二条: 非因法定事由不得拒绝)."""

    LAW_PROHIBITS = "law_prohibits"
    NOT_DUTY_RELATED = "not_duty_related"
    CONDITIONS_NOT_MET = "conditions_not_met"
    STATE_SECRET = "state_secret"
    PRIVACY = "privacy"
    OTHER_STATUTORY = "other_statutory"


# Keyed by (enum class, value): StrEnum members equal their string values, so members of
# different enums sharing a code (RequestStatus.ACTIVE, GrantStatus.ACTIVE) would collide.
_LABEL_TABLE: list[tuple[StrEnum, tuple[str, str]]] = [
    (Role.REGISTRAR, ("目录登记员", "Catalog registrar")),
    (Role.CATALOG_REVIEWER, ("目录审核员", "Catalog reviewer")),
    (Role.APPLICANT, ("共享申请人", "Share applicant")),
    (Role.RESOURCE_ADMIN, ("信息资源管理员", "Resource administrator")),
    (Role.PLATFORM_ADMIN, ("信息化主管部门管理员", "Platform administrator")),
    (Role.SUPERVISOR, ("评估监督员", "Supervisor")),
    (Role.SECURITY_ADMIN, ("安全管理员", "Security administrator")),
    (Role.AUDIT_ADMIN, ("审计管理员", "Audit administrator")),
    (ResourceClass.BASIC, ("基础信息资源", "Basic information resources")),
    (ResourceClass.THEMATIC, ("主题信息资源", "Thematic information resources")),
    (ResourceClass.DEPARTMENTAL, ("部门信息资源", "Departmental information resources")),
    (ShareType.UNCONDITIONAL, ("无条件共享", "Unconditional sharing")),
    (ShareType.CONDITIONAL, ("有条件共享", "Conditional sharing")),
    (ShareType.NOT_SHARED, ("不予共享", "Not shared")),
    (ShareMode.QUERY, ("信息查询", "Information query")),
    (ShareMode.EXCHANGE, ("直接数据交换", "Direct data exchange")),
    (ShareMode.INTERFACE, ("接口服务", "Interface service")),
    (ShareMode.CUSTOM, ("定制处理", "Custom processing")),
    (FormatClass.DOCUMENT, ("电子文件", "Electronic document")),
    (FormatClass.SPREADSHEET, ("电子表格", "Spreadsheet")),
    (FormatClass.DATABASE, ("数据库", "Database")),
    (FormatClass.IMAGE, ("图形图像", "Graphics and images")),
    (FormatClass.STREAMING, ("流媒体", "Streaming media")),
    (FormatClass.SELF_DESCRIBING, ("自描述格式", "Self-describing format")),
    (DataType.CHAR, ("字符型C", "Character (C)")),
    (DataType.NUMERIC, ("数值型N", "Numeric (N)")),
    (DataType.CURRENCY, ("货币型Y", "Currency (Y)")),
    (DataType.DATE, ("日期型D", "Date (D)")),
    (DataType.DATETIME, ("日期时间型T", "Date-time (T)")),
    (DataType.LOGICAL, ("逻辑型L", "Logical (L)")),
    (DataType.MEMO, ("备注型M", "Memo (M)")),
    (DataType.GENERAL, ("通用型G", "General (G)")),
    (DataType.DOUBLE, ("双精度型B", "Double (B)")),
    (DataType.INTEGER, ("整型I", "Integer (I)")),
    (DataType.FLOAT, ("浮点型F", "Float (F)")),
    (UpdateCycle.REALTIME, ("实时", "Real time")),
    (UpdateCycle.DAILY, ("每日", "Daily")),
    (UpdateCycle.WEEKLY, ("每周", "Weekly")),
    (UpdateCycle.MONTHLY, ("每月", "Monthly")),
    (UpdateCycle.QUARTERLY, ("每季度", "Quarterly")),
    (UpdateCycle.HALF_YEARLY, ("每半年", "Half-yearly")),
    (UpdateCycle.YEARLY, ("每年", "Yearly")),
    (UpdateCycle.IRREGULAR, ("不定时", "Irregular")),
    (UpdateCycle.OTHER, ("其他", "Other")),
    (EntryStatus.DRAFT, ("草稿", "Draft")),
    (EntryStatus.SUBMITTED, ("待部门审核", "Submitted")),
    (EntryStatus.DEPT_APPROVED, ("待平台确认", "Department approved")),
    (EntryStatus.RETURNED, ("已退回", "Returned")),
    (EntryStatus.PUBLISHED, ("已发布", "Published")),
    (EntryStatus.WITHDRAWN, ("已撤销", "Withdrawn")),
    (ChangeReportStatus.SUBMITTED, ("待处理", "Submitted")),
    (ChangeReportStatus.APPLIED, ("已调整", "Applied")),
    (ChangeReportStatus.REJECTED, ("未采纳", "Rejected")),
    (RequestStatus.DRAFT, ("草稿", "Draft")),
    (RequestStatus.SUBMITTED, ("待提供方审核", "Awaiting provider")),
    (RequestStatus.PROVIDER_APPROVED, ("待平台审核", "Awaiting platform")),
    (RequestStatus.PROVIDER_REJECTED, ("提供方拒绝", "Rejected by provider")),
    (RequestStatus.REJECTED, ("平台拒绝", "Rejected by platform")),
    (RequestStatus.AWAITING_AGREEMENT, ("待签署保密协议", "Awaiting agreement")),
    (RequestStatus.ACTIVE, ("已授权", "Active")),
    (RequestStatus.DISPUTED, ("争议协调中", "In dispute")),
    (RequestStatus.WITHDRAWN, ("已撤回", "Withdrawn")),
    (RequestStatus.EXPIRED, ("已到期", "Expired")),
    (RequestStatus.REVOKED, ("已撤销授权", "Revoked")),
    (DisputeStatus.OPEN, ("协调中", "Open")),
    (DisputeStatus.UPHELD, ("维持拒绝", "Rejection upheld")),
    (DisputeStatus.OVERTURNED, ("撤销拒绝", "Rejection overturned")),
    (GrantStatus.ACTIVE, ("有效", "Active")),
    (GrantStatus.EXPIRED, ("已到期", "Expired")),
    (GrantStatus.REVOKED, ("已撤销", "Revoked")),
    (RejectionGround.LAW_PROHIBITS, ("法律、法规、规章明确禁止共享", "Prohibited by law")),
    (RejectionGround.NOT_DUTY_RELATED, ("申请与履行职责无关", "Not required for official duties")),
    (RejectionGround.CONDITIONS_NOT_MET, ("不符合共享条件", "Sharing conditions not met")),
    (RejectionGround.STATE_SECRET, ("涉及国家秘密", "Involves state secrets")),
    (RejectionGround.PRIVACY, ("涉及商业秘密或个人隐私且无法定依据", "Trade secrets or privacy")),
    (RejectionGround.OTHER_STATUTORY, ("其他法定事由", "Other statutory ground")),
]


_LABELS: dict[tuple[type, str], tuple[str, str]] = {}
for _member, _texts in _LABEL_TABLE:
    _LABELS[(type(_member), _member.value)] = _texts


Labelled = _Labelled
"""The base for labelled enums of other core modules (govshare_core.assessment)."""


def register_labels(table: dict[_Labelled, tuple[str, str]]) -> None:
    """Give members of a `Labelled` enum their (Chinese, English) labels."""
    for member, texts in table.items():
        _LABELS[(type(member), member.value)] = texts
