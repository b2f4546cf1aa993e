"""Presentation logic of the share screens, without widgets or a server."""

from __future__ import annotations

from datetime import date

from govshare_desktop.requests.presenters import (
    RequestFormPresenter,
    RequestFormValues,
    decision_body,
    mediation_body,
    request_actions,
    result_text,
    review_deadline_info,
)

TODAY = date(2026, 6, 1)  # a Monday with an official schedule
ENTRY = {
    "id": 7,
    "name": "低保对象名单",
    "share_type": "not_shared",
    "department_name": "南通市民政局",
    "resource_code": "301001/000001",
    "share_mode": "query",
    "data_items": [
        {"name": "姓名", "share_type": None},
        {"name": "指纹", "share_type": "not_shared"},
    ],
}


def values(**overrides: object) -> RequestFormValues:
    base = RequestFormValues(
        data_items=["姓名"],
        business="低保复核",
        users="救助科",
        share_mode="query",
        reason="法定职责所需",
        end_date=date(2026, 12, 31),
    )
    for key, value in overrides.items():
        setattr(base, key, value)
    return base


def test_not_shared_entry_needs_the_statutory_citation() -> None:
    presenter = RequestFormPresenter(ENTRY)
    assert presenter.needs_citation and presenter.item_requestable("指纹")
    request, errors = presenter.validate(values(), today=TODAY)
    assert request is None
    assert [(e.field, e.message_zh) for e in errors] == [
        ("statutory_citation", "申请不予共享的资源必须提供法律规定的共享依据（第五条）")
    ]
    request, errors = presenter.validate(
        values(statutory_citation="《社会救助暂行办法》第十一条"), today=TODAY
    )
    assert errors == [] and request is not None and request.entry_id == 7


def test_form_errors_name_the_field_and_the_rule() -> None:
    presenter = RequestFormPresenter(dict(ENTRY, share_type="conditional"))
    assert not presenter.item_requestable("指纹")  # 不予共享 item of a shareable entry
    _, errors = presenter.validate(values(business="", users="科", data_items=[]), today=TODAY)
    messages = {e.field: e.message_zh for e in errors}
    assert messages["business"] == "应用业务不能为空"
    assert messages["users"] == "使用对象至少需要 2 个字"
    assert messages["data_items"] == "请至少选择一个要申请的信息项"
    _, errors = presenter.validate(values(end_date=TODAY), today=TODAY)
    assert [e.message_zh for e in errors] == ["截止时间必须晚于今天"]
    _, errors = presenter.validate(values(data_items=["指纹"]), today=TODAY)
    assert [e.message_zh for e in errors] == ["信息项“指纹”不予共享"]


def test_rejection_needs_a_ground_and_mediation_a_comment() -> None:
    body, why = decision_body(approve=False, ground="", comment="不同意")
    assert body is None and "第二十二条" in why
    body, _ = decision_body(approve=False, ground="privacy", comment=" 涉及隐私 ")
    assert body == {"approve": False, "ground": "privacy", "comment": "涉及隐私"}
    assert decision_body(approve=True, ground=None, comment="")[0] == {
        "approve": True,
        "comment": None,
    }
    assert mediation_body(overturn=True, comment="")[0] is None
    assert mediation_body(overturn=False, comment="维持")[0] == {
        "overturn": False,
        "comment": "维持",
    }


def test_deadline_in_working_days_and_overdue() -> None:
    row = {"status": "submitted", "review_due": "2026-06-08", "review_due_provisional": False}
    info = review_deadline_info(row, TODAY)
    assert (info.days_left, info.overdue) == (5, False)
    assert info.text == "2026-06-08（剩 5 个工作日）"
    late = review_deadline_info(dict(row, review_due="2026-05-28", overdue=True), TODAY)
    assert late.overdue and late.text == "2026-05-28 已超期 2 个工作日"
    provisional = review_deadline_info(dict(row, review_due_provisional=True), TODAY)
    assert provisional.text.endswith("（暂定）")
    assert review_deadline_info(dict(row, status="active"), TODAY).text == ""
    text = result_text(dict(row, review_due="2026-06-08"), TODAY)
    assert "剩 5 个工作日" in text and "第二十七条" in text


def test_actions_follow_role_and_party() -> None:
    row = {"status": "submitted", "consumer_department_id": 2, "provider_department_id": 3}
    assert request_actions(row, roles=["applicant"], department_id=2) == ["withdraw"]
    assert request_actions(row, roles=["applicant"], department_id=3) == []
    provider = request_actions(row, roles=["resource_admin"], department_id=3)
    assert provider == ["provider_approve", "provider_reject"]
    assert request_actions(row, roles=["resource_admin"], department_id=2) == []
    disputed = dict(row, status="disputed")
    assert request_actions(disputed, roles=["platform_admin"], department_id=1) == [
        "mediate_uphold",
        "mediate_overturn",
    ]
    active = dict(row, status="active")
    assert request_actions(active, roles=["platform_admin"], department_id=1) == ["revoke"]
