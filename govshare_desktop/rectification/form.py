"""The base of the 整改 page's form dialogs (common.form_dialog.FormDialog, sending through the
session's SyncEngine) and their messages for what the schemas refuse."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtWidgets import QLabel

from govshare_core.assessment import MAX_RECTIFICATION_WORKING_DAYS, MAX_TEXT_LENGTH
from govshare_desktop.common.form_dialog import FormDialog as BaseFormDialog
from govshare_desktop.common.form_dialog import schema_errors

MIN_TEXT = 2
"""The schemas' min_length of facts and measures."""


def _messages() -> dict[str, str]:
    days = str(MAX_RECTIFICATION_WORKING_DAYS)
    return {
        "department_id": QCoreApplication.translate("RectificationPage", "请选择整改部门。"),
        "article_item": QCoreApplication.translate(
            "RectificationPage", "请选择所违反的第三十六条条项。"
        ),
        "facts": QCoreApplication.translate("RectificationPage", "请填写问题事实，%1 至 %2 个字。"),
        "reason": QCoreApplication.translate("RectificationPage", "请填写内容，%1 至 %2 个字。"),
        "due_working_days": QCoreApplication.translate(
            "RectificationPage", "整改期限应为 1 至 %1 个工作日。"
        ).replace("%1", days),
    }


def field_errors(model: type[BaseModel], body: dict[str, Any]) -> dict[str, str]:
    """{field: why} of what the platform would refuse in `body` by its shape."""
    errors = schema_errors(model, body, _messages())
    limits = {"%1": str(MIN_TEXT), "%2": str(MAX_TEXT_LENGTH)}
    for field, text in errors.items():
        for mark, value in limits.items():
            text = text.replace(mark, value)
        errors[field] = text
    return errors


class FormDialog(BaseFormDialog):
    """The 整改 page's dialogs: the common form dialog, a little larger (long texts)."""

    PREFERRED_SIZE = QSize(640, 520)


def wrapped(label: QLabel) -> QLabel:
    label.setWordWrap(True)
    return label
