"""使用情况询问 (第二十二条 共享信息提供方有权向使用方了解共享信息使用情况): a provider's resource
admin asks a consumer department holding a grant how the data is used; the consumer answers,
or the asker withdraws. Unanswered ones past their deadline are red (and on both to-do lists).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from govshare_core.usage import InquiryStatus
from govshare_core.vocab import Role
from govshare_desktop.common.paged_model import Column, Row
from govshare_desktop.common.tables import Plan
from govshare_desktop.usage import presenter as P
from govshare_desktop.usage import sending
from govshare_desktop.usage.dialogs import InquiryDialog
from govshare_desktop.usage.list_page import UsageListPage
from govshare_desktop.usage.presenter import Side


class InquiriesPage(UsageListPage):
    KIND = "inquiry"
    ACTIONS = P.INQUIRY_ACTIONS
    NEW_ROLES = frozenset({Role.RESOURCE_ADMIN.value})

    def __init__(self, *, context: Any, parent: Any = None) -> None:
        super().__init__(context=context, parent=parent)
        self.setObjectName("inquiriesPage")

    def side_choices(self) -> list[Side]:
        return P.inquiry_sides(self.context.roles)

    def status_enum(self) -> Any:
        return InquiryStatus

    def columns(self, side: str) -> list[Column]:
        return P.inquiry_columns(side)

    def plans(self) -> list[Plan]:
        return P.column_plans(InquiryStatus)

    def list_path(self) -> str:
        return sending.paths.inquiries_path()

    def read_one(self, object_id: int) -> Row:
        return sending.inquiry(self.context.client, object_id)

    def detail_html(self, row: Row) -> str:
        return P.inquiry_detail(row)

    def new_text(self) -> str:
        return QCoreApplication.translate("UsagePages", "新建询问…")

    def show_object(self, kind: str, object_id: int) -> bool:
        """inquiry_answer: the received side; inquiry_overdue: the asked side."""
        side = {"inquiry_answer": "received", "inquiry_overdue": "asked"}.get(kind)
        index = self.sideCombo.findData(side) if side else -1
        if index >= 0 and index != self.sideCombo.currentIndex():
            self.sideCombo.setCurrentIndex(index)  # reloads
        return super().show_object(kind, object_id)

    def start_new(self) -> None:
        made: list[InquiryDialog] = []

        def build(body: Any) -> Any:
            name = made[0].entryCombo.currentText() if made else ""
            return sending.ask(
                body,
                label=QCoreApplication.translate("UsagePages", "使用情况询问：%1").replace(
                    "%1", name
                ),
            )

        dialog = InquiryDialog(context=self.context, send=self.sender_for(build), parent=self)
        made.append(dialog)
        self.open_dialog(dialog, "ask")

    def run_action(self, action: str, row: Row) -> None:
        label = f"{P.action_text(self.ACTIONS, action)}：{row.get('entry_name')}"
        if action == "answer":
            self.reason_dialog(
                action, lambda body: sending.inquiry_action(row, "answer", body, label=label)
            )
        elif action == "withdraw":
            self.confirm_then(
                action, row, lambda _b: sending.inquiry_action(row, "withdraw", None, label=label)
            )
