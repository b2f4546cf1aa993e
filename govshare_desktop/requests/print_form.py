"""The printed share request (申请表, 第二十二条, 第二十七条, 第二十八条): the request's fields as
the detail shows them (`detail.detail_rows`), its decisions (who, when, the opinion: the
platform's history) and any dispute, as an A4 sheet (common/print_layout.py).

    sheet = request_sheet(detail, names, today, calendar=...)   # UI thread: translated labels
    pdf = build_sheet_pdf(sheet)                                  # any thread
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from govshare_core.vocab import DisputeStatus, RequestStatus
from govshare_core.workdays import WorkdayCalendar
from govshare_desktop.common.print_layout import Field, Fields, Rows, Sheet
from govshare_desktop.i18n import label_of, module_tr, time_text
from govshare_desktop.requests.detail import detail_rows
from govshare_desktop.requests.presenters import action_label

LONG_TEXT = 24
"""Values longer than this take a whole row of the grid."""


def tr(text: str) -> str:
    return module_tr("RequestPrint", text)


def file_name(detail: Mapping[str, Any]) -> str:
    return tr("共享申请表-%1.pdf").replace("%1", str(detail.get("id", "")))


def _fields(rows: list[tuple[str, str]]) -> list[Field]:
    return [Field(k, v, wide=len(v) > LONG_TEXT or "\n" in v) for k, v in rows]


def _event_rows(detail: Mapping[str, Any]) -> list[list[str]]:
    return [
        [
            time_text(e.get("at")),
            action_label(str(e.get("action"))),
            str(e.get("actor_name") or (tr("系统") if e.get("actor_id") is None else "")),
            label_of(RequestStatus, e.get("to_status")),
            str(e.get("comment") or ""),
        ]
        for e in detail.get("events", [])
    ]


def request_sheet(
    detail: dict[str, Any], names: dict[int, str], today: date, *, calendar: WorkdayCalendar
) -> Sheet:
    """The 申请表 of `detail` (ShareRequestDetailOut JSON)."""
    sections: list[Fields | Rows] = [
        Fields(
            tr("一、申请信息"),
            _fields(detail_rows(detail, names, today, calendar=calendar, disputes=False)),
        ),
        Rows(
            tr("二、审核与决定"),
            [tr("时间"), tr("环节"), tr("办理人"), tr("结果状态"), tr("意见")],
            _event_rows(detail),
            widths=[2.6, 2.8, 2.0, 2.0, 4.6],
            empty=tr("尚未提交。"),
        ),
    ]
    disputes = detail.get("disputes") or []
    if disputes:
        sections.append(
            Rows(
                tr("三、争议与协调（第二十五条）"),
                [tr("提出时间"), tr("异议理由"), tr("状态"), tr("协调意见")],
                [
                    [
                        time_text(d.get("created_at")),
                        str(d.get("reason") or ""),
                        label_of(DisputeStatus, d.get("status")),
                        str(d.get("resolution") or ""),
                    ]
                    for d in disputes
                ],
                widths=[2.6, 4.4, 1.8, 5.2],
            )
        )
    number = str(detail.get("id", ""))
    return Sheet(
        title=tr("政务信息资源共享申请表"),
        facts=[
            (tr("申请编号"), number),
            (tr("当前状态"), label_of(RequestStatus, detail.get("status"))),
            (tr("打印日期"), today.isoformat()),
        ],
        sections=sections,
        footer=tr("南通市政务信息资源共享平台 · 共享申请表 #%1").replace("%1", number),
        note=tr(
            "依据《南通市政务信息资源共享管理办法》第二十二条、第二十七条、第二十八条；"
            "不予共享类资源的申请须载明法定共享依据（第五条），由信息化主管部门审核（第二十五条）。"
        ),
        signatures=[tr("申请部门（盖章）"), tr("提供部门（盖章）"), tr("信息化主管部门（盖章）")],
    )
