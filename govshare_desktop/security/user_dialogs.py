"""The account dialogs of 用户管理: 新建用户 (username, full name, department, roles, a temporary
password), 修改 (full name, roles) and 重置密码 (a temporary password).

Each checks its body before sending and shows, under the field, which field is wrong and why:
the shape by the core's schema (UserIn), the roles by govshare_core.separation (a privileged
role is never offered: those accounts are the server CLI's), the password live, as typed, by
govshare_core.passwords against the platform's policy (GET /security/password-policy). The
platform's own field errors (422) land under the same fields.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QLabel, QLineEdit, QWidget

from govshare_core.schemas import UserIn
from govshare_core.vocab import Role
from govshare_desktop.common.form_dialog import FormDialog, schema_errors
from govshare_desktop.common.object_list_page import named
from govshare_desktop.common.sending_dialog import Send
from govshare_desktop.context import AppContext
from govshare_desktop.i18n import label
from govshare_desktop.security import presenter as P
from govshare_desktop.security import sending
from govshare_desktop.security.form import PasswordField
from govshare_desktop.security.presenter import tr

NOTE_STYLE = "color: #7a4f01;"


def _texts() -> dict[str, str]:
    return {
        "username": tr("用户名为 3 至 64 个字符，只能包含字母、数字和 _ . -。"),
        "full_name": tr("请填写姓名（不超过 64 个字）。"),
        "department_id": tr("请选择所属部门。"),
        "roles": tr("请至少选择一个角色。"),
    }


class RolesBox(QWidget):
    """One check box per role the desk may grant (two columns)."""

    def __init__(self, roles: Iterable[Role], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[str, QCheckBox] = {}
        for n, role in enumerate(roles):
            box = named(QCheckBox(label(role)), f"role_{role.value}")
            grid.addWidget(box, n // 2, n % 2)
            self.boxes[role.value] = box

    def checked(self) -> list[str]:
        return [code for code, box in self.boxes.items() if box.isChecked()]

    def set_checked(self, roles: Iterable[str]) -> None:
        held = set(roles)
        for code, box in self.boxes.items():
            box.setChecked(code in held)


def _roles_errors(roles: list[str]) -> dict[str, str]:
    problems = P.role_messages(roles)
    return {"roles": "；".join(problems)} if problems else {}


class _PasswordChecks:
    """Live password messages merged with the other fields' (last OK) messages."""

    errors: Any
    password: PasswordField
    field = "password"
    _others: dict[str, str]

    def _live(self) -> None:
        shown = dict(self._others)
        if self.password.text():
            problems = self.password.problems()
            if problems:
                shown[self.field] = "；".join(problems)
        self.errors.show(shown)


class CreateUserDialog(_PasswordChecks, FormDialog):
    """新建用户: the account is created with the temporary password and must change it at the
    first sign-in. Sent at once (a password never waits in the outbox)."""

    PREFERRED_SIZE = QSize(620, 560)

    def __init__(
        self,
        *,
        context: AppContext,
        departments: list[dict[str, Any]],
        department_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            context=context,
            title=tr("新建用户"),
            send=lambda body, done: sending.send_secret(
                context, sending.create_user(body or {}), done
            ),
            parent=parent,
        )
        self.setObjectName("createUserDialog")
        self._others = {}
        self.usernameEdit = named(QLineEdit(), "usernameEdit")
        self.usernameEdit.setPlaceholderText(tr("登录名，如 ga_registrar2（字母、数字、_ . -）"))
        self.fullNameEdit = named(QLineEdit(), "fullNameEdit")
        self.departmentCombo = named(QComboBox(), "departmentCombo")
        self.departmentCombo.addItem(tr("（请选择）"), None)
        self._fill_departments(departments, department_id)
        self.rolesBox = named(RolesBox(P.grantable_roles(context.roles)), "rolesBox")
        self.password = PasswordField(self)
        self.add_field("username", tr("用户名"), self.usernameEdit)
        self.add_field("full_name", tr("姓名"), self.fullNameEdit)
        self.add_field("department_id", tr("所属部门"), self.departmentCombo)
        self.add_field("roles", tr("角色"), self.rolesBox)
        message = self.add_field("password", tr("临时密码"), self.password)
        self.errors.bind("password", self.password.edit, message)
        note = QLabel(
            tr("安全管理员、审计管理员账号只能在服务器上用命令行创建（三员分立），此处不提供。")
        )
        note.setWordWrap(True)
        note.setStyleSheet(NOTE_STYLE)
        self.form.addRow("", note)
        self.password.changed.connect(self._live)
        self.usernameEdit.textChanged.connect(lambda t: self.password.set_username(t.strip()))
        client = context.client
        self.context.run(
            lambda _t: sending.password_policy(client),
            success=lambda row: self.password.set_policy(P.policy_of(row)),
        )
        if not departments:  # the page has not read them yet
            self.load(
                lambda _t: sending.departments(client),
                lambda rows: self._fill_departments(rows, department_id),
            )

    def _fill_departments(self, rows: list[dict[str, Any]], selected: int | None) -> None:
        for row in rows:
            self.departmentCombo.addItem(str(row["name"]), int(row["id"]))
        if selected is not None:
            self.departmentCombo.setCurrentIndex(max(self.departmentCombo.findData(selected), 0))

    def body(self) -> tuple[dict[str, Any], dict[str, str]]:
        body = {
            "username": self.usernameEdit.text().strip(),
            "full_name": self.fullNameEdit.text().strip(),
            "department_id": self.departmentCombo.currentData(),
            "roles": self.rolesBox.checked(),
            "password": self.password.text(),
        }
        errors = schema_errors(UserIn, body, _texts())
        errors.pop("password", None)  # the policy's reasons instead of the schema's
        errors.update(_roles_errors(body["roles"]) if body["roles"] else {})
        problems = self.password.problems()
        if problems:
            errors["password"] = "；".join(problems)
        self._others = {k: v for k, v in errors.items() if k != "password"}
        return body, errors


class EditUserDialog(FormDialog):
    """修改: the full name and the roles (a role change bumps the account's version)."""

    PREFERRED_SIZE = QSize(560, 380)

    def __init__(
        self,
        *,
        context: AppContext,
        user: dict[str, Any],
        send: Send,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context=context, title=tr("修改用户"), send=send, parent=parent)
        self.setObjectName("editUserDialog")
        self.user = user
        self.form.addRow(QLabel(P.user_name(user)))
        self.fullNameEdit = named(QLineEdit(str(user.get("full_name") or "")), "fullNameEdit")
        self.rolesBox = named(RolesBox(P.grantable_roles(context.roles)), "rolesBox")
        self.rolesBox.set_checked(user.get("roles") or [])
        self.add_field("full_name", tr("姓名"), self.fullNameEdit)
        self.add_field("roles", tr("角色"), self.rolesBox)

    def body(self) -> tuple[dict[str, Any], dict[str, str]]:
        body: dict[str, Any] = {}
        errors: dict[str, str] = {}
        name = self.fullNameEdit.text().strip()
        if not name or len(name) > 64:
            errors["full_name"] = _texts()["full_name"]
        elif name != self.user.get("full_name"):
            body["full_name"] = name
        roles = self.rolesBox.checked()
        if not roles:
            errors["roles"] = _texts()["roles"]
        elif set(roles) != set(self.user.get("roles") or []):
            errors.update(_roles_errors(roles))
            body["roles"] = roles
        if not errors and not body:
            errors[""] = tr("没有修改任何内容。")
        return body, errors


class ResetPasswordDialog(_PasswordChecks, FormDialog):
    """重置密码: a temporary password the user must change at the next sign-in; the platform
    ends the user's sessions. Sent at once (never kept in the outbox)."""

    PREFERRED_SIZE = QSize(560, 340)
    field = "new_password"

    def __init__(
        self,
        *,
        context: AppContext,
        user: dict[str, Any],
        send: Send,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context=context, title=tr("重置密码"), send=send, parent=parent)
        self.setObjectName("resetPasswordDialog")
        self._others = {}
        self.user = user
        self.form.addRow(QLabel(P.user_name(user)))
        self.password = PasswordField(self)
        self.password.set_username(str(user.get("username") or ""))
        message = self.add_field("new_password", tr("临时密码"), self.password)
        self.errors.bind("new_password", self.password.edit, message)
        note = QLabel(
            tr("用户下次登录时必须修改此密码；该用户已登录的会话将被结束。请通过安全渠道告知用户。")
        )
        note.setWordWrap(True)
        note.setStyleSheet(NOTE_STYLE)
        self.form.addRow("", note)
        self.password.changed.connect(self._live)
        client = context.client
        self.context.run(
            lambda _t: sending.password_policy(client),
            success=lambda row: self.password.set_policy(P.policy_of(row)),
        )

    def body(self) -> tuple[dict[str, Any], dict[str, str]]:
        problems = self.password.problems()
        errors = {"new_password": "；".join(problems)} if problems else {}
        return {"new_password": self.password.text()}, errors
