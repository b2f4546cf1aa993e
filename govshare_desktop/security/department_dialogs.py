"""The dialogs of 部门管理 and 资源管理员备案: 新建部门 (name, short name, 统一社会信用代码
checked with govshare_core.creditcode as typed), 修改部门 (name, short name), and 备案 of a
department's resource administrator (第二十八条: a user of the department holding the
resource_admin role, a phone, a note)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QWidget

from govshare_core.creditcode import CHARSET, CODE_LENGTH
from govshare_core.schemas import DepartmentIn, ResourceAdminFilingIn
from govshare_core.security_schemas import DepartmentUpdate
from govshare_desktop.common.form_dialog import FormDialog, schema_errors
from govshare_desktop.common.object_list_page import named
from govshare_desktop.common.sending_dialog import Send
from govshare_desktop.context import AppContext
from govshare_desktop.security import presenter as P
from govshare_desktop.security import sending
from govshare_desktop.security.presenter import tr


def _texts() -> dict[str, str]:
    return {
        "name": tr("请填写部门名称，2 至 100 个字。"),
        "short_name": tr("简称不超过 30 个字。"),
        "user_id": tr("请选择本部门持有资源管理员角色的用户。"),
        "phone": tr("请填写联系电话，5 至 32 个字符。"),
        "note": tr("备注不超过 500 个字。"),
    }


class DepartmentDialog(FormDialog):
    """新建部门 (department None) or 修改部门 (name and short name; the credit code stays)."""

    PREFERRED_SIZE = QSize(560, 340)

    def __init__(
        self,
        *,
        context: AppContext,
        send: Send,
        department: dict[str, Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        title = tr("新建部门") if department is None else tr("修改部门")
        super().__init__(context=context, title=title, send=send, parent=parent)
        self.setObjectName("departmentDialog")
        self.department = department
        self.nameEdit = named(QLineEdit(str((department or {}).get("name") or "")), "nameEdit")
        self.shortNameEdit = named(
            QLineEdit(str((department or {}).get("short_name") or "")), "shortNameEdit"
        )
        self.creditCodeEdit = named(
            QLineEdit(str((department or {}).get("credit_code") or "")), "creditCodeEdit"
        )
        self.creditCodeEdit.setMaxLength(18)
        self.creditCodeEdit.setPlaceholderText(tr("18 位，如 11320600014160186X"))
        self.add_field("name", tr("部门名称"), self.nameEdit)
        self.add_field("short_name", tr("简称"), self.shortNameEdit)
        self.creditMessage = self.add_field(
            "credit_code", tr("统一社会信用代码"), self.creditCodeEdit
        )
        if department is not None:
            self.creditCodeEdit.setReadOnly(True)
        else:
            self.creditCodeEdit.textChanged.connect(self._live_credit_code)

    def _live_credit_code(self, text: str) -> None:
        """The code's problem as typed: a character outside GB 32100's set at once, the
        check character once all 18 are in (a short code only on 确定)."""
        code = text.strip().upper()
        shown = dict(self.errors.shown)
        shown.pop("credit_code", None)
        why = P.credit_code_message(code) if code else ""
        if why and (len(code) >= CODE_LENGTH or any(c not in CHARSET for c in code)):
            shown["credit_code"] = why
        self.errors.show(shown)

    def body(self) -> tuple[dict[str, Any], dict[str, str]]:
        name = self.nameEdit.text().strip()
        short = self.shortNameEdit.text().strip() or None
        if self.department is not None:
            body: dict[str, Any] = {}
            if name != self.department.get("name"):
                body["name"] = name
            if short != (self.department.get("short_name") or None):
                body["short_name"] = short
            errors = schema_errors(DepartmentUpdate, body, _texts())
            if not body and not errors:
                errors[""] = tr("没有修改任何内容。")
            return body, errors
        body = {
            "name": name,
            "short_name": short,
            "credit_code": self.creditCodeEdit.text().strip().upper(),
        }
        errors = schema_errors(DepartmentIn, body, _texts())
        errors.pop("credit_code", None)
        why = P.credit_code_message(str(body["credit_code"]))
        if why:
            errors["credit_code"] = why
        return body, errors


class FilingDialog(FormDialog):
    """备案 (第二十八条): the department's user holding resource_admin, a phone, a note; the
    department's earlier filing ends when this one is made."""

    PREFERRED_SIZE = QSize(580, 400)

    def __init__(
        self,
        *,
        context: AppContext,
        department: dict[str, Any],
        send: Send,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context=context, title=tr("资源管理员备案"), send=send, parent=parent)
        self.setObjectName("filingDialog")
        self.department = department
        intro = QLabel(str(department.get("name") or "") + "\n" + P.filing_rule())
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.userCombo = named(QComboBox(), "userCombo")
        self.phoneEdit = named(QLineEdit(), "phoneEdit")
        self.phoneEdit.setPlaceholderText(tr("如 0513-85000000"))
        self.noteEdit = named(QPlainTextEdit(), "noteEdit")
        self.noteEdit.setMaximumHeight(80)
        self.add_field("user_id", tr("资源管理员"), self.userCombo)
        self.add_field("phone", tr("联系电话"), self.phoneEdit)
        self.add_field("note", tr("备注"), self.noteEdit)
        client, department_id = context.client, int(department["id"])
        self.load(
            lambda _t: sending.department_users(client, department_id, "resource_admin"),
            self._fill_users,
        )

    def _fill_users(self, rows: list[dict[str, Any]]) -> None:
        self.userCombo.addItem(tr("（请选择）"), None)
        for row in rows:
            if row.get("active", True):
                self.userCombo.addItem(P.user_name(row), int(row["id"]))
        if self.userCombo.count() == 1:
            self.ui.errorLabel.setText(
                tr("本部门没有持有资源管理员角色的在用账号，请先在用户管理中授予角色。")
            )

    def select_user(self, user_id: int) -> None:
        self.userCombo.setCurrentIndex(max(self.userCombo.findData(user_id), 0))

    def body(self) -> tuple[dict[str, Any], dict[str, str]]:
        body = {
            "user_id": self.userCombo.currentData(),
            "phone": self.phoneEdit.text().strip(),
            "note": self.noteEdit.toPlainText().strip() or None,
        }
        return body, schema_errors(ResourceAdminFilingIn, body, _texts())
