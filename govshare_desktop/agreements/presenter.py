"""What the 待签协议 page shows, without widgets: the list's filters, columns and fetcher, the
agreement's summary, the signature rows of the signatures panel, and the texts of refusals.

Sentences go through Qt's translation (context "AgreementsPage"). The fetcher runs in the
background pool.
"""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication

from govshare_core import clock
from govshare_core.agreements import (
    SIGNATURE_FIELDS,
    SIGNING_ORDER,
    AgreementStatus,
    SigningRefusal,
    SignTurn,
    stamp_text,
)
from govshare_core.vocab import Role, ShareMode
from govshare_desktop.common.deadlines import deadline_column, deadline_text
from govshare_desktop.common.paged_model import Column, FetchPage, PageResult, Row
from govshare_desktop.common.tables import Capped, Fit, Plan, Stretch
from govshare_desktop.i18n import english, label, label_of, time_text
from govshare_desktop.signing.verify import PROBLEMS, SignatureCheck

DEPARTMENT_WIDTH = 220


# --- the list ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ListFilter:
    """A choice of the list's filter: its title, the platform's query, and whether only the
    agreements the caller may sign now are shown (the platform's `actions`)."""

    title: str
    params: dict[str, Any]
    mine: bool


def list_filters(roles: Iterable[str]) -> list[ListFilter]:
    """待我签署 (the default) and 全部 (every agreement of the caller's department; for the
    platform, all). The platform's list has no "waiting for me" query: its `actions` say it,
    and a platform admin's turn is one status, asked of the platform to keep the list short."""
    held = set(roles)
    mine = {"status": AgreementStatus.AWAITING_PLATFORM.value}
    if Role.RESOURCE_ADMIN in held or Role.PLATFORM_ADMIN not in held:
        mine = {}
    return [
        ListFilter(QCoreApplication.translate("AgreementsPage", "待我签署"), mine, True),
        ListFilter(QCoreApplication.translate("AgreementsPage", "全部"), {}, False),
    ]


def may_sign_now(row: Row) -> bool:
    """The caller may sign (or decline) this agreement now: it is theirs to act on."""
    return "sign" in (row.get("actions") or [])


def agreement_columns() -> list[Column]:
    """资源名称, 使用部门, 提供部门, 状态, 当前签署方, 签署期限 (with the working days left)."""
    due = deadline_column("due", QCoreApplication.translate("AgreementsPage", "签署期限"))
    return [
        Column(
            "entry_name",
            QCoreApplication.translate("AgreementsPage", "资源名称"),
            tooltip=_entry_tooltip,
        ),
        Column(
            "consumer_department_name",
            QCoreApplication.translate("AgreementsPage", "使用部门"),
            tooltip=lambda r: str(r.get("consumer_department_name") or ""),
        ),
        Column(
            "provider_department_name",
            QCoreApplication.translate("AgreementsPage", "提供部门"),
            tooltip=lambda r: str(r.get("provider_department_name") or ""),
        ),
        Column(
            "status",
            QCoreApplication.translate("AgreementsPage", "状态"),
            lambda r: label_of(AgreementStatus, r.get("status")),
        ),
        Column("turn", QCoreApplication.translate("AgreementsPage", "当前签署方"), turn_text),
        dataclasses.replace(due, server_sort=False, tooltip=_due_tooltip),
    ]


def agreement_column_plans() -> list[Plan]:
    longest_due = deadline_text("2026-12-31", -10)
    return [
        Stretch(),
        Capped(DEPARTMENT_WIDTH),
        Capped(DEPARTMENT_WIDTH),
        Fit([label(s) for s in AgreementStatus]),
        Fit([label(t) for t in SignTurn]),
        Fit([longest_due]),
    ]


def _entry_tooltip(row: Row) -> str:
    code = row.get("resource_code")
    name = str(row.get("entry_name") or "")
    return f"{name}（{code}）" if code else name


def _due_tooltip(row: Row) -> str:
    if row.get("due_provisional"):
        return QCoreApplication.translate(
            "AgreementsPage", "本年度的工作日安排尚未公布，期限为暂定。"
        )
    return ""


def turn_text(row: Mapping[str, Any]) -> str:
    """当前签署方: the party whose turn it is, with the expected signer's name when known."""
    turn = row.get("turn")
    if not turn:
        return "—"
    text = label_of(SignTurn, turn)
    name = row.get("expected_signer_name")
    return f"{text}（{name}）" if name else text


def is_overdue(row: Mapping[str, Any]) -> bool:
    return bool(row.get("overdue"))


class AgreementReader(Protocol):
    def agreements(self, **filters: Any) -> dict[str, Any]: ...


def agreement_fetcher(client: AgreementReader, params: Mapping[str, Any]) -> FetchPage:
    """Pages of GET /agreements with `params` (runs in the background pool)."""

    def fetch(offset: int, limit: int, sort: str | None = None) -> PageResult:
        page = client.agreements(offset=offset, limit=limit, **params)
        return list(page["items"]), int(page["total"])

    return fetch


# --- one agreement -----------------------------------------------------------------------------


def agreement_title(agreement: Mapping[str, Any]) -> str:
    return QCoreApplication.translate("AgreementsPage", "《%1》三方数据保密协议").replace(
        "%1", str(agreement.get("entry_name", ""))
    )


def summary_html(agreement: Mapping[str, Any]) -> str:
    """The facts beside the PDF: parties, items, mode, term, state, turn and deadline."""
    e = html.escape
    rows = [
        (
            QCoreApplication.translate("AgreementsPage", "信息使用部门"),
            agreement.get("consumer_department_name"),
        ),
        (
            QCoreApplication.translate("AgreementsPage", "信息提供部门"),
            agreement.get("provider_department_name"),
        ),
        (
            QCoreApplication.translate("AgreementsPage", "信息项"),
            "、".join(agreement.get("data_items") or []),
        ),
        (
            QCoreApplication.translate("AgreementsPage", "共享方式"),
            label_of(ShareMode, agreement.get("share_mode")),
        ),
        (QCoreApplication.translate("AgreementsPage", "使用期限至"), agreement.get("end_date")),
        (
            QCoreApplication.translate("AgreementsPage", "状态"),
            label_of(AgreementStatus, agreement.get("status")),
        ),
    ]
    if agreement.get("turn"):
        rows.append(
            (QCoreApplication.translate("AgreementsPage", "当前签署方"), turn_text(agreement))
        )
        rows.append(
            (
                QCoreApplication.translate("AgreementsPage", "签署期限"),
                deadline_column("due", "").text(dict(agreement)),
            )
        )
    if agreement.get("declined_reason"):
        rows.append(
            (
                QCoreApplication.translate("AgreementsPage", "拒签理由"),
                agreement.get("declined_reason"),
            )
        )
    cells = "".join(
        f"<tr><td style='color:#5f6368; padding-right:8px; white-space:nowrap'>{e(str(k))}</td>"
        f"<td>{e(str(v or '—'))}</td></tr>"
        for k, v in rows
    )
    color = " style='color:#b3261e'" if is_overdue(agreement) else ""
    return f"<table{color}>{cells}</table>"


def can(agreement: Mapping[str, Any] | None, action: str) -> bool:
    """Whether the platform offers the caller `action` ("sign", "decline") on the agreement."""
    return agreement is not None and action in (agreement.get("actions") or [])


def my_turn(agreement: Mapping[str, Any] | None) -> SignTurn | None:
    """The turn the caller may sign now (the platform's `actions` say whether), or None."""
    if not can(agreement, "sign") or agreement is None or not agreement.get("turn"):
        return None
    return SignTurn(str(agreement["turn"]))


def stamp_preview(me: Mapping[str, Any], now: datetime | None = None) -> str:
    """The visible stamp the user's signature will carry (stamp_text), at `now`."""
    moment = clock.platform_time(now)
    return stamp_text(
        name=str(me["user"]["full_name"]),
        department=str(me["department"]["name"]),
        signed_at=moment,
    )


def refusal_text(code: str | None, fallback: str) -> str:
    """A refused upload in words (SigningRefusal), else the platform's own message."""
    try:
        return label(SigningRefusal(str(code)))
    except ValueError:
        return fallback


# --- the signatures panel ----------------------------------------------------------------------


VALID, INVALID, PENDING, CHECKING = "valid", "invalid", "pending", "checking"


@dataclass(frozen=True)
class SignatureRow:
    """One card of the signatures panel."""

    title: str  # the party (a turn's label), or the field's name for a file from disk
    signer: str
    department: str
    signed_at: str
    state: str  # VALID, INVALID, PENDING (not signed yet), CHECKING (being verified here)
    note: str  # why invalid, or whose turn it is

    @property
    def state_text(self) -> str:
        return {
            VALID: QCoreApplication.translate("AgreementsPage", "签名有效"),
            INVALID: QCoreApplication.translate("AgreementsPage", "签名无效"),
            PENDING: QCoreApplication.translate("AgreementsPage", "未签署"),
            CHECKING: QCoreApplication.translate("AgreementsPage", "正在验证……"),
        }[self.state]


def _when(value: object) -> str:
    if isinstance(value, datetime):
        return time_text(value.isoformat())
    return time_text(value) if value else ""


def problem_text(check: SignatureCheck) -> str:
    """Why a signature is not valid, in the UI language."""
    zh_en = PROBLEMS.get(check.problem_code or "")
    if zh_en is not None:
        return zh_en[1] if english() else zh_en[0]
    return check.problem or QCoreApplication.translate("AgreementsPage", "签名无法通过校验")


def check_row(title: str, check: SignatureCheck) -> SignatureRow:
    return SignatureRow(
        title=title,
        signer=check.signer_name or "",
        department=check.department or "",
        signed_at=_when(check.signed_at),
        state=VALID if check.valid else INVALID,
        note="" if check.valid else problem_text(check),
    )


def agreement_rows(
    agreement: Mapping[str, Any], checks: Sequence[SignatureCheck] | None
) -> list[SignatureRow]:
    """One row per party in signing order: this computer's check of the PDF (`checks`; None
    while it runs) for each signed field, the platform's record meanwhile, else 未签署."""
    recorded = {str(s["turn"]): s for s in agreement.get("signatures") or []}
    by_field = {c.field_name: c for c in checks or []}
    rows = []
    for turn in SIGNING_ORDER:
        title = label(turn)
        check = by_field.get(SIGNATURE_FIELDS[turn])
        signature = recorded.get(turn.value)
        if check is not None:
            rows.append(check_row(title, check))
        elif signature is not None:
            valid = bool(signature.get("valid"))
            problem = str(signature.get("problem") or "")
            rows.append(
                SignatureRow(
                    title=title,
                    signer=str(signature.get("signer_name") or ""),
                    department=str(signature.get("department_name") or ""),
                    signed_at=_when(signature.get("signed_at")),
                    state=CHECKING if checks is None and valid else (VALID if valid else INVALID),
                    note=refusal_text(problem, problem),
                )
            )
        else:
            rows.append(_pending_row(agreement, turn, title))
    return rows


def _pending_row(agreement: Mapping[str, Any], turn: SignTurn, title: str) -> SignatureRow:
    note = ""
    if agreement.get("turn") == turn.value:
        name = agreement.get("expected_signer_name")
        note = (
            QCoreApplication.translate("AgreementsPage", "等待%1签署").replace("%1", str(name))
            if name
            else QCoreApplication.translate("AgreementsPage", "等待本方签署")
        )
    return SignatureRow(title, "", "", "", PENDING, note)


def file_rows(checks: Iterable[SignatureCheck]) -> list[SignatureRow]:
    """The signatures of a PDF from disk, as found in it."""
    turns = {field: turn for turn, field in SIGNATURE_FIELDS.items()}
    return [
        check_row(label(turns[c.field_name]) if c.field_name in turns else c.field_name, c)
        for c in checks
    ]


def verdict(rows: Sequence[SignatureRow]) -> tuple[str, str]:
    """The panel's one-line verdict and its colour: VALID (all good), INVALID, PENDING (none)."""
    signed = [r for r in rows if r.state in (VALID, INVALID)]
    if not signed:
        return QCoreApplication.translate("AgreementsPage", "文件中还没有签名。"), PENDING
    bad = [r for r in signed if r.state == INVALID]
    if bad:
        text = QCoreApplication.translate(
            "AgreementsPage", "%1 个签名无效：文件可能已被改动，或证书不受信任。"
        )
        return text.replace("%1", str(len(bad))), INVALID
    text = QCoreApplication.translate("AgreementsPage", "全部 %1 个签名有效，签署后文件未被改动。")
    return text.replace("%1", str(len(signed))), VALID
