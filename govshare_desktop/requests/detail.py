"""The detail of a share request as HTML for the requests pages' detail browser."""

from __future__ import annotations

from datetime import date
from html import escape
from typing import Any

from PySide6.QtCore import QCoreApplication

from govshare_core.vocab import (
    DisputeStatus,
    RejectionGround,
    RequestStatus,
    ShareMode,
    ShareType,
)
from govshare_core.workdays import WorkdayCalendar
from govshare_desktop.i18n import field_label, label_of
from govshare_desktop.requests.deadlines import review_deadline_info
from govshare_desktop.requests.presenters import department_name


def detail_html(
    detail: dict[str, Any], names: dict[int, str], today: date, *, calendar: WorkdayCalendar
) -> str:
    """The request's fields as an HTML table for the detail browser (department names: the
    platform's, else from `names`; `calendar`: the platform's, for a detail without its
    `working_days_left`)."""
    overdue = review_deadline_info(detail, today, calendar=calendar).overdue
    cells = "".join(
        f"<tr><td style='color:#555;padding:2px 10px 2px 0;white-space:nowrap'>{escape(k)}</td>"
        f"<td style='padding:2px 0'>{_colored(k, v, overdue)}</td></tr>"
        for k, v in detail_rows(detail, names, today, calendar=calendar)
    )
    return f"<table cellspacing='0'>{cells}</table>"


def detail_rows(
    detail: dict[str, Any],
    names: dict[int, str],
    today: date,
    *,
    calendar: WorkdayCalendar,
    disputes: bool = True,
) -> list[tuple[str, str]]:
    """(label, value) of the request's fields: the detail browser's and the printed 申请表's
    (which lists the disputes in a table of their own: `disputes=False`)."""
    info = review_deadline_info(detail, today, calendar=calendar)
    ground = detail.get("rejection_ground")
    rows = [
        (QCoreApplication.translate("RequestsPage", "编号"), str(detail.get("id"))),
        (
            QCoreApplication.translate("RequestsPage", "信息资源"),
            f"{detail.get('entry_name')}（{detail.get('resource_code') or ''}）",
        ),
        (
            QCoreApplication.translate("RequestsPage", "提供部门"),
            department_name(detail, "provider", names),
        ),
        (
            QCoreApplication.translate("RequestsPage", "申请部门"),
            department_name(detail, "consumer", names),
        ),
        (
            QCoreApplication.translate("RequestsPage", "申请人"),
            str(detail.get("applicant_name") or ""),
        ),
        (
            QCoreApplication.translate("RequestsPage", "共享类型"),
            label_of(ShareType, detail.get("share_type")),
        ),
        (
            QCoreApplication.translate("RequestsPage", "状态"),
            label_of(RequestStatus, detail.get("status")),
        ),
        (
            QCoreApplication.translate("RequestsPage", "信息项"),
            "、".join(detail.get("data_items", [])),
        ),
        (QCoreApplication.translate("RequestsPage", "应用业务"), str(detail.get("business", ""))),
        (QCoreApplication.translate("RequestsPage", "使用对象"), str(detail.get("users", ""))),
        (field_label("share_mode"), label_of(ShareMode, detail.get("share_mode"))),
        (QCoreApplication.translate("RequestsPage", "申请理由"), str(detail.get("reason", ""))),
        (QCoreApplication.translate("RequestsPage", "截止时间"), str(detail.get("end_date", ""))),
        (
            QCoreApplication.translate("RequestsPage", "受理日期"),
            str(detail.get("received_on") or ""),
        ),
        (QCoreApplication.translate("RequestsPage", "审核期限"), info.text),
    ]
    if detail.get("statutory_citation"):
        rows.append(
            (
                QCoreApplication.translate("RequestsPage", "法定共享依据"),
                str(detail["statutory_citation"]),
            )
        )
    if ground:
        rows.append(
            (
                QCoreApplication.translate("RequestsPage", "拒绝事由"),
                label_of(RejectionGround, ground),
            )
        )
        rows.append(
            (
                QCoreApplication.translate("RequestsPage", "拒绝说明"),
                str(detail.get("rejection_comment") or ""),
            )
        )
    for dispute in detail.get("disputes", []) if disputes else []:
        rows.append(
            (
                QCoreApplication.translate("RequestsPage", "异议"),
                f"{dispute.get('reason')}（{label_of(DisputeStatus, dispute.get('status'))}）",
            )
        )
        if dispute.get("resolution"):
            rows.append(
                (QCoreApplication.translate("RequestsPage", "协调意见"), str(dispute["resolution"]))
            )
    return rows


def _colored(key: str, value: str, overdue: bool) -> str:
    if key == QCoreApplication.translate("RequestsPage", "审核期限") and overdue:
        return f"<span style='color:#c0392b;font-weight:bold'>{escape(value)}</span>"
    return escape(value)
