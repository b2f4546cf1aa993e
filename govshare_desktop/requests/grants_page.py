"""授权: the grants my department gives and receives, their expiry, and revocation with a reason
(第二十九条 column-level grants, 第三十条)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QTableView, QWidget

from govshare_core.vocab import GrantStatus, Role, ShareMode
from govshare_desktop.api.errors import ApiError
from govshare_desktop.common.offline import send_action
from govshare_desktop.common.paged_model import Column, PagedTableModel, Row
from govshare_desktop.common.uiload import load_form
from govshare_desktop.context import AppContext
from govshare_desktop.requests import lookups
from govshare_desktop.requests.dialogs import ReasonDialog
from govshare_desktop.requests.presenters import (
    can_revoke_grant,
    grant_expiry_info,
    label,
    label_of,
)
from govshare_desktop.requests.tables import (
    Capped,
    ColumnDropper,
    Fit,
    Plan,
    Stretch,
    compact_rows,
    size_columns,
)

PAGE_SIZE = 100
EXPIRING_BACKGROUND = QColor("#fff3c4")
DEPARTMENT_WIDTH = 130


def grant_columns() -> list[Column]:
    return [
        Column(
            "entry_name",
            QCoreApplication.translate("GrantsPage", "信息资源"),
            tooltip=lambda r: str(r.get("entry_name", "")),
        ),
        Column(
            "data_item",
            QCoreApplication.translate("GrantsPage", "信息项"),
            tooltip=lambda r: str(r.get("data_item", "")),
        ),
        Column(
            "provider_name",
            QCoreApplication.translate("GrantsPage", "提供部门"),
            tooltip=lambda r: str(r.get("provider_name")),
        ),
        Column(
            "consumer_name",
            QCoreApplication.translate("GrantsPage", "使用部门"),
            tooltip=lambda r: str(r.get("consumer_name")),
        ),
        Column(
            "share_mode",
            QCoreApplication.translate("GrantsPage", "共享模式"),
            lambda r: label_of(ShareMode, r.get("share_mode")),
        ),
        Column("valid_from", QCoreApplication.translate("GrantsPage", "生效日期")),
        Column("valid_until", QCoreApplication.translate("GrantsPage", "有效期至")),
        Column("_expiry", QCoreApplication.translate("GrantsPage", "剩余")),
        Column(
            "status",
            QCoreApplication.translate("GrantsPage", "状态"),
            lambda r: label_of(GrantStatus, r.get("status")),
        ),
        Column(
            "revoked_reason",
            QCoreApplication.translate("GrantsPage", "撤销理由"),
            tooltip=lambda r: str(r.get("revoked_reason") or ""),
        ),
    ]


def enrich_grants(rows: list[Row], names: dict[int, str], today: date) -> list[Row]:
    out = []
    for row in rows:
        info = grant_expiry_info(row, today)
        out.append(
            dict(
                row,
                provider_name=names.get(int(row["provider_department_id"]), ""),
                consumer_name=names.get(int(row["consumer_department_id"]), ""),
                _expiry=info.text,
                _expiring=info.expiring_soon,
            )
        )
    return out


def _row_role(row: Row, role: int) -> Any:
    if role == Qt.ItemDataRole.BackgroundRole and row.get("_expiring"):
        return QBrush(EXPIRING_BACKGROUND)
    return None


def column_plans() -> list[Plan]:
    """Grant columns sized to fit beside the navigation at 1280 px; long names elide."""
    dept = Capped(DEPARTMENT_WIDTH, ["南通市人力资源和社会保障局"])
    return [
        Stretch(),
        Capped(110, ["公民身份号码"]),
        dept,
        dept,
        Fit([label(m) for m in ShareMode]),
        Fit(["2026-12-31"]),
        Fit(["2026-12-31"]),
        Fit(
            [
                QCoreApplication.translate("SharePresenter", "剩 %1 天").replace("%1", "365"),
                QCoreApplication.translate("SharePresenter", "今日到期"),
                QCoreApplication.translate("SharePresenter", "已过期"),
            ]
        ),
        Fit([label(s) for s in GrantStatus]),
        Fit([]),  # 撤销理由: the last section stretches; the full text is the tooltip
    ]


class GrantsPage(QWidget):
    """Tabs of grants given / received (and all, for the platform admin) with revocation.

    Signals:
        revoked(object): a grant was revoked (the platform's GrantOut JSON).
        dialog_opened(object): the revocation reason dialog opened.
    """

    revoked = Signal(object)
    dialog_opened = Signal(object)

    def __init__(
        self, *, context: AppContext, sync: Any = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("grantsPage")
        self.context = context
        self._sync = sync
        self.ui = load_form("grants.ui", self)
        self.active_dialog: ReasonDialog | None = None
        self.models: dict[str, PagedTableModel] = {}
        sides = ["given", "received"]
        if context.has(Role.PLATFORM_ADMIN):
            sides.append("all")
        else:
            self.ui.tabWidget.removeTab(self.ui.tabWidget.indexOf(self.ui.allTab))
        for side in sides:
            model = PagedTableModel(
                fetch_page=None,
                columns=grant_columns(),
                page_size=PAGE_SIZE,
                runner=context.run,
                parent=self,
            )
            model.set_role_hook(_row_role)
            model.failed.connect(self._on_model_failed)
            view: QTableView = getattr(self.ui, f"{side}View")
            view.setModel(model)
            compact_rows(view)
            widths = size_columns(view, column_plans())
            # narrow windows drop 撤销理由, 生效日期 and 共享模式 before squeezing the names
            ColumnDropper(view, widths=widths, optional=(9, 5, 4), stretch=0, min_stretch=140)
            view.selectionModel().currentRowChanged.connect(self._on_selection_changed)
            self.models[side] = model
        self.ui.revokeButton.setVisible(context.has(Role.RESOURCE_ADMIN, Role.PLATFORM_ADMIN))
        self.ui.revokeButton.setEnabled(False)
        self.ui.tabWidget.currentChanged.connect(self._on_selection_changed)
        self.ui.refreshButton.clicked.connect(self.reload)
        self.ui.revokeButton.clicked.connect(self._on_revoke_button_clicked)
        context.data_changed.connect(self._on_context_data_changed)
        self.reload()

    def reload(self) -> None:
        context = self.context
        for side, model in self.models.items():

            def fetch(offset: int, limit: int, side: str = side) -> tuple[list[Row], int | None]:
                names = lookups.department_names(context)
                page = context.client.grants(side=side, offset=offset, limit=limit)
                return enrich_grants(list(page["items"]), names, date.today()), int(page["total"])

            model.reset(fetch)
        self.ui.statusLabel.setText("")

    def current_side(self) -> str:
        widget = self.ui.tabWidget.currentWidget()
        return {self.ui.givenTab: "given", self.ui.receivedTab: "received"}.get(widget, "all")

    def current_grant(self) -> Row | None:
        side = self.current_side()
        view: QTableView = getattr(self.ui, f"{side}View")
        index = view.currentIndex()
        return self.models[side].row_data(index.row()) if index.isValid() else None

    def select(self, side: str, row: int) -> None:
        self.ui.tabWidget.setCurrentWidget(getattr(self.ui, f"{side}Tab"))
        getattr(self.ui, f"{side}View").selectRow(row)

    def _on_selection_changed(self, *_args: Any) -> None:
        grant = self.current_grant()
        allowed = grant is not None and can_revoke_grant(
            grant, roles=self.context.roles, department_id=self.context.department_id
        )
        self.ui.revokeButton.setEnabled(allowed)

    def _on_revoke_button_clicked(self) -> None:
        grant = self.current_grant()
        if grant is None:
            return
        grant_id = int(grant["id"])
        label = (
            self.tr("撤销授权：%1 / %2")
            .replace("%1", str(grant.get("entry_name", "")))
            .replace("%2", str(grant.get("data_item", "")))
        )

        def send(body: dict[str, Any], done: Callable[[Any], None]) -> None:
            path = f"/api/v1/grants/{grant_id}/revoke"
            send_action(self.context, self, self._sync, "POST", path, body, label=label, done=done)

        dialog = ReasonDialog(
            context=self.context,
            title=self.tr("撤销授权"),
            prompt=self.tr("撤销“%1”对“%2”的授权，请说明理由：")
            .replace("%1", str(grant.get("consumer_name", "")))
            .replace("%2", f"{grant.get('entry_name')} / {grant.get('data_item')}"),
            send=send,
            parent=self,
        )
        dialog.sent.connect(self._on_dialog_sent)
        dialog.queued.connect(self._on_dialog_queued)
        self.active_dialog = dialog
        dialog.open()
        self.dialog_opened.emit(dialog)

    def _on_dialog_sent(self, answer: Any) -> None:
        self.ui.statusLabel.setText(self.tr("授权已撤销。"))
        self.revoked.emit(answer)
        for kind in ("grant", "request"):
            self.context.data_changed.emit(kind)

    def _on_dialog_queued(self, text: str) -> None:
        self.ui.statusLabel.setText(text)
        self.ui.revokeButton.setEnabled(False)

    def _on_context_data_changed(self, kind: str) -> None:
        if kind == "grant":
            self.reload()

    def _on_model_failed(self, exc: Exception) -> None:
        text = exc.message() if isinstance(exc, ApiError) else str(exc)
        self.ui.statusLabel.setText(self.tr("加载失败：%1").replace("%1", text))
