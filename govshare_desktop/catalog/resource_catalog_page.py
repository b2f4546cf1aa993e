"""资源目录 (第十四条–第十六条): every department's catalog entries, read-only, for the overseers —
the platform admin (信息化主管部门) and the supervisors (评估监督). Filters: search text,
department, status, share type; the platform pages, searches and sorts (GET /catalog/entries,
whose `sees_all` gives these roles every department). The detail is the entry as its 目录登记表
shows it (print_entry.py), with 打印… and 导出PDF….
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit

from govshare_core import clock
from govshare_core.vocab import EntryStatus, ShareType
from govshare_desktop.api import actions
from govshare_desktop.catalog import print_entry
from govshare_desktop.catalog.entry_list import status_colour
from govshare_desktop.catalog.presenter import status_label, time_column, value_column
from govshare_desktop.common.debounce import Debouncer
from govshare_desktop.common.object_list_page import ObjectListPage, named
from govshare_desktop.common.paged_model import Column, Row
from govshare_desktop.common.print_actions import SheetPrinting
from govshare_desktop.common.print_layout import Sheet
from govshare_desktop.common.tables import Fit, Plan, Stretch
from govshare_desktop.i18n import label, module_tr

SEARCH_DELAY_MS = 300


def tr(text: str) -> str:
    return module_tr("ResourceCatalogPage", text)


class ResourceCatalogPage(ObjectListPage):
    """ "catalog.resources": the whole resource catalog, read-only (no action buttons)."""

    DATA_KIND = "entry"

    def __init__(self, *, context: Any, parent: Any = None) -> None:
        super().__init__(context=context, parent=parent)
        self.setObjectName("resourceCatalogPage")
        self._search = Debouncer(
            delay_ms=SEARCH_DELAY_MS, callback=lambda _t: self.reload(), parent=self
        )
        self.searchEdit.textChanged.connect(self._search.push)
        self.model.set_role_hook(status_colour)
        self._load_departments()

    # --- filters -----------------------------------------------------------------------------

    def build_filters(self, bar: QHBoxLayout) -> None:
        self.searchEdit = named(QLineEdit(), "searchEdit")
        self.searchEdit.setPlaceholderText(tr("搜索名称、摘要、信息项、资源代码"))
        self.searchEdit.setClearButtonEnabled(True)
        self.searchEdit.setMaxLength(200)
        self.deptCombo = named(QComboBox(), "deptCombo")
        self.deptCombo.addItem(tr("全部部门"), None)
        self.deptCombo.setMinimumContentsLength(10)
        self.statusCombo = named(QComboBox(), "statusCombo")
        self.statusCombo.addItem(tr("全部状态"), None)
        for status in EntryStatus:
            self.statusCombo.addItem(label(status), status.value)
        self.typeCombo = named(QComboBox(), "typeCombo")
        self.typeCombo.addItem(tr("全部共享类型"), None)
        for kind in ShareType:
            self.typeCombo.addItem(label(kind), kind.value)
        bar.addWidget(self.searchEdit, 2)
        for combo in (self.deptCombo, self.statusCombo, self.typeCombo):
            bar.addWidget(combo)
            combo.currentIndexChanged.connect(lambda *_: self.reload())

    def query(self) -> dict[str, Any]:
        wanted = {
            "q": self.searchEdit.text().strip() or None,
            "department_id": self.deptCombo.currentData(),
            "status": self.statusCombo.currentData(),
            "share_type": self.typeCombo.currentData(),
        }
        return {k: v for k, v in wanted.items() if v is not None}

    def _load_departments(self) -> None:
        client = self.context.client
        self.context.run(lambda _t: client.departments(), success=self._on_departments)

    def _on_departments(self, items: list[dict[str, Any]]) -> None:
        combo = self.deptCombo
        combo.blockSignals(True)
        for dept in sorted(items, key=lambda d: str(d.get("name"))):
            if not dept.get("is_platform"):
                combo.addItem(str(dept["name"]), int(dept["id"]))
        combo.blockSignals(False)

    def select_department(self, department_id: int) -> None:
        index = self.deptCombo.findData(department_id)
        if index >= 0:
            self.deptCombo.setCurrentIndex(index)

    # --- the list ----------------------------------------------------------------------------

    def columns(self) -> list[Column]:
        return [
            Column(
                "name",
                tr("信息资源名称"),
                tooltip=lambda r: str(r.get("name", "")),
                server_sort=True,
            ),
            Column("department_name", tr("提供部门"), server_sort=True),
            Column("resource_code", tr("信息资源代码"), server_sort=True),
            Column(
                "status", tr("状态"), render=lambda r: status_label(r["status"]), server_sort=True
            ),
            value_column("share_type", tr("共享类型"), server_sort=True),
            time_column("updated_at", tr("更新时间"), server_sort=True),
        ]

    def plans(self) -> list[Plan]:
        return [
            Stretch(),
            Fit(["南通市市场监督管理局"]),
            Fit(["311010/000001"]),
            Fit([label(s) for s in EntryStatus]),
            Fit([label(t) for t in ShareType]),
            Fit(["2026-12-31 23:59"]),
        ]

    def list_path(self) -> str:
        return actions.entries_path()

    def is_overdue(self, row: Row) -> bool:
        return False

    # --- one entry ---------------------------------------------------------------------------

    def read_one(self, object_id: int) -> Row:
        """The entry and its snapshots (its status record)."""
        client = self.context.client
        entry = client.entry(object_id)
        entry["_snapshots"] = list(client.get(actions.entry_snapshots_path(object_id)))
        return entry

    def show_detail(self, row: Row | None) -> None:
        if row is not None and "data_items" not in row:  # a list row: read the whole entry
            self.current = row
            self.detailView.setHtml(
                "<p>" + tr("正在加载《%1》……").replace("%1", str(row.get("name", ""))) + "</p>"
            )
            self.printing.set_available(False)
            self.open_object(int(row["id"]))
            return
        super().show_detail(row)
        self.printing.set_available(row is not None)

    def detail_html(self, row: Row) -> str:
        return print_entry.entry_html(row, row.get("_snapshots") or [])

    def object_name(self, row: Row) -> str:
        return str(row.get("name") or "")

    def show_object(self, kind: str, object_id: int) -> bool:
        """An entry ("entry"): its detail (the list is left as it is)."""
        if kind not in ("entry", "catalog_entry"):
            return False
        return super().show_object(kind, object_id)

    # --- printing ----------------------------------------------------------------------------

    def build_extras(self, bar: QHBoxLayout) -> None:
        self.printing = SheetPrinting(self, bar, sheet_of=self._sheet, status=self._show_status)
        bar.addStretch(1)

    def _show_status(self, text: str) -> None:
        self.outcomeLabel.setText(text)
        self.outcomeLabel.show()

    def _sheet(self) -> tuple[Sheet, str] | None:
        row = self.current
        if row is None or "data_items" not in row:
            return None
        sheet = print_entry.entry_sheet(row, row.get("_snapshots") or [], clock.today())
        return sheet, print_entry.file_name(row)
