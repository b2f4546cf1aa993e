"""Share-request entry, decision and free-text rules of govshare_core.validation: the checks both
programs run, with messages from RULE_MESSAGES in both languages citing the article."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from govshare_core.rules import MIN_REASON_LENGTH
from govshare_core.schemas import (
    ChangeReportIn,
    DisputeIn,
    MediationIn,
    ReasonIn,
    ShareRequestIn,
)
from govshare_core.validation import (
    RULE_MESSAGES,
    validate_decision,
    validate_mediation,
    validate_reason,
    validate_request_form,
    validate_request_target,
    validate_share_request,
)
from govshare_core.vocab import RejectionGround, ShareType

TODAY = date(2026, 6, 1)


def codes(errors: list[Any]) -> list[tuple[str, str]]:
    return [(e.field, e.code) for e in errors]


def form(**changes: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "data_items": ["姓名"],
        "business": "社会救助",
        "users": "低保科",
        "share_mode": "interface",
        "reason": "履行职责",
        "end_date": TODAY + timedelta(days=30),
    }
    values.update(changes)
    return values


def test_the_new_rules_cite_their_article() -> None:
    for code, article in [
        ("entry_not_published", "第二十二条"),
        ("own_resource", "第二十二条"),
        ("ground_required", "第二十二条"),
        ("no_items_selected", "第二十八条"),
        ("outcome_required", "第二十五条"),
    ]:
        zh, en = RULE_MESSAGES[code]
        assert article in zh and "Art." in en, code


def test_a_complete_form_passes() -> None:
    assert validate_request_form(form()) == []


def test_what_a_form_lacks() -> None:
    errors = validate_request_form(
        form(data_items=[], business=" ", users="x", share_mode="fax", end_date=None)
    )
    assert codes(errors) == [
        ("data_items", "no_items_selected"),
        ("business", "required"),
        ("users", "too_short"),
        ("share_mode", "required"),
        ("end_date", "required"),
    ]
    too_short = errors[2]
    assert too_short.message_zh == f"使用对象至少需要{MIN_REASON_LENGTH}个字"
    assert too_short.message_en == f"Users needs at least {MIN_REASON_LENGTH} characters"


@pytest.mark.parametrize("text", ["", "  ", None])
def test_reason_is_required(text: str | None) -> None:
    assert codes(validate_reason(text)) == [("reason", "required")]


def test_reason_minimum_is_the_one_constant_the_schemas_use() -> None:
    short, enough = "x" * (MIN_REASON_LENGTH - 1), "x" * MIN_REASON_LENGTH
    assert codes(validate_reason(short, "comment")) == [("comment", "too_short")]
    assert validate_reason(enough) == []
    for schema, field in [
        (ReasonIn, "reason"),
        (DisputeIn, "reason"),
        (MediationIn, "comment"),
        (ChangeReportIn, "description"),
        (ShareRequestIn, "business"),
        (ShareRequestIn, "users"),
        (ShareRequestIn, "reason"),
    ]:
        limits = [
            m.min_length for m in schema.model_fields[field].metadata if hasattr(m, "min_length")
        ]
        assert limits == [MIN_REASON_LENGTH], (schema, field)


def test_target_must_be_published_and_of_another_department() -> None:
    ok = validate_request_target(
        entry_published=True, entry_department_id=2, consumer_department_id=3
    )
    assert ok == []
    unpublished = validate_request_target(
        entry_published=False, entry_department_id=None, consumer_department_id=3
    )
    assert codes(unpublished) == [("entry_id", "entry_not_published")]
    own = validate_request_target(
        entry_published=True, entry_department_id=3, consumer_department_id=3
    )
    assert codes(own) == [("entry_id", "own_resource")]


def test_duplicate_items_in_a_request() -> None:
    req = ShareRequestIn.model_validate(
        {**form(data_items=["姓名", "姓名"]), "entry_id": 1, "end_date": TODAY + timedelta(days=9)}
    )
    errors = validate_share_request(
        req, entry_share_type=ShareType.CONDITIONAL, entry_items={"姓名": None}, today=TODAY
    )
    assert codes(errors) == [("data_items[1]", "duplicate_item")]


def test_a_rejection_needs_a_legal_ground() -> None:
    # 第二十二条: 非因法定事由，各部门不得拒绝
    assert validate_decision(approve=True, ground=None) == []
    assert codes(validate_decision(approve=None, ground=None)) == [("approve", "decision_required")]
    assert codes(validate_decision(approve=False, ground=None)) == [("ground", "ground_required")]
    assert codes(validate_decision(approve=False, ground="whim")) == [("ground", "invalid_value")]
    for ground in RejectionGround:
        assert validate_decision(approve=False, ground=ground) == []


def test_mediation_needs_an_outcome_and_a_reasoned_comment() -> None:
    assert validate_mediation(overturn=True, comment="依法应予共享") == []
    assert codes(validate_mediation(overturn=None, comment="x")) == [
        ("overturn", "outcome_required"),
        ("comment", "too_short"),
    ]
