"""Domain validation that names the field and the rule, in Chinese and English.

Used offline by the client (inline form errors) and by the platform (422 details). Every check
cites the article it comes from.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from govshare_core.rules import MIN_REASON_LENGTH
from govshare_core.schemas import CatalogEntryBase, ShareRequestIn
from govshare_core.vocab import FORMAT_TYPES, FormatClass, RejectionGround, ShareMode, ShareType

FIELD_LABELS: dict[str, tuple[str, str]] = {
    "resource_class": ("信息资源分类（类）", "Resource class"),
    "class_item": ("信息资源分类（项）", "Classification item"),
    "class_catalog": ("信息资源分类（目）", "Classification catalog"),
    "class_detail": ("信息资源分类（细目）", "Classification detail"),
    "name": ("信息资源名称", "Resource name"),
    "summary": ("信息资源摘要", "Summary"),
    "format_class": ("信息资源格式（类）", "Format class"),
    "format_type": ("信息资源格式（类型）", "Format type"),
    "data_items": ("信息项", "Data items"),
    "share_type": ("共享类型", "Share type"),
    "share_conditions": ("共享条件", "Sharing conditions"),
    "share_scope": ("共享范围", "Sharing scope"),
    "legal_basis": ("不予共享依据", "Legal basis"),
    "share_mode": ("共享方式", "Share mode"),
    "open_to_public": ("是否向社会开放", "Open to the public"),
    "open_conditions": ("开放条件", "Opening conditions"),
    "update_cycle": ("更新周期", "Update cycle"),
    "related_codes": ("关联资源代码", "Related resource codes"),
    "involves_state_secret": ("涉及国家秘密", "Involves state secrets"),
    "interface_endpoint": ("接口地址", "Interface endpoint"),
    "entry_id": ("信息资源", "Resource"),
    "business": ("应用业务", "Business served"),
    "users": ("使用对象", "Users"),
    "reason": ("申请理由", "Reason"),
    "end_date": ("截止时间", "End date"),
    "statutory_citation": ("法定共享依据", "Statutory citation"),
    "effective_date": ("变更生效日期", "Effective date"),
    "changes": ("变更内容", "Changes"),
    "description": ("变更说明", "Description"),
    "approve": ("审核意见", "Decision"),
    "ground": ("拒绝的法定事由", "Legal ground"),
    "comment": ("意见", "Comment"),
    "overturn": ("协调结果", "Mediation outcome"),
}

# code -> (Chinese, English); {label} is replaced by the field's label.
RULE_MESSAGES: dict[str, tuple[str, str]] = {
    "required": ("{label}不能为空", "{label} is required"),
    "digits": ("{label}必须为{n}位数字", "{label} must be {n} digits"),
    "detail_digits": ("{label}必须为1至6位数字", "{label} must be 1 to 6 digits"),
    "no_data_items": ("至少需要登记一个信息项", "Register at least one data item"),
    "duplicate_item": ("信息项名称“{value}”重复", "Data item name “{value}” is duplicated"),
    "second_key_item": (
        "只能有一个关键信息项，“{value}”已是第二个（第二十三条：按关键信息项交付与查询）",
        "Only one data item can be the key; “{value}” is a second one (Art. 23)",
    ),
    "item_name_required": ("第{n}个信息项的名称不能为空", "Data item {n} needs a name"),
    "item_widens_share": (
        "信息项“{value}”的共享类型不能比资源的共享类型更宽松",
        "Data item “{value}” cannot be shared more widely than the resource",
    ),
    "conditions_required": (
        "有条件共享的资源必须填写{label}（第五条）",
        "{label} is required for conditional sharing (Art. 5)",
    ),
    "legal_basis_required": (
        "不予共享的资源必须提供法律、法规、规章依据（第十三条）",
        "A not-shared resource needs its legal basis (Art. 13)",
    ),
    "state_secret": (
        "涉及国家秘密的信息资源不得在共享平台登记，须按国家保密制度管理（第六条）",
        "Resources involving state secrets cannot be registered on the platform (Art. 6)",
    ),
    "format_type_invalid": (
        "“{value}”不是该格式类别允许的类型",
        "“{value}” is not a type of this format class",
    ),
    "not_shared_open": (
        "不予共享的资源不能向社会开放",
        "A not-shared resource cannot be open to the public",
    ),
    "endpoint_not_url": (
        "{label}必须是以 http:// 或 https:// 开头的网址",
        "{label} must be an http:// or https:// URL",
    ),
    "endpoint_needs_interface": (
        "只有共享方式为“接口服务”的资源才填写{label}",
        "{label} is only for resources shared as an interface service",
    ),
    "bad_resource_code": ("“{value}”不是有效的信息资源代码", "“{value}” is not a resource code"),
    "end_date_past": ("截止时间必须晚于今天", "The end date must be after today"),
    "citation_required": (
        "申请不予共享的资源必须提供法律规定的共享依据（第五条）",
        "Requesting a not-shared resource needs the statutory citation (Art. 5)",
    ),
    "unknown_item": (
        "“{value}”不是该资源的信息项",
        "“{value}” is not a data item of this resource",
    ),
    "effective_date_future": (
        "{label}不能晚于今天（第十七条：变更发生后报送）",
        "{label} cannot be in the future (Art. 17: report after the change)",
    ),
    "not_key_element": (
        "“{value}”不是关键要素，可直接修改（第十七条）",
        "“{value}” is not a key element; edit it directly (Art. 17)",
    ),
    "no_changes": ("{label}不能为空", "{label} cannot be empty"),
    "invalid_value": ("{label}的值无效：{value}", "{label} has an invalid value: {value}"),
    "item_not_shared": (
        "信息项“{value}”不予共享",
        "Data item “{value}” is not shared",
    ),
    "too_short": ("{label}至少需要{n}个字", "{label} needs at least {n} characters"),
    "no_items_selected": (
        "请至少选择一个要申请的信息项（第二十八条：核定所需信息）",
        "Choose at least one data item to request (Art. 28)",
    ),
    "entry_not_published": (
        "只能申请已发布的信息资源（第二十二条）",
        "Only published resources can be requested (Art. 22)",
    ),
    "own_resource": (
        "不能申请本部门提供的信息资源（第二十二条：向其他部门提出共享需求）",
        "A department cannot request its own resource (Art. 22)",
    ),
    "decision_required": ("请选择同意或拒绝", "Choose to approve or to reject"),
    "ground_required": (
        "拒绝共享申请必须说明法定事由（第二十二条：非因法定事由不得拒绝）",
        "A rejection must name its legal ground (Art. 22)",
    ),
    "outcome_required": (
        "请选择维持拒绝或撤销拒绝（第二十五条）",
        "Choose to uphold or to overturn the rejection (Art. 25)",
    ),
}

_HTTP_URL = re.compile(r"^https?://[^\s/?#@]+(?:[/?#]\S*)?$", re.IGNORECASE)
_RESOURCE_CODE = re.compile(r"^[1-3]\d{2}\d{3}\d{0,6}/\d{6}$")
_SHARE_RANK = {ShareType.UNCONDITIONAL: 0, ShareType.CONDITIONAL: 1, ShareType.NOT_SHARED: 2}


@dataclass(frozen=True)
class FieldError:
    """One broken rule: the field (dotted path), a stable code, and both languages' messages."""

    field: str
    code: str
    message_zh: str
    message_en: str

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


def field_error(fieldpath: str, code: str, **params: Any) -> FieldError:
    """Build a FieldError with both messages filled from RULE_MESSAGES and FIELD_LABELS."""
    top = fieldpath.split(".")[0].split("[")[0]
    label_zh, label_en = FIELD_LABELS.get(top, (top, top))
    zh, en = RULE_MESSAGES[code]
    return FieldError(
        fieldpath,
        code,
        zh.format(label=label_zh, **params),
        en.format(label=label_en, **params),
    )


def _blank(value: str | None) -> bool:
    return value is None or not value.strip()


def _check_required(entry: CatalogEntryBase) -> list[FieldError]:
    return [
        field_error(name, "required")
        for name in ("name", "summary", "format_type")
        if _blank(getattr(entry, name))
    ]


def _check_classification(entry: CatalogEntryBase) -> list[FieldError]:
    errors = []
    if not re.fullmatch(r"\d{2}", entry.class_item or ""):
        errors.append(field_error("class_item", "digits", n=2))
    if not re.fullmatch(r"\d{3}", entry.class_catalog or ""):
        errors.append(field_error("class_catalog", "digits", n=3))
    if entry.class_detail and not re.fullmatch(r"\d{1,6}", entry.class_detail):
        errors.append(field_error("class_detail", "detail_digits"))
    return errors


def _check_format(entry: CatalogEntryBase) -> list[FieldError]:
    allowed = FORMAT_TYPES[entry.format_class]
    if entry.format_class is FormatClass.SELF_DESCRIBING or _blank(entry.format_type):
        return []
    if entry.format_type not in allowed:
        return [field_error("format_type", "format_type_invalid", value=entry.format_type)]
    return []


def _check_data_items(entry: CatalogEntryBase) -> list[FieldError]:
    if not entry.data_items:
        return [field_error("data_items", "no_data_items")]
    errors: list[FieldError] = []
    seen: set[str] = set()
    for i, item in enumerate(entry.data_items):
        path = f"data_items[{i}]"
        if _blank(item.name):
            errors.append(field_error(f"{path}.name", "item_name_required", n=i + 1))
            continue
        if item.name in seen:
            errors.append(field_error(f"{path}.name", "duplicate_item", value=item.name))
        seen.add(item.name)
        if item.key and any(other.key for other in entry.data_items[:i]):
            errors.append(field_error(f"{path}.key", "second_key_item", value=item.name))
        if item.share_type and _SHARE_RANK[item.share_type] < _SHARE_RANK[entry.share_type]:
            errors.append(field_error(f"{path}.share_type", "item_widens_share", value=item.name))
    return errors


def _check_share_attributes(entry: CatalogEntryBase) -> list[FieldError]:
    errors = []
    if entry.share_type is ShareType.CONDITIONAL:
        errors += [
            field_error(name, "conditions_required")
            for name in ("share_conditions", "share_scope")
            if _blank(getattr(entry, name))
        ]
    if entry.share_type is ShareType.NOT_SHARED:
        if _blank(entry.legal_basis):
            errors.append(field_error("legal_basis", "legal_basis_required"))
        if entry.open_to_public:
            errors.append(field_error("open_to_public", "not_shared_open"))
    return errors


def _check_interface_endpoint(entry: CatalogEntryBase) -> list[FieldError]:
    """接口服务 entries name the provider's endpoint (optional; an http(s) URL, 第十九条)."""
    endpoint = entry.interface_endpoint
    if _blank(endpoint):
        return []
    if not _HTTP_URL.match((endpoint or "").strip()):
        return [field_error("interface_endpoint", "endpoint_not_url")]
    if entry.share_mode is not ShareMode.INTERFACE:
        return [field_error("interface_endpoint", "endpoint_needs_interface")]
    return []


def validate_entry(entry: CatalogEntryBase) -> list[FieldError]:
    """All rule violations of a catalog entry (empty when it may be submitted)."""
    if entry.involves_state_secret:
        return [field_error("involves_state_secret", "state_secret")]  # 第六条
    errors = _check_required(entry) + _check_classification(entry) + _check_format(entry)
    errors += _check_data_items(entry) + _check_share_attributes(entry)
    errors += _check_interface_endpoint(entry)
    errors += [
        field_error(f"related_codes[{i}]", "bad_resource_code", value=code)
        for i, code in enumerate(entry.related_codes)
        if not _RESOURCE_CODE.match(code)
    ]
    return errors


def validate_share_request(
    request: ShareRequestIn,
    *,
    entry_share_type: ShareType,
    entry_items: dict[str, ShareType | None],
    today: date,
) -> list[FieldError]:
    """Rule violations of a share request against the entry it asks for (第五条, 第二十八条)."""
    errors = _duplicate_items(request.data_items)
    if request.end_date <= today:
        errors.append(field_error("end_date", "end_date_past"))
    errors += validate_citation(entry_share_type, request.statutory_citation)
    for i, name in enumerate(request.data_items):
        if name not in entry_items:
            errors.append(field_error(f"data_items[{i}]", "unknown_item", value=name))
        elif (
            entry_items[name] is ShareType.NOT_SHARED
            and entry_share_type is not ShareType.NOT_SHARED
        ):
            errors.append(field_error(f"data_items[{i}]", "item_not_shared", value=name))
    return errors


def validate_citation(entry_share_type: ShareType, citation: str | None) -> list[FieldError]:
    """A 不予共享 resource is requested only on the statutory provision naming the requesting
    department (第五条 last paragraph); such a request goes straight to the platform
    (第二十五条)."""
    if entry_share_type is ShareType.NOT_SHARED and _blank(citation):
        return [field_error("statutory_citation", "citation_required")]
    return []


def _duplicate_items(names: list[str]) -> list[FieldError]:
    seen: set[str] = set()
    errors = []
    for i, name in enumerate(names):
        if name in seen:
            errors.append(field_error(f"data_items[{i}]", "duplicate_item", value=name))
        seen.add(name)
    return errors


def effective_share_type(entry_type: ShareType, item_types: list[ShareType | None]) -> ShareType:
    """The strictest share type among the entry and the requested items."""
    ranks = [_SHARE_RANK[entry_type]] + [_SHARE_RANK[t] for t in item_types if t is not None]
    strictest = max(ranks)
    return next(t for t, rank in _SHARE_RANK.items() if rank == strictest)


# --- free text, share-request entry, decisions (both programs check the same way) -------------

REQUEST_TEXT_FIELDS = ("business", "users", "reason")
"""The free texts of a share request (应用业务, 使用对象, 申请理由; 第二十八条)."""


def validate_reason(text: str | None, fieldpath: str = "reason") -> list[FieldError]:
    """A free-text reason, comment or description: given, and at least MIN_REASON_LENGTH long."""
    if _blank(text):
        return [field_error(fieldpath, "required")]
    if len((text or "").strip()) < MIN_REASON_LENGTH:
        return [field_error(fieldpath, "too_short", n=MIN_REASON_LENGTH)]
    return []


def validate_request_form(
    values: Mapping[str, Any], *, entry_share_type: ShareType | None = None
) -> list[FieldError]:
    """What a share-request form lacks before it can even be built (第二十八条 elements):
    the items, the free texts, a share mode and an end date; with the entry's share type also
    the statutory citation (第五条). Then `validate_share_request`."""
    errors = []
    if not values.get("data_items"):
        errors.append(field_error("data_items", "no_items_selected"))
    for name in REQUEST_TEXT_FIELDS:
        errors += validate_reason(values.get(name), name)
    if str(values.get("share_mode") or "") not in ShareMode._value2member_map_:
        errors.append(field_error("share_mode", "required"))
    if not values.get("end_date"):
        errors.append(field_error("end_date", "required"))
    if entry_share_type is not None:
        errors += validate_citation(entry_share_type, values.get("statutory_citation"))
    return errors


def validate_request_target(
    *, entry_published: bool, entry_department_id: int | None, consumer_department_id: int
) -> list[FieldError]:
    """The requested entry: published, and another department's (第二十二条)."""
    if not entry_published:
        return [field_error("entry_id", "entry_not_published")]
    if entry_department_id == consumer_department_id:
        return [field_error("entry_id", "own_resource")]
    return []


def validate_decision(*, approve: bool | None, ground: str | None) -> list[FieldError]:
    """A provider's or the platform's decision: approve, or reject on a legal ground (第二十二条:
    非因法定事由不得拒绝)."""
    if approve is None:
        return [field_error("approve", "decision_required")]
    if approve:
        return []
    if not ground:
        return [field_error("ground", "ground_required")]
    if ground not in RejectionGround._value2member_map_:
        return [field_error("ground", "invalid_value", value=ground)]
    return []


def validate_mediation(*, overturn: bool | None, comment: str | None) -> list[FieldError]:
    """The platform's mediation of a dispute (第二十五条): an outcome and its reasoning."""
    errors = [] if overturn is not None else [field_error("overturn", "outcome_required")]
    return errors + validate_reason(comment, "comment")
