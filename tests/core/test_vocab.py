"""Every labelled enum member of the core (govshare_core.vocab, and the enums other core modules
label through `register_labels`) has a Chinese and an English label."""

from __future__ import annotations

from enum import StrEnum

import pytest

from govshare_core import assessment, vocab

ENUMS = [
    obj
    for module in (vocab, assessment)
    for obj in vars(module).values()
    if isinstance(obj, type)
    and issubclass(obj, vocab._Labelled)
    and obj is not vocab._Labelled
    and obj.__module__ == module.__name__
]


def test_all_labelled_enums_found() -> None:
    names = {e.__name__ for e in ENUMS}
    assert {"Role", "ShareType", "ShareMode", "RequestStatus", "EntryStatus", "DataType"} <= names
    assert {"PeriodKind", "Group", "Grade", "RoundStatus", "RectificationStatus"} <= names
    assert len(ENUMS) >= 18


@pytest.mark.parametrize("enum", ENUMS, ids=lambda e: e.__name__)
def test_every_member_has_both_labels(enum: type[StrEnum]) -> None:
    for member in enum:
        zh, en = member.label_zh, member.label_en  # type: ignore[attr-defined]
        assert zh.strip() and en.strip(), member
        assert any("\u4e00" <= ch <= "\u9fff" for ch in zh), (member, zh)
        assert en.isascii(), (member, en)


@pytest.mark.parametrize("enum", ENUMS, ids=lambda e: e.__name__)
def test_labels_are_distinct_within_an_enum(enum: type[StrEnum]) -> None:
    members = list(enum)
    assert len({m.label_zh for m in members}) == len(members)  # type: ignore[attr-defined]
    assert len({m.label_en for m in members}) == len(members)  # type: ignore[attr-defined]


def test_no_label_for_a_non_member() -> None:
    assert set(vocab._LABELS) == {(e, m.value) for e in ENUMS for m in e}


@pytest.mark.parametrize(
    ("member", "zh"),
    [
        (vocab.ShareType.UNCONDITIONAL, "无条件共享"),
        (vocab.ShareType.CONDITIONAL, "有条件共享"),
        (vocab.ShareType.NOT_SHARED, "不予共享"),
        (vocab.ShareMode.EXCHANGE, "直接数据交换"),
        (vocab.Role.AUDIT_ADMIN, "审计管理员"),
        (vocab.UpdateCycle.HALF_YEARLY, "每半年"),
        (vocab.DataType.CURRENCY, "货币型Y"),
    ],
)
def test_labels_follow_the_regulation_and_the_catalog_guide(member: StrEnum, zh: str) -> None:
    assert member.label_zh == zh  # type: ignore[attr-defined]


def test_values_are_stable_machine_codes() -> None:
    assert vocab.ResourceClass.BASIC == "1"
    assert [d.value for d in vocab.DataType] == list("CNYDTLMGBIF")
    assert vocab.RequestStatus("awaiting_agreement") is vocab.RequestStatus.AWAITING_AGREEMENT


def test_format_types_cover_every_format_class() -> None:
    assert set(vocab.FORMAT_TYPES) == set(vocab.FormatClass)
    assert vocab.FORMAT_TYPES[vocab.FormatClass.SELF_DESCRIBING] == ()
    for fc, types in vocab.FORMAT_TYPES.items():
        assert len(set(types)) == len(types), fc


def test_policy_defaults_from_the_2015_text() -> None:
    assert vocab.DEFAULT_REVIEW_WORKING_DAYS == 5
    assert vocab.DEFAULT_CHANGE_REPORT_DAYS == 20
    assert vocab.DEFAULT_LOG_RETENTION_YEARS == 5


def test_members_sharing_a_code_keep_their_own_labels() -> None:
    """StrEnum members equal their values; labels must not collide across enums."""
    from govshare_core.vocab import ChangeReportStatus, EntryStatus, GrantStatus, RequestStatus

    assert RequestStatus.ACTIVE.label_zh == "已授权"
    assert GrantStatus.ACTIVE.label_zh == "有效"
    assert EntryStatus.SUBMITTED.label_zh == "待部门审核"
    assert RequestStatus.SUBMITTED.label_zh == "待提供方审核"
    assert ChangeReportStatus.SUBMITTED.label_zh == "待处理"
