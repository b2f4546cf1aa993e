"""待签协议: the three-party agreements (三方数据保密协议, 第三十条) of the user's department, with
the viewer stacked behind the list (double-click a row, or a to-do, opens it) and 验证文件… to
check any agreement PDF from disk.

The list is lazy (PagedTableModel, pages of GET /agreements); the agreement, its PDF, the
platform CA and this computer's keys are read in the background; the CA certificate is cached
in the offline store, so a PDF from disk can be verified offline too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QFileDialog, QWidget

from govshare_desktop.agreements import presenter, signing_flow
from govshare_desktop.agreements.agreement_actions import AgreementActions
from govshare_desktop.agreements.signing_flow import KeyOption
from govshare_desktop.agreements.viewer import AgreementViewer
from govshare_desktop.api.errors import ApiError
from govshare_desktop.common.deadlines import OVERDUE
from govshare_desktop.common.outcome import clear_outcome
from govshare_desktop.common.paged_model import PagedTableModel, Row
from govshare_desktop.common.tables import ColumnDropper, compact_rows, size_columns
from govshare_desktop.common.uiload import load_form
from govshare_desktop.context import AppContext
from govshare_desktop.credentials import PassphraseVault
from govshare_desktop.tasks import Task

PAGE_SIZE = 50
CA_CACHE = "pki:ca.pem"
"""The offline store's cache entry of the platform CA certificate (PEM text)."""
LIST, VIEWER = 0, 1

Loaded = tuple[dict[str, Any], bytes, bytes | None, list[KeyOption]]


def _row_role(row: Row, role: int) -> Any:
    if role == Qt.ItemDataRole.ForegroundRole and presenter.is_overdue(row):
        return QBrush(OVERDUE)
    return None


def platform_ca(context: AppContext) -> bytes | None:
    """The platform CA certificate: fetched, and cached for offline use; the cached copy when
    the platform is unreachable; None when neither (background pool)."""
    try:
        pem = context.client.platform_ca_pem()
    except ApiError as exc:
        if not exc.is_network:
            raise
        cached = context.store.cache_get(CA_CACHE)
        return str(cached[0]).encode("ascii") if cached else None
    context.store.cache_put(CA_CACHE, pem.decode("ascii"))
    return pem


class AgreementsPage(QWidget):
    """The list of agreements and, stacked behind it, the viewer.

    Signals:
        agreement_loaded(object): an agreement opened in the viewer (AgreementOut JSON).
        file_loaded(str): a PDF from disk opened in the viewer (its path).
        action_done(str, object): "sign", "decline", "platform_sign" and the platform's answer.
        action_queued(str, str): an action kept in the outbox and what the user was told.
        dialog_opened(object): a dialog or confirmation opened.
    """

    agreement_loaded = Signal(object)
    file_loaded = Signal(str)
    action_done = Signal(str, object)
    action_queued = Signal(str, str)
    dialog_opened = Signal(object)

    def __init__(self, *, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agreementsPage")
        self.context = context
        self.ui = load_form("agreements.ui", self)
        self.ca_pem: bytes | None = None
        self._generation = 0
        self.viewer = AgreementViewer(parent=self.ui.viewerPage)
        self.ui.viewerPage.layout().addWidget(self.viewer)
        self.action_panel = AgreementActions(context=context, viewer=self.viewer, parent=self)
        self.model = PagedTableModel(
            fetch_page=None,
            columns=presenter.agreement_columns(),
            page_size=PAGE_SIZE,
            runner=context.run,
            parent=self,
        )
        self.model.set_role_hook(_row_role)
        self._setup()
        self._connect()
        self.reload()

    @property
    def active_dialog(self) -> QWidget | None:
        return self.action_panel.active_dialog

    def _setup(self) -> None:
        ui = self.ui
        self.filters = presenter.list_filters(self.context.roles)
        for choice in self.filters:
            ui.filterCombo.addItem(choice.title)
        view = ui.tableView
        view.setModel(self.model)
        compact_rows(view)
        widths = size_columns(view, presenter.agreement_column_plans())
        # narrow windows drop 提供部门, then 使用部门 before squeezing the resource names
        ColumnDropper(view, widths=widths, optional=(2, 1), stretch=0, min_stretch=160)
        ui.openButton.setEnabled(False)

    def _connect(self) -> None:
        ui = self.ui
        ui.filterCombo.currentIndexChanged.connect(lambda _i: self.reload())
        ui.refreshButton.clicked.connect(self.refresh)
        ui.verifyButton.clicked.connect(self._on_verify_button_clicked)
        ui.openButton.clicked.connect(self._on_open_button_clicked)
        ui.tableView.doubleClicked.connect(self._on_table_double_clicked)
        ui.tableView.selectionModel().currentRowChanged.connect(
            lambda current, _previous: ui.openButton.setEnabled(current.isValid())
        )
        self.model.page_loaded.connect(self._on_model_page_loaded)
        self.model.failed.connect(self._on_model_failed)
        self.viewer.back_requested.connect(self.show_list)
        self.action_panel.done.connect(self._on_actions_done)
        self.action_panel.queued.connect(self.action_queued)
        self.action_panel.opened.connect(self.dialog_opened)
        self.action_panel.keys_changed.connect(self._on_keys_changed)
        self.context.data_changed.connect(self._on_context_data_changed)

    # --- the list ----------------------------------------------------------------------------

    def current_filter(self) -> presenter.ListFilter:
        return self.filters[max(self.ui.filterCombo.currentIndex(), 0)]

    def reload(self) -> None:
        self.ui.statusLabel.setText(self.tr("正在加载……"))
        choice = self.current_filter()
        self.model.reset(presenter.agreement_fetcher(self.context.client, choice.params))
        self.model.set_filter(presenter.may_sign_now if choice.mine else None)

    def refresh(self) -> None:
        """视图 → 刷新 (F5): the list, and the open agreement."""
        self.reload()
        agreement = self.viewer.agreement
        if self.ui.stack.currentIndex() == VIEWER and agreement is not None:
            self.open_agreement(int(agreement["id"]))

    def _on_model_page_loaded(self, _loaded: int, _total: Any) -> None:
        self._show_count()

    def _show_count(self) -> None:
        mine = self.current_filter().mine
        total = self.model.rowCount() if mine else (self.model.total or 0)
        if total:
            self.ui.statusLabel.setText(self.tr("共 %1 份").replace("%1", str(total)))
        elif mine:
            self.ui.statusLabel.setText(self.tr("没有等待您签署的协议。"))
        else:
            self.ui.statusLabel.setText(self.tr("没有协议。"))

    def _on_model_failed(self, exc: Exception) -> None:
        self.ui.statusLabel.setText(exc.message() if isinstance(exc, ApiError) else str(exc))

    def row_index(self, agreement_id: int) -> int:
        for i, row in enumerate(self.model.rows()):
            if int(row["id"]) == agreement_id:
                return i
        return -1

    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_agreement(int(self.model.row_data(index.row())["id"]))

    def _on_open_button_clicked(self) -> None:
        index = self.ui.tableView.currentIndex()
        self._on_table_double_clicked(index)

    def show_list(self) -> None:
        self.ui.stack.setCurrentIndex(LIST)

    # --- one agreement -----------------------------------------------------------------------

    def show_object(self, kind: str, object_id: int) -> bool:
        """A to-do (an agreement to sign) opens its agreement in the viewer (ObjectPage)."""
        self.open_agreement(object_id)
        return True

    def open_agreement(self, agreement_id: int) -> None:
        """Read the agreement, its PDF, the CA and this computer's keys; then show them."""
        self._generation += 1
        generation = self._generation
        context, page = self.context, self
        profile = context.profile_name
        username = str(context.me["user"]["username"])
        self.ui.statusLabel.setText(self.tr("正在打开协议……"))

        def op(_task: Task) -> Loaded:
            agreement = context.client.agreement(agreement_id)
            pdf = context.client.agreement_pdf(agreement_id)
            ca = page.ca_pem or platform_ca(context)
            options = signing_flow.key_options(profile, username, vault=PassphraseVault())
            return agreement, pdf, ca, options

        def done(loaded: Loaded) -> None:
            if generation == self._generation:
                self._show_agreement(*loaded)

        def failed(exc: Exception) -> None:
            if generation == self._generation:
                text = exc.message() if isinstance(exc, ApiError) else str(exc)
                self.ui.statusLabel.setText(self.tr("无法打开协议：%1").replace("%1", text))

        context.run(op, success=done, failure=failed)

    def _show_agreement(
        self, agreement: dict[str, Any], pdf: bytes, ca: bytes | None, options: list[KeyOption]
    ) -> None:
        self.ca_pem = ca or self.ca_pem
        self._show_count()
        row = self.row_index(int(agreement["id"]))
        if row >= 0:  # back in the list, the agreement is the current row
            self.ui.tableView.selectRow(row)
        shown = self.viewer.agreement
        if shown is None or shown.get("id") != agreement.get("id"):
            clear_outcome(self.viewer.ui.outcomeLabel)  # the last action's outcome stays
        self.viewer.show_agreement(agreement, pdf, ca)
        self.action_panel.show_for(agreement, options)
        self.ui.stack.setCurrentIndex(VIEWER)
        self.agreement_loaded.emit(agreement)

    def _on_actions_done(self, action: str, answer: Any) -> None:
        self.action_done.emit(action, answer)
        if isinstance(answer, dict) and "id" in answer:
            self.open_agreement(int(answer["id"]))  # the new revision, signed or declined

    def _on_keys_changed(self) -> None:
        if self.viewer.agreement is not None:
            self.open_agreement(int(self.viewer.agreement["id"]))

    def _on_context_data_changed(self, kind: str) -> None:
        if kind in ("agreement", "request", "inbox"):
            self.reload()

    # --- a PDF from disk ---------------------------------------------------------------------

    def verify_file(self, path: Path) -> None:
        """Show a PDF from disk with what its signatures say (checked against the platform CA,
        cached for offline use)."""
        context, page = self.context, self

        def op(_task: Task) -> tuple[bytes, bytes | None]:
            return path.read_bytes(), page.ca_pem or platform_ca(context)

        def done(result: tuple[bytes, bytes | None]) -> None:
            pdf, ca = result
            self.ca_pem = ca or self.ca_pem
            clear_outcome(self.viewer.ui.outcomeLabel)
            self.viewer.show_file(path.name, pdf, ca)
            self.ui.stack.setCurrentIndex(VIEWER)
            self.file_loaded.emit(str(path))

        def failed(exc: Exception) -> None:
            text = exc.message() if isinstance(exc, ApiError) else str(exc)
            self.ui.statusLabel.setText(self.tr("无法打开文件：%1").replace("%1", text))

        context.run(op, success=done, failure=failed)

    def _on_verify_button_clicked(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, self.tr("验证协议文件"), "", self.tr("PDF 文件 (*.pdf)")
        )
        if name:
            self.verify_file(Path(name))
