"""用户管理 (the security admin, 三员分立, 第二十六条, 第三十三条): the accounts, paged and filtered
by department, role, state and text; the account's detail beside the list; 新建用户, 修改 (name,
roles), 停用 / 启用, 解锁 and 重置密码 (a temporary password the user must change at the next
sign-in).

What is offered on an account comes from govshare_core.separation: nothing on the admin's own
account, nothing on a security_admin or audit_admin account (shown read-only with the note that
the server's CLI manages them). Changes without a password go through the sync engine with
If-Match (a 412 drops the stale change and shows the account afresh); a new account's password
and a reset are sent at once, never kept in the outbox.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from govshare_desktop.api import security_paths as paths
from govshare_desktop.common.debounce import Debouncer
from govshare_desktop.common.object_list_page import ObjectListPage, named
from govshare_desktop.common.paged_model import Column, Row
from govshare_desktop.common.tables import ColumnDropper, ColumnSizer, Plan
from govshare_desktop.context import AppContext
from govshare_desktop.security import presenter as P
from govshare_desktop.security import sending
from govshare_desktop.security.form import confirm_box
from govshare_desktop.security.presenter import tr
from govshare_desktop.security.user_dialogs import (
    CreateUserDialog,
    EditUserDialog,
    ResetPasswordDialog,
)
from govshare_desktop.sync.engine import Done

SECURITY_ADMIN = frozenset({"security_admin"})


class UsersPage(ObjectListPage):
    DATA_KIND = "user"
    NEW_ROLES = SECURITY_ADMIN

    def __init__(self, *, context: AppContext, parent: QWidget | None = None) -> None:
        self.departments: dict[int, str] = {}
        self.department_rows: list[dict[str, Any]] = []
        self.ACTIONS = {a: tr(t) for a, t in P.USER_ACTIONS.items()}
        super().__init__(context=context, parent=parent)
        self.setObjectName("usersPage")
        ColumnDropper(
            self.table, widths=self.column_widths, optional=(1,), stretch=3, min_stretch=160
        )
        client = context.client
        context.run(lambda _t: sending.departments(client), success=self._fill_departments)

    # --- filters -------------------------------------------------------------------------------

    def build_filters(self, bar: QHBoxLayout) -> None:
        self.departmentCombo = named(QComboBox(), "departmentCombo")
        self.departmentCombo.addItem(tr("全部部门"), None)
        self.departmentCombo.setMaximumWidth(220)
        self.roleCombo = named(QComboBox(), "roleCombo")
        for title, code in P.role_choices():
            self.roleCombo.addItem(title, code)
        self.states = P.state_choices()
        self.stateCombo = named(QComboBox(), "stateCombo")
        for title, _query in self.states:
            self.stateCombo.addItem(title)
        self.searchEdit = named(QLineEdit(), "searchEdit")
        self.searchEdit.setPlaceholderText(tr("搜索用户名或姓名"))
        self.searchEdit.setClearButtonEnabled(True)
        self.searchEdit.setMaximumWidth(200)
        self.search = Debouncer(delay_ms=300, callback=lambda _v: self.reload(), parent=self)
        for widget in (
            QLabel(tr("部门")),
            self.departmentCombo,
            QLabel(tr("角色")),
            self.roleCombo,
            QLabel(tr("状态")),
            self.stateCombo,
            self.searchEdit,
        ):
            bar.addWidget(widget)
        self.departmentCombo.currentIndexChanged.connect(lambda _i: self.reload())
        self.roleCombo.currentIndexChanged.connect(lambda _i: self.reload())
        self.stateCombo.currentIndexChanged.connect(lambda _i: self.reload())
        self.searchEdit.textChanged.connect(self.search.push)

    def _fill_departments(self, rows: list[dict[str, Any]]) -> None:
        self.department_rows = rows
        self.departments.clear()  # in place: the 部门 column reads this dict
        self.departments.update({int(r["id"]): str(r["name"]) for r in rows})
        self.departmentCombo.blockSignals(True)
        for row in rows:
            self.departmentCombo.addItem(str(row["name"]), int(row["id"]))
        self.departmentCombo.blockSignals(False)
        sizer = self.table.findChild(ColumnSizer, "columnSizer")
        if sizer is not None:
            sizer.refit()  # the names are in now
        self.table.viewport().update()
        if self.current is not None:
            self.show_detail(self.current)

    def query(self) -> dict[str, Any]:
        params = dict(self.states[max(self.stateCombo.currentIndex(), 0)][1])
        locked = bool(params.pop("locked", False))
        self.model.set_filter(P.is_locked if locked else None)
        department = self.departmentCombo.currentData()
        if department is not None:
            params["department_id"] = int(department)
        role = self.roleCombo.currentData()
        if role:
            params["role"] = role
        text = self.searchEdit.text().strip()
        if text:
            params["q"] = text
        return params

    # --- what is listed ------------------------------------------------------------------------

    def columns(self) -> list[Column]:
        return P.user_columns(self.departments)

    def plans(self) -> list[Plan]:
        return P.user_plans()

    def list_path(self) -> str:
        return paths.users_path()

    def read_one(self, object_id: int) -> Row:
        return sending.user(self.context.client, object_id)

    def detail_html(self, row: Row) -> str:
        department = self.departments.get(int(row.get("department_id") or 0), "")
        return P.user_detail(
            row, department=department, me=self.context.user_id, my_roles=self.context.roles
        )

    def is_overdue(self, row: Row) -> bool:
        return False

    def show_detail(self, row: Row | None) -> None:
        super().show_detail(row)
        allowed = (
            set(P.user_actions(row, me=self.context.user_id, my_roles=self.context.roles))
            if row
            else set()
        )
        for action, button in self.action_buttons.items():
            button.setVisible(action in allowed)

    def action_text(self, action: str) -> str:
        return P.action_text(action)

    def done_text(self, action: str, row: Row) -> str:
        if action == "new":
            return tr("已创建用户：%1。用户首次登录时须修改临时密码。").replace(
                "%1", P.user_name(row)
            )
        return P.done_text(action, row)

    def object_name(self, row: Row) -> str:
        return P.user_name(row)

    def new_text(self) -> str:
        return QCoreApplication.translate("SecurityPages", "新建用户…")

    # --- actions -------------------------------------------------------------------------------

    def start_new(self) -> None:
        department = self.departmentCombo.currentData()
        dialog = CreateUserDialog(
            context=self.context,
            departments=self.department_rows,
            department_id=int(department) if department is not None else None,
            parent=self,
        )
        self.open_dialog(dialog, "new")

    def confirm_then(self, action: str, row: Row, build: Callable[[Any], Any]) -> None:
        """停用 / 启用 / 解锁, confirmed with what they do, then sent."""
        box = confirm_box(
            self,
            title=self.action_text(action),
            text=P.confirm_text(action, P.user_name(row)),
            button=self.action_text(action),
            then=lambda: self.send_now(action, build(None)),
        )
        self.active_dialog = box
        self.dialog_opened.emit(box)

    def run_action(self, action: str, row: Row) -> None:
        user_id = int(row["id"])
        label = f"{P.action_text(action)}：{P.user_name(row)}"

        def patch(body: Any) -> Any:
            version = self.latest_version(row)
            return sending.update_user(user_id, body, version=version, label=label)

        if action == "edit":
            edit = EditUserDialog(
                context=self.context, user=row, send=self.sender_for(patch, action), parent=self
            )
            self.open_dialog(edit, action)
        elif action == "reset":

            def reset(body: Any, done: Done) -> None:
                change = sending.reset_password(
                    user_id, str(body["new_password"]), version=self.latest_version(row)
                )
                sending.send_secret(self.context, change, self.checked_done(action, done))

            dialog = ResetPasswordDialog(context=self.context, user=row, send=reset, parent=self)
            self.open_dialog(dialog, action)
        elif action == "unlock":
            self.confirm_then(
                action,
                row,
                lambda _b: sending.unlock_user(
                    user_id, version=self.latest_version(row), label=label
                ),
            )
        elif action in ("disable", "enable"):
            self.confirm_then(action, row, lambda _b: patch({"active": action == "enable"}))
