"""部门管理 and 资源管理员备案 (the security admin; 第二十八条): two pages over the departments.

部门管理 lists the departments (name, short name, 统一社会信用代码) and creates or renames them.
资源管理员备案 shows, for the department chosen in the list, its filings of resource
administrators (the one in force marked), files a new one (the earlier one then ends) or
withdraws the one in force. Changes go through the sync engine (If-Match on a department's
version; a 412 drops the stale change and shows the department afresh).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QWidget

from govshare_desktop.api.actions import departments_path
from govshare_desktop.api.errors import ApiError
from govshare_desktop.common.object_list_page import ObjectListPage, named
from govshare_desktop.common.outcome import OK, show_outcome
from govshare_desktop.common.paged_model import Column, Row
from govshare_desktop.common.tables import Plan
from govshare_desktop.context import AppContext
from govshare_desktop.security import presenter as P
from govshare_desktop.security import sending
from govshare_desktop.security.department_dialogs import DepartmentDialog, FilingDialog
from govshare_desktop.security.form import confirm_box
from govshare_desktop.security.presenter import tr

SECURITY_ADMIN = frozenset({"security_admin"})


class _DepartmentList(ObjectListPage):
    """The departments, filtered by name as loaded (the list is short: loaded whole)."""

    DATA_KIND = "department"

    def build_filters(self, bar: QHBoxLayout) -> None:
        self.searchEdit = named(QLineEdit(), "searchEdit")
        self.searchEdit.setPlaceholderText(tr("按名称、简称或信用代码筛选"))
        self.searchEdit.setClearButtonEnabled(True)
        self.searchEdit.setMinimumWidth(240)
        self.searchEdit.setMaximumWidth(300)
        self.searchEdit.textChanged.connect(self._on_search)
        bar.addWidget(self.searchEdit)

    def _on_search(self, text: str) -> None:
        words = text.strip().lower()
        if not words:
            self.model.set_filter(None)
            return
        self.model.set_filter(
            lambda r: any(
                words in str(r.get(k) or "").lower() for k in ("name", "short_name", "credit_code")
            )
        )

    def columns(self) -> list[Column]:
        return P.department_columns()

    def plans(self) -> list[Plan]:
        return P.department_plans()

    def list_path(self) -> str:
        return departments_path()

    def read_one(self, object_id: int) -> Row:
        return sending.department(self.context.client, object_id)

    def is_overdue(self, row: Row) -> bool:
        return False

    def object_name(self, row: Row) -> str:
        return str(row.get("name") or "")

    def offered(self, row: Row) -> set[str]:
        return set(self.ACTIONS)

    def show_detail(self, row: Row | None) -> None:
        super().show_detail(row)
        allowed = self.offered(row) if row is not None else set()
        for action, button in self.action_buttons.items():
            button.setVisible(action in allowed)


class DepartmentsPage(_DepartmentList):
    NEW_ROLES = SECURITY_ADMIN

    def __init__(self, *, context: AppContext, parent: QWidget | None = None) -> None:
        self.ACTIONS = {"edit": tr("修改…")}
        super().__init__(context=context, parent=parent)
        self.setObjectName("departmentsPage")

    def detail_html(self, row: Row) -> str:
        return P.department_detail(row)

    def action_text(self, action: str) -> str:
        return tr("修改部门") if action == "edit" else tr("新建部门")

    def done_text(self, action: str, row: Row) -> str:
        return tr("已保存部门：%1。").replace("%1", str(row.get("name") or ""))

    def new_text(self) -> str:
        return QCoreApplication.translate("SecurityPages", "新建部门…")

    def start_new(self) -> None:
        def build(body: Any) -> Any:
            label = tr("新建部门：%1").replace("%1", str(body.get("name") or ""))
            return sending.create_department(body, label=label)

        dialog = DepartmentDialog(
            context=self.context, send=self.sender_for(build, "new"), parent=self
        )
        self.open_dialog(dialog, "new")

    def run_action(self, action: str, row: Row) -> None:
        department_id = int(row["id"])

        def build(body: Any) -> Any:
            label = tr("修改部门：%1").replace("%1", str(row.get("name") or ""))
            version = self.latest_version(row)
            return sending.update_department(department_id, body, version=version, label=label)

        dialog = DepartmentDialog(
            context=self.context,
            department=row,
            send=self.sender_for(build, action),
            parent=self,
        )
        self.open_dialog(dialog, action)


class FilingsPage(_DepartmentList):
    """The filings of the department chosen in the list (read when it is chosen)."""

    def __init__(self, *, context: AppContext, parent: QWidget | None = None) -> None:
        self.ACTIONS = {"file": tr("备案资源管理员…"), "withdraw": tr("撤销备案")}
        self.filings: list[dict[str, Any]] = []
        self.names: dict[int, str] = {}
        self._filings_of: int | None = None
        super().__init__(context=context, parent=parent)
        self.setObjectName("filingsPage")
        self.splitter.setSizes([520, 590])  # the filings need the room, the list does not

    def columns(self) -> list[Column]:
        return P.department_columns()[:3]

    def plans(self) -> list[Plan]:
        return P.department_plans()[:3]

    def detail_html(self, row: Row) -> str:
        if self._filings_of != int(row["id"]):
            return P.filing_detail(row, [], {}) + f"<p>{tr('正在加载……')}</p>"
        return P.filing_detail(row, self.filings, self.names)

    def offered(self, row: Row) -> set[str]:
        if self._filings_of != int(row["id"]) or row.get("is_platform"):
            return set()
        return {"file", "withdraw"} if P.active_filing(self.filings) else {"file"}

    def show_detail(self, row: Row | None) -> None:
        super().show_detail(row)
        if row is not None and self._filings_of != int(row["id"]):
            self._load_filings(row)

    def _load_filings(self, row: Row) -> None:
        client, department_id = self.context.client, int(row["id"])

        def read(_t: Any) -> tuple[list[dict[str, Any]], dict[int, str]]:
            filings = sending.filings(client, department_id)
            users = sending.department_users(client, department_id)
            return filings, {int(u["id"]): P.user_name(u) for u in users}

        def done(result: tuple[list[dict[str, Any]], dict[int, str]]) -> None:
            current = self.current
            if current is None or int(current["id"]) != department_id:
                return  # another department was chosen meanwhile
            self.filings, self.names = result
            self._filings_of = department_id
            self.show_detail(current)

        def failed(exc: Exception) -> None:
            text = exc.message() if isinstance(exc, ApiError) else str(exc)
            self.detailView.setHtml(f"<p>{tr('加载失败：%1').replace('%1', text)}</p>")

        self.context.run(read, success=done, failure=failed)

    def refresh(self) -> None:
        self._filings_of = None
        super().refresh()

    def action_text(self, action: str) -> str:
        return str(self.ACTIONS.get(action) or action).rstrip("…")

    def done_text(self, action: str, row: Row) -> str:
        name = self.names.get(int(row.get("user_id") or 0), "")
        if action == "withdraw":
            return tr("已撤销备案：%1。").replace("%1", name)
        return (
            tr("已备案资源管理员：%1（%2）。")
            .replace("%1", name)
            .replace("%2", str(row.get("phone") or ""))
        )

    def after_action(self, action: str, answer: Any) -> None:
        """The answer is a filing, not a department: show the department's filings afresh."""
        department = self.current
        filing = answer if isinstance(answer, dict) else {}
        show_outcome(self.outcomeLabel, self.done_text(action, filing), OK)
        self._filings_of = None
        self.action_done.emit(action, answer)
        for kind in (self.DATA_KIND, "inbox"):
            self.context.data_changed.emit(kind)
        if department is not None:
            self.show_detail(department)

    def run_action(self, action: str, row: Row) -> None:
        department_id = int(row["id"])
        department = str(row.get("name") or "")
        if action == "file":

            def build(body: Any) -> Any:
                label = tr("资源管理员备案：%1").replace("%1", department)
                return sending.file_resource_admin(department_id, body, label=label)

            dialog = FilingDialog(
                context=self.context,
                department=row,
                send=self.sender_for(build, action),
                parent=self,
            )
            self.open_dialog(dialog, action)
        elif action == "withdraw":
            filing = P.active_filing(self.filings)
            if filing is None:
                return
            label = tr("撤销备案：%1").replace("%1", department)
            change = sending.withdraw_filing(department_id, int(filing["id"]), label=label)
            box = confirm_box(
                self,
                title=self.action_text(action),
                text=P.confirm_text(action, department),
                button=self.action_text(action),
                then=lambda: self.send_now(action, change),
            )
            self.active_dialog = box
            self.dialog_opened.emit(box)
