"""Every rule of govshare_core.validation: the field path, the code and both messages."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from govshare_core.schemas import CatalogEntryBase, ShareRequestIn
from govshare_core.validation import (
    FIELD_LABELS,
    RULE_MESSAGES,
    FieldError,
    effective_share_type,
    field_error,
    validate_entry,
    validate_share_request,
)
from govshare_core.vocab import FORMAT_TYPES, FormatClass, ShareType
from tests.entry_samples import valid_entry

TODAY = date(2025, 6, 2)


def entry(**changes: Any) -> CatalogEntryBase:
    """A valid unconditional entry, with `changes` applied."""
    return CatalogEntryBase.model_validate(valid_entry(**changes))


def one(errors: list[FieldError]) -> FieldError:
    assert len(errors) == 1, errors
    return errors[0]


def assert_error(err: FieldError, field: str, code: str, zh: str, en: str) -> None:
    assert (err.field, err.code) == (field, code)
    assert zh in err.message_zh, err.message_zh
    assert en in err.message_en, err.message_en


def test_valid_entry_has_no_errors() -> None:
    assert validate_entry(entry()) == []


def test_every_rule_has_both_messages_and_every_field_both_labels() -> None:
    for code, (zh, en) in RULE_MESSAGES.items():
        assert zh.strip() and not zh.isascii(), code
        assert en.strip() and en.replace("“", "").replace("”", "").isascii(), code
    for name, (zh, en) in FIELD_LABELS.items():
        assert not zh.isascii() and en.isascii(), name


@pytest.mark.parametrize(
    ("field", "zh", "en"),
    [
        ("name", "信息资源名称不能为空", "Resource name is required"),
        ("summary", "信息资源摘要不能为空", "Summary is required"),
        ("format_type", "信息资源格式（类型）不能为空", "Format type is required"),
    ],
)
def test_required_fields(field: str, zh: str, en: str) -> None:
    assert_error(one(validate_entry(entry(**{field: "   "}))), field, "required", zh, en)


@pytest.mark.parametrize(
    ("changes", "field", "code", "zh", "en"),
    [
        ({"class_item": "1"}, "class_item", "digits", "必须为2位数字", "must be 2 digits"),
        ({"class_item": "ab"}, "class_item", "digits", "信息资源分类（项）", "Classification item"),
        ({"class_catalog": "01"}, "class_catalog", "digits", "必须为3位数字", "must be 3 digits"),
        (
            {"class_detail": "1234567"},
            "class_detail",
            "detail_digits",
            "必须为1至6位数字",
            "must be 1 to 6 digits",
        ),
        ({"class_detail": "1a"}, "class_detail", "detail_digits", "细目", "Classification detail"),
    ],
)
def test_classification(changes: dict[str, Any], field: str, code: str, zh: str, en: str) -> None:
    assert_error(one(validate_entry(entry(**changes))), field, code, zh, en)


def test_classification_detail_is_optional_and_accepts_digits() -> None:
    assert validate_entry(entry(class_detail="123456")) == []
    assert validate_entry(entry(class_detail="")) == []


def test_not_shared_needs_legal_basis() -> None:
    err = one(validate_entry(entry(share_type="not_shared")))
    assert_error(err, "legal_basis", "legal_basis_required", "第十三条", "Art. 13")
    assert validate_entry(entry(share_type="not_shared", legal_basis="《某法》第十条")) == []


def test_not_shared_cannot_be_open_to_the_public() -> None:
    err = one(
        validate_entry(entry(share_type="not_shared", legal_basis="x法", open_to_public=True))
    )
    assert_error(err, "open_to_public", "not_shared_open", "不能向社会开放", "cannot be open")


def test_conditional_needs_conditions_and_scope() -> None:
    errors = validate_entry(entry(share_type="conditional"))
    assert [(e.field, e.code) for e in errors] == [
        ("share_conditions", "conditions_required"),
        ("share_scope", "conditions_required"),
    ]
    assert_error(errors[0], "share_conditions", "conditions_required", "共享条件", "Art. 5")
    assert_error(errors[1], "share_scope", "conditions_required", "共享范围", "Sharing scope")
    only_scope = validate_entry(entry(share_type="conditional", share_conditions="公务使用"))
    assert [e.field for e in only_scope] == ["share_scope"]
    ok = entry(share_type="conditional", share_conditions="公务使用", share_scope="市级部门")
    assert validate_entry(ok) == []


def test_empty_data_items() -> None:
    err = one(validate_entry(entry(data_items=[])))
    assert_error(err, "data_items", "no_data_items", "至少需要登记一个信息项", "at least one")


def test_duplicate_item_names() -> None:
    items = [{"name": n, "data_type": "C"} for n in ("姓名", "性别", "姓名")]
    err = one(validate_entry(entry(data_items=items)))
    assert_error(err, "data_items[2].name", "duplicate_item", "“姓名”重复", "“姓名” is duplicated")


def test_item_without_name() -> None:
    items = [{"name": "姓名", "data_type": "C"}, {"name": " ", "data_type": "C"}]
    err = one(validate_entry(entry(data_items=items)))
    assert_error(err, "data_items[1].name", "item_name_required", "第2个", "Data item 2")


@pytest.mark.parametrize(
    ("entry_type", "item_type", "widens"),
    [
        ("conditional", "unconditional", True),
        ("not_shared", "conditional", True),
        ("not_shared", "unconditional", True),
        ("unconditional", "conditional", False),
        ("unconditional", "not_shared", False),
        ("conditional", "not_shared", False),
        ("conditional", "conditional", False),
    ],
)
def test_item_may_narrow_but_not_widen_share_type(
    entry_type: str, item_type: str, widens: bool
) -> None:
    e = entry(
        share_type=entry_type,
        share_conditions="公务使用",
        share_scope="市级部门",
        legal_basis="《某法》",
        data_items=[{"name": "住址", "data_type": "C", "share_type": item_type}],
    )
    errors = validate_entry(e)
    if widens:
        err = one(errors)
        assert_error(
            err, "data_items[0].share_type", "item_widens_share", "“住址”", "shared more widely"
        )
    else:
        assert errors == []


def test_state_secret_refused_alone() -> None:
    # 第六条: nothing else is reported; the resource does not belong on the platform at all.
    err = one(validate_entry(entry(involves_state_secret=True, name="", data_items=[])))
    assert_error(err, "involves_state_secret", "state_secret", "第六条", "Art. 6")


@pytest.mark.parametrize(
    "format_class", [fc for fc in FormatClass if fc is not FormatClass.SELF_DESCRIBING]
)
def test_format_types_of_each_class(format_class: FormatClass) -> None:
    for allowed in FORMAT_TYPES[format_class]:
        assert validate_entry(entry(format_class=format_class, format_type=allowed)) == []
    err = one(validate_entry(entry(format_class=format_class, format_type="exe")))
    assert_error(err, "format_type", "format_type_invalid", "“exe”不是", "“exe” is not a type")


def test_format_type_from_another_class_is_refused() -> None:
    err = one(validate_entry(entry(format_class="image", format_type="oracle")))
    assert err.code == "format_type_invalid"


def test_self_describing_format_is_free_text() -> None:
    assert validate_entry(entry(format_class="self_describing", format_type="GeoJSON 1.0")) == []


def test_related_codes() -> None:
    good = ["101001/000001", "2010011234/123456", "301001123456/000010"]
    assert validate_entry(entry(related_codes=good)) == []
    bad = ["101001", "401001/000001", "101001/00001", "10100/000001", "1010011234567/000001"]
    errors = validate_entry(entry(related_codes=["101001/000001", *bad]))
    assert [e.field for e in errors] == [f"related_codes[{i}]" for i in range(1, len(bad) + 1)]
    assert {e.code for e in errors} == {"bad_resource_code"}
    assert_error(errors[0], "related_codes[1]", "bad_resource_code", "“101001”不是", "not a")


def test_several_rules_reported_together() -> None:
    errors = validate_entry(entry(name="", class_item="x", data_items=[], share_type="conditional"))
    assert {e.field for e in errors} == {
        "name",
        "class_item",
        "data_items",
        "share_conditions",
        "share_scope",
    }


def test_field_error_labels_and_unknown_fields() -> None:
    err = field_error("data_items[3].name", "item_name_required", n=4)
    assert err.as_dict() == {
        "field": "data_items[3].name",
        "code": "item_name_required",
        "message_zh": "第4个信息项的名称不能为空",
        "message_en": "Data item 4 needs a name",
    }
    unknown = field_error("mystery", "required")
    assert (unknown.message_zh, unknown.message_en) == ("mystery不能为空", "mystery is required")


# --- share requests (第五条, 第二十二条, 第二十八条) ------------------------------------------

ITEMS: dict[str, ShareType | None] = {
    "姓名": None,
    "住址": ShareType.CONDITIONAL,
    "宗教信仰": ShareType.NOT_SHARED,
}


def request(**changes: Any) -> ShareRequestIn:
    data: dict[str, Any] = {
        "entry_id": 1,
        "data_items": ["姓名"],
        "business": "社会救助资格审核",
        "users": "低保审核科",
        "share_mode": "interface",
        "reason": "履行社会救助职责",
        "end_date": TODAY + timedelta(days=365),
    }
    data.update(changes)
    return ShareRequestIn.model_validate(data)


def check(req: ShareRequestIn, share_type: ShareType = ShareType.CONDITIONAL) -> list[FieldError]:
    return validate_share_request(req, entry_share_type=share_type, entry_items=ITEMS, today=TODAY)


def test_valid_request() -> None:
    assert check(request(data_items=["姓名", "住址"])) == []


@pytest.mark.parametrize("days", [0, -1])
def test_end_date_must_be_after_today(days: int) -> None:
    err = one(check(request(end_date=TODAY + timedelta(days=days))))
    assert_error(err, "end_date", "end_date_past", "截止时间必须晚于今天", "after today")
    assert check(request(end_date=TODAY + timedelta(days=1))) == []


def test_not_shared_resource_needs_statutory_citation() -> None:
    err = one(check(request(), ShareType.NOT_SHARED))
    assert_error(err, "statutory_citation", "citation_required", "第五条", "Art. 5")
    cited = request(statutory_citation="《社会救助暂行办法》第五十六条")
    assert check(cited, ShareType.NOT_SHARED) == []


def test_unknown_item() -> None:
    err = one(check(request(data_items=["姓名", "血型"])))
    assert_error(err, "data_items[1]", "unknown_item", "“血型”不是该资源的信息项", "“血型”")


def test_not_shared_item_of_a_shared_resource() -> None:
    err = one(check(request(data_items=["宗教信仰"])))
    assert_error(err, "data_items[0]", "item_not_shared", "“宗教信仰”不予共享", "is not shared")


def test_not_shared_item_of_a_not_shared_resource_goes_with_the_citation() -> None:
    req = request(data_items=["宗教信仰"], statutory_citation="《某法》")
    assert check(req, ShareType.NOT_SHARED) == []


@pytest.mark.parametrize(
    ("entry_type", "items", "expected"),
    [
        (ShareType.UNCONDITIONAL, [None], ShareType.UNCONDITIONAL),
        (ShareType.UNCONDITIONAL, [None, ShareType.CONDITIONAL], ShareType.CONDITIONAL),
        (ShareType.CONDITIONAL, [ShareType.UNCONDITIONAL], ShareType.CONDITIONAL),
        (ShareType.UNCONDITIONAL, [ShareType.NOT_SHARED], ShareType.NOT_SHARED),
        (ShareType.NOT_SHARED, [], ShareType.NOT_SHARED),
    ],
)
def test_effective_share_type(
    entry_type: ShareType, items: list[ShareType | None], expected: ShareType
) -> None:
    assert effective_share_type(entry_type, items) is expected
