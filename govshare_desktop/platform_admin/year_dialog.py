"""确认本年安排: the platform admin confirms that a year's schedule is entered (the State
Council's notice as overrides), naming the notice (`PUT /workdays/years/{year}/confirmation`,
WorkdayYearIn). Confirming a confirmed year again updates the notice.

The notice is required although the platform takes none: the confirmation is audited and should
say what it rests on; and an empty note would equal an unconfirmed year's, so the outbox would
take a refused confirmation (409) for one already applied (sync.replay.already_applied compares
the body with the platform's object).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLineEdit, QWidget

from govshare_core.schemas import WorkdayYearIn
from govshare_desktop.common.form_dialog import FormDialog, schema_errors
from govshare_desktop.common.object_list_page import named
from govshare_desktop.common.sending_dialog import Send
from govshare_desktop.context import AppContext
from govshare_desktop.platform_admin.year_schedule import (
    YearStatus,
    confirm_intro,
    notice_title,
    tr,
)

NOTE_MAX = 200
"""WorkdayYearIn.note's limit."""


class ConfirmYearDialog(FormDialog):
    """The notice the year's overrides were entered from (文号 and title), then 确定."""

    PREFERRED_SIZE = QSize(600, 200)

    def __init__(
        self,
        *,
        context: AppContext,
        status: YearStatus,
        send: Send,
        parent: QWidget | None = None,
    ) -> None:
        title = tr("确认 %1 年工作日安排").replace("%1", str(status.year))
        super().__init__(context=context, title=title, send=send, parent=parent)
        self.setObjectName("confirmYearDialog")
        self.set_intro(confirm_intro(status))
        self.noteEdit = named(QLineEdit(), "noteEdit")
        self.noteEdit.setMaxLength(NOTE_MAX)
        example = tr("例如：国办发明电〔%1〕X号《%2》")
        self.noteEdit.setPlaceholderText(
            example.replace("%1", str(status.year - 1)).replace("%2", notice_title(status.year))
        )
        self.noteEdit.setText(status.note or "")
        self.add_field("note", tr("放假通知"), self.noteEdit)

    def body(self) -> tuple[dict[str, Any], dict[str, str]]:
        note = self.noteEdit.text().strip()
        body: dict[str, Any] = {"note": note}
        too_long = tr("放假通知不能超过 %1 个字。").replace("%1", str(NOTE_MAX))
        errors = schema_errors(WorkdayYearIn, body, {"note": too_long})
        if not note:
            errors["note"] = tr("请填写所依据的放假通知（文号或标题）。")
        return body, errors
