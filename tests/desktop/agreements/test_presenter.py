"""What the 待签协议 page shows, without widgets: the filters by role, whose turn it is, the
signature rows merged from the platform's record and this computer's check, the verdict, the
refusal texts and the stamp."""

from __future__ import annotations

from datetime import UTC, datetime

from govshare_core import clock
from govshare_core.agreements import SIGNATURE_FIELDS, SigningRefusal, SignTurn, stamp_text
from govshare_desktop.agreements import presenter as P
from govshare_desktop.signing.verify import SignatureCheck

AGREEMENT = {
    "id": 3,
    "entry_name": "常住人口基本信息",
    "status": "awaiting_provider",
    "turn": "provider",
    "expected_signer_name": "公安局信息资源管理员",
    "signatures": [
        {
            "turn": "consumer",
            "signer_name": "民政局信息资源管理员",
            "department_name": "南通市民政局",
            "signed_at": "2026-11-30T02:00:00Z",
            "valid": True,
        }
    ],
    "actions": ["sign", "decline"],
}


def check(turn: SignTurn, *, valid: bool = True, code: str | None = None) -> SignatureCheck:
    return SignatureCheck(
        field_name=SIGNATURE_FIELDS[turn],
        signer_name="民政局信息资源管理员",
        department="南通市民政局",
        signed_at=datetime(2026, 11, 30, 2, tzinfo=UTC),
        intact=valid,
        trusted=True,
        valid=valid,
        modification="FORM_FILLING",
        problem=None if valid else "签名后文件内容被改动，签名已失效",
        problem_code=code,
    )


def test_filters_by_role(qapp) -> None:  # type: ignore[no-untyped-def]
    admin = P.list_filters({"platform_admin"})
    assert [f.title for f in admin] == ["待我签署", "全部"]
    assert admin[0].params == {"status": "awaiting_platform"} and admin[0].mine
    assert P.list_filters({"resource_admin"})[0].params == {}
    assert P.may_sign_now(AGREEMENT) and not P.may_sign_now({"actions": ["decline"]})


def test_whose_turn(qapp) -> None:  # type: ignore[no-untyped-def]
    assert P.turn_text(AGREEMENT) == "信息提供部门（公安局信息资源管理员）"
    assert P.turn_text({"turn": "platform"}) == "信息化主管部门"
    assert P.turn_text({"turn": None}) == "—"
    assert P.my_turn(AGREEMENT) is SignTurn.PROVIDER
    assert P.my_turn({**AGREEMENT, "actions": []}) is None


def test_signature_rows_merge_the_record_and_the_local_check(qapp) -> None:  # type: ignore[no-untyped-def]
    checking = P.agreement_rows(AGREEMENT, None)
    assert [r.state for r in checking] == [P.CHECKING, P.PENDING, P.PENDING]
    assert checking[1].note == "等待公安局信息资源管理员签署"
    checked = P.agreement_rows(AGREEMENT, [check(SignTurn.CONSUMER)])
    assert [r.state for r in checked] == [P.VALID, P.PENDING, P.PENDING]
    assert P.verdict(checked) == ("全部 1 个签名有效，签署后文件未被改动。", P.VALID)
    broken = P.agreement_rows(AGREEMENT, [check(SignTurn.CONSUMER, valid=False, code="broken")])
    assert broken[0].state == P.INVALID and "改动" in broken[0].note
    assert P.verdict(broken)[1] == P.INVALID
    assert P.verdict(P.file_rows([]))[1] == P.PENDING
    assert [r.title for r in P.file_rows([check(SignTurn.CONSUMER)])] == ["信息使用部门"]


def test_refusals_and_the_stamp(qapp) -> None:  # type: ignore[no-untyped-def]
    code = SigningRefusal.STALE_REVISION.value
    assert P.refusal_text(code, "x") == SigningRefusal.STALE_REVISION.label_zh
    assert P.refusal_text("other_code", "平台的说明") == "平台的说明"
    me = {"user": {"full_name": "张三"}, "department": {"name": "南通市民政局"}}
    at = datetime(2026, 11, 30, 2, 5, tzinfo=UTC)  # 10:05 in Shanghai
    expected = stamp_text(
        name="张三", department="南通市民政局", signed_at=at.astimezone(clock.PLATFORM_ZONE)
    )
    assert P.stamp_preview(me, at) == expected and "10:05" in expected
