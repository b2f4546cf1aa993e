"""Presentation logic of the share screens, without widgets or a server: the rules are the
core's (govshare_core.workflow/validation/rules), the deadlines the platform's."""

from __future__ import annotations

from datetime import date

from govshare_core.workdays import WorkdayCalendar
from govshare_core.workflow import Actor
from govshare_desktop.common.sending_dialog import reason_error
from govshare_desktop.requests.deadlines import grant_expiry_info, review_deadline_info
from govshare_desktop.requests.form_presenter import (
    RequestFormPresenter,
    RequestFormValues,
    result_text,
)
from govshare_desktop.requests.presenters import (
    can_revoke_grant,
    decision_body,
    mediation_body,
    request_actions,
)

TODAY = date(2026, 6, 1)  # a Monday with an official schedule
OFFICIAL = WorkdayCalendar()  # the official schedule, no overrides
CLOSED_JUNE_3 = WorkdayCalendar.from_overrides([{"day": "2026-06-03", "working": False}])
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
    assert messages["users"] == "使用对象至少需要2个字"  # the core's MIN_REASON_LENGTH
    assert messages["data_items"] == "请至少选择一个要申请的信息项（第二十八条：核定所需信息）"
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
    assert decision_body(approve=None, ground=None, comment="")[1] == "请选择同意或拒绝"
    assert mediation_body(overturn=True, comment="")[0] is None
    body, why = mediation_body(overturn=None, comment="协")
    assert body is None and "第二十五条" in why and "意见至少需要2个字" in why
    assert mediation_body(overturn=False, comment="维持")[0] == {
        "overturn": False,
        "comment": "维持",
    }


def test_reasons_follow_the_cores_minimum_length() -> None:
    assert reason_error("") == "理由不能为空"
    assert reason_error(" 短 ") == "理由至少需要2个字"
    assert reason_error("超出授权范围使用") == ""


def test_deadline_is_the_platforms() -> None:
    """The platform's `due` and `working_days_left` are shown as given (its calendar, with the
    admin's overrides), whatever the desktop's calendar would count."""
    row = {
        "status": "submitted",
        "review_due": "2026-06-08",
        "review_due_provisional": False,
        "due": "2026-06-08",
        "working_days_left": 4,  # the platform admin closed a day
    }
    info = review_deadline_info(row, TODAY, calendar=OFFICIAL)
    assert (info.days_left, info.overdue, info.due) == (4, False, date(2026, 6, 8))
    assert info.text == "2026-06-08（剩 4 个工作日）"
    overdue = dict(row, working_days_left=-2, overdue=True)
    late = review_deadline_info(overdue, TODAY, calendar=OFFICIAL)
    assert late.overdue and late.days_left == -2 and "已超期 2 个工作日" in late.text
    done = dict(row, status="active", due=None, working_days_left=None)
    assert review_deadline_info(done, TODAY, calendar=OFFICIAL).text == ""
    text = result_text(row, TODAY, calendar=OFFICIAL)
    assert "剩 4 个工作日" in text and "第二十七条" in text


def test_a_cached_row_is_counted_with_the_platforms_calendar() -> None:
    """A row cached before the platform sent `working_days_left`: counted with the calendar
    from the cached overrides (waiting for review only: govshare_core.workflow)."""
    row = {"status": "submitted", "review_due": "2026-06-08", "review_due_provisional": False}
    assert review_deadline_info(row, TODAY, calendar=OFFICIAL).days_left == 5
    info = review_deadline_info(row, TODAY, calendar=CLOSED_JUNE_3)
    assert (info.days_left, info.text) == (4, "2026-06-08（剩 4 个工作日）")
    late = review_deadline_info(dict(row, review_due="2026-05-28"), TODAY, calendar=OFFICIAL)
    assert late.overdue and late.text == "2026-05-28 已超期 2 个工作日"
    provisional = dict(row, review_due_provisional=True)
    assert review_deadline_info(provisional, TODAY, calendar=OFFICIAL).text.endswith("（暂定）")
    assert review_deadline_info(dict(row, status="active"), TODAY, calendar=OFFICIAL).text == ""
    assert "剩 4 个工作日" in result_text(row, TODAY, calendar=CLOSED_JUNE_3)


def test_grant_expiry_is_the_platforms() -> None:
    row = {
        "status": "active",
        "valid_until": "2026-06-30",
        "working_days_left": 21,
        "expiring_soon": False,
    }
    info = grant_expiry_info(row, TODAY, calendar=OFFICIAL)
    assert (info.days_left, info.expiring_soon, info.text) == (21, False, "剩 21 个工作日")
    flagged = grant_expiry_info(dict(row, expiring_soon=True), TODAY, calendar=OFFICIAL)
    assert flagged.expiring_soon
    cached = {"status": "active", "valid_until": "2026-06-15"}  # no platform values: the core's
    assert grant_expiry_info(cached, TODAY, calendar=OFFICIAL).expiring_soon
    later = dict(cached, valid_until="2026-06-16")
    assert not grant_expiry_info(later, TODAY, calendar=OFFICIAL).expiring_soon
    assert (
        grant_expiry_info(cached, TODAY, calendar=CLOSED_JUNE_3).days_left
        == (grant_expiry_info(cached, TODAY, calendar=OFFICIAL).days_left or 0) - 1
    )


CONSUMER, PROVIDER, PLATFORM = 2, 3, 1


def actor(department_id: int, *roles: str) -> Actor:
    return Actor.of(
        user_id=department_id * 10,
        roles=roles,
        department_id=department_id,
        is_platform=department_id == PLATFORM,
    )


def test_actions_follow_role_and_party() -> None:
    row = {
        "status": "submitted",
        "consumer_department_id": CONSUMER,
        "provider_department_id": PROVIDER,
    }
    assert request_actions(row, actor(CONSUMER, "applicant")) == ["withdraw"]
    assert request_actions(row, actor(PROVIDER, "applicant")) == []
    provider = request_actions(row, actor(PROVIDER, "resource_admin"))
    assert provider == ["provider_approve", "provider_reject"]
    assert request_actions(row, actor(CONSUMER, "resource_admin")) == []
    disputed = dict(row, status="disputed")
    assert request_actions(disputed, actor(PLATFORM, "platform_admin")) == [
        "mediate_uphold",
        "mediate_overturn",
    ]
    active = dict(row, status="active")
    assert request_actions(active, actor(PLATFORM, "platform_admin")) == ["revoke"]


def test_only_the_providers_resource_admin_and_the_platform_admin_revoke_a_grant() -> None:
    grant = {
        "status": "active",
        "consumer_department_id": CONSUMER,
        "provider_department_id": PROVIDER,
    }
    assert can_revoke_grant(grant, actor(PROVIDER, "resource_admin"))
    assert can_revoke_grant(grant, actor(PLATFORM, "platform_admin"))
    assert not can_revoke_grant(grant, actor(CONSUMER, "resource_admin"))  # the consumer's
    assert not can_revoke_grant(grant, actor(CONSUMER, "applicant"))
    assert not can_revoke_grant(grant, actor(PROVIDER, "applicant", "registrar"))
    assert not can_revoke_grant(dict(grant, status="revoked"), actor(PLATFORM, "platform_admin"))
