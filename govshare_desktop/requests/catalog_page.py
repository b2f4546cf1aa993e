"""共享目录 browser (第二十条, 第二十二条): lazy search over the share catalog, facets, the entry's
detail with its data items, and the way into a share request.

The table is a `PagedTableModel` over GET /catalog/share-catalog (server-side paging, Chinese
search and sorting: a header click); typing is debounced; the unfiltered first page is cached for
offline browsing. Columns: `tables.py`; search parameters and detail texts: `presenters.py`.

Issue 12: the 排序 choice (相关度 / 最新 / 名称, `lists.CATALOG_ORDERS`); the filter choices show
the platform's facet counts (GET /catalog/share-catalog/facets, loaded in the background after
each reload, "(1,234+)" when counted in part); the names' matches are painted by
`tables.HighlightDelegate` (spans from govshare_core.search_rank, `tables.HIGHLIGHT_ROLE`); 不予共享
entries are listed with a badge and a tooltip (第五条, 第二十五条: requests on a legal basis).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from govshare_core.vocab import ResourceClass, Role, ShareMode, ShareType, UpdateCycle
from govshare_desktop.api.errors import ApiError
from govshare_desktop.common.debounce import Debouncer
from govshare_desktop.common.finder import ObjectSeeker
from govshare_desktop.common.paged_model import MoreThan, PagedTableModel
from govshare_desktop.common.uiload import load_form
from govshare_desktop.context import AppContext
from govshare_desktop.i18n import label, time_text
from govshare_desktop.requests import lookups
from govshare_desktop.requests.lists import (
    CATALOG_ORDERS,
    SEARCH_DEBOUNCE_MS,
    catalog_facets,
    catalog_fetcher,
    facet_text,
    with_match_spans,
)
from govshare_desktop.requests.presenters import (
    detail_fields,
    match_offline,
    search_params,
)
from govshare_desktop.requests.request_form import RequestFormDialog
from govshare_desktop.requests.tables import (
    ColumnDropper,
    HighlightDelegate,
    catalog_column_plans,
    catalog_columns,
    catalog_row_role,
    compact_rows,
    enable_sorting,
    item_column_plans,
    item_columns,
    select_row,
    size_columns,
)
from govshare_desktop.tasks import run_in_background

PAGE_SIZE = 50
CACHE_NAME = "share_catalog"
BASE_LABEL_ROLE = Qt.ItemDataRole.UserRole + 1
"""A filter choice's label without its count."""


class ShareCatalogPage(QWidget):
    """Browse and search the share catalog; applicants open the request form from here.

    Signals:
        entry_loaded(object): the detail (CatalogEntryOut JSON) of the selected entry.
        request_dialog_opened(object): the RequestFormDialog just opened.
    """

    entry_loaded = Signal(object)
    request_dialog_opened = Signal(object)
    object_missing = Signal(str, int)

    def __init__(self, *, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shareCatalogPage")
        self.context = context
        self.ui = load_form("share_catalog.ui", self)
        self.entry: dict[str, Any] | None = None
        self.request_dialog: RequestFormDialog | None = None
        self.seeker = ObjectSeeker(self)
        self.offline_as_of: datetime | None = None
        self._detail_generation = 0
        self._facet_generation = 0
        self.facet_counts: dict[str, Any] | None = None
        """The last facet counts shown in the filter choices (lists.catalog_facets)."""
        self.model = PagedTableModel(
            fetch_page=None,
            columns=catalog_columns(),
            page_size=PAGE_SIZE,
            runner=context.run,
            parent=self,
        )
        self.items_model = PagedTableModel(fetch_page=None, columns=item_columns(), parent=self)
        self.debouncer = Debouncer(delay_ms=SEARCH_DEBOUNCE_MS, parent=self)
        self._setup_view()
        self._fill_facets()
        self._connect()
        self._show_detail(None)
        self.reload()
        self._load_departments()

    # --- setup -------------------------------------------------------------------------------

    def _setup_view(self) -> None:
        view = self.ui.tableView
        view.setModel(self.model)
        self.model.set_role_hook(catalog_row_role)
        self.highlighter = HighlightDelegate(view)
        view.setItemDelegateForColumn(0, self.highlighter)
        self._add_sort_combo()
        compact_rows(view)
        enable_sorting(view, on_unavailable=self.ui.countLabel.setText)
        widths = size_columns(view, catalog_column_plans())
        # narrow windows (1024 px) drop 更新周期, then 共享方式 before squeezing the names
        self.column_dropper = ColumnDropper(
            view, widths=widths, optional=(5, 4), stretch=0, min_stretch=150
        )
        items = self.ui.itemsView
        items.setModel(self.items_model)
        compact_rows(items)
        enable_sorting(items, on_unavailable=self.ui.detailStatusLabel.setText)
        size_columns(items, item_column_plans())
        splitter = self.ui.splitter
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([620, 380])  # the list gets a little more: it has six columns
        self.ui.applyButton.setVisible(self.context.has(Role.APPLICANT))

    def _add_sort_combo(self) -> None:
        """排序: 相关度 (with a search text; without one the platform lists newest first),
        最新, 名称. A header click sorts by its column instead until the next choice."""
        self.sortLabel = QLabel(self.tr("排序"), self)
        self.sortCombo = QComboBox(self)
        self.sortCombo.setObjectName("sortCombo")
        texts = {"relevance": self.tr("相关度"), "newest": self.tr("最新"), "name": self.tr("名称")}
        for order in CATALOG_ORDERS:
            self.sortCombo.addItem(texts[order], order)
        self.sortLabel.setBuddy(self.sortCombo)
        layout = self.ui.filterLayout
        at = layout.indexOf(self.ui.classCombo) + 1
        layout.insertWidget(at, self.sortLabel)
        layout.insertWidget(at + 1, self.sortCombo)

    def facet_combos(self) -> dict[str, QComboBox]:
        """The filter choices by the platform's facet (filter) name."""
        ui = self.ui
        return {
            "department_id": ui.deptCombo,
            "share_type": ui.typeCombo,
            "share_mode": ui.modeCombo,
            "update_cycle": ui.cycleCombo,
            "resource_class": ui.classCombo,
        }

    def _fill_facets(self) -> None:
        everything = self.tr("全部")
        self.ui.deptCombo.addItem(everything, None)
        for combo, members in (
            (self.ui.typeCombo, tuple(ShareType)),  # 不予共享 too: listed, flagged (第五条)
            (self.ui.modeCombo, tuple(ShareMode)),
            (self.ui.cycleCombo, tuple(UpdateCycle)),
            (self.ui.classCombo, tuple(ResourceClass)),
        ):
            combo.addItem(everything, None)
            for member in members:
                combo.addItem(label(member), member.value)
                combo.setItemData(combo.count() - 1, label(member), BASE_LABEL_ROLE)

    def _connect(self) -> None:
        ui = self.ui
        ui.searchEdit.textChanged.connect(self._on_search_edit_text_changed)
        self.sortCombo.currentIndexChanged.connect(self._on_sort_combo_changed)
        self.debouncer.fired.connect(self._on_debouncer_fired)
        for combo in (ui.deptCombo, ui.typeCombo, ui.modeCombo, ui.cycleCombo, ui.classCombo):
            combo.currentIndexChanged.connect(self._on_facet_changed)
        self.model.page_loaded.connect(self._on_model_page_loaded)
        self.model.failed.connect(self._on_model_failed)
        ui.tableView.selectionModel().currentRowChanged.connect(self._on_table_current_changed)
        ui.applyButton.clicked.connect(self._on_apply_button_clicked)
        self.context.data_changed.connect(self._on_context_data_changed)

    def _load_departments(self) -> None:
        context = self.context
        # local fallback inside: a cached answer must not flag the platform as reachable
        run_in_background(lambda task: lookups.departments(context), success=self._on_departments)

    def _on_departments(self, items: list[dict[str, Any]]) -> None:
        combo = self.ui.deptCombo
        current = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for dept in sorted(items, key=lambda d: str(d.get("name"))):
            if not dept.get("is_platform"):
                combo.addItem(str(dept["name"]), int(dept["id"]))
                combo.setItemData(combo.count() - 1, str(dept["name"]), BASE_LABEL_ROLE)
        combo.setCurrentIndex(max(combo.findData(current), 0))
        combo.blockSignals(False)
        if self.facet_counts is not None:
            self._show_facets(self.facet_counts)

    # --- search ------------------------------------------------------------------------------

    def filters(self) -> dict[str, Any]:
        ui = self.ui
        return {
            "department_id": ui.deptCombo.currentData(),
            "share_type": ui.typeCombo.currentData(),
            "share_mode": ui.modeCombo.currentData(),
            "update_cycle": ui.cycleCombo.currentData(),
            "resource_class": ui.classCombo.currentData(),
        }

    def search_text(self) -> str:
        return str(self.ui.searchEdit.text())

    def sort_order(self) -> str:
        """The chosen order (lists.CATALOG_ORDERS)."""
        return str(self.sortCombo.currentData())

    def reload(self) -> None:
        """Start the listing over with the current search text, filters and order; the facet
        counts follow in the background."""
        params = search_params(self.search_text(), self.filters())
        order = self.sort_order()
        self._cacheable = not params and order != "name"
        self.ui.countLabel.setText(self.tr("正在加载……"))
        self.model.reset(catalog_fetcher(self.context, params, order))
        self._load_facets(params)

    def _load_facets(self, params: dict[str, Any]) -> None:
        self._facet_generation += 1
        generation, context = self._facet_generation, self.context

        def done(counts: dict[str, Any]) -> None:
            if generation == self._facet_generation:
                self.facet_counts = counts
                self._show_facets(counts)

        # a failure (offline, an older platform) leaves the choices without counts
        self.context.run(
            lambda _t: catalog_facets(context, params), success=done, failure=lambda _e: None
        )

    def _show_facets(self, counts: dict[str, Any]) -> None:
        exact = bool(counts.get("exact", True))
        for key, combo in self.facet_combos().items():
            values = counts.get(key, {})
            for i in range(1, combo.count()):
                base = combo.itemData(i, BASE_LABEL_ROLE)
                if base is not None:
                    found = values.get(str(combo.itemData(i)))
                    combo.setItemText(i, facet_text(str(base), found, exact=exact))

    def _on_sort_combo_changed(self, _index: int) -> None:
        header = self.ui.tableView.horizontalHeader()
        if self.model.sort_column >= 0 or self.model.server_sort is not None:
            header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the choice wins
        self.debouncer.cancel()
        self.reload()

    def _on_search_edit_text_changed(self, text: str) -> None:
        self.debouncer.push(text)

    def _on_debouncer_fired(self, _text: Any) -> None:
        self.reload()

    def _on_facet_changed(self, _index: int) -> None:
        self.debouncer.cancel()
        self.reload()

    def _on_model_page_loaded(self, loaded: int, total: Any) -> None:
        self.offline_as_of = None
        self.ui.asOfLabel.setText("")
        if total is None or loaded == 0:
            self.ui.countLabel.setText(self.tr("没有符合条件的资源。"))
        elif isinstance(total, MoreThan):  # the platform stopped counting: a bound
            self.ui.countLabel.setText(
                self.tr("超过 %1 条资源，已显示 %2 条")
                .replace("%1", f"{int(total):,}")
                .replace("%2", f"{loaded:,}")
            )
        else:
            self.ui.countLabel.setText(
                self.tr("共 %1 条资源，已显示 %2 条")
                .replace("%1", f"{int(total):,}")
                .replace("%2", f"{loaded:,}")
            )
        if self._cacheable and loaded <= PAGE_SIZE:
            rows, store = self.model.rows(), self.context.store
            run_in_background(lambda task: store.cache_put(CACHE_NAME, {"items": rows}))

    def _on_model_failed(self, exc: Exception) -> None:
        if isinstance(exc, ApiError) and exc.is_network:
            store = self.context.store
            run_in_background(lambda task: store.cache_get(CACHE_NAME), success=self._on_cache)
            return
        text = exc.message() if isinstance(exc, ApiError) else str(exc)
        self.ui.countLabel.setText(self.tr("加载失败：%1").replace("%1", text))

    def _on_cache(self, cached: Any) -> None:
        if not cached:
            self.ui.countLabel.setText(self.tr("无法连接共享平台，且本机没有缓存的共享目录。"))
            return
        data, as_of = cached
        q, filters = self.search_text(), self.filters()
        rows = [r for r in data.get("items", []) if match_offline(r, q, filters)]
        rows = with_match_spans(rows, q.strip() or None)
        self.offline_as_of = as_of
        self.model.set_rows(rows)
        self.ui.countLabel.setText(self.tr("离线浏览：%1 条").replace("%1", str(len(rows))))
        self.ui.asOfLabel.setText(
            self.tr("（缓存数据，截至 %1）").replace("%1", time_text(as_of.isoformat()))
        )

    def _on_context_data_changed(self, kind: str) -> None:
        if kind == "entry":
            self.reload()

    def refresh(self) -> None:
        """视图 → 刷新 (F5) (RefreshablePage)."""
        self.reload()

    def focus_search(self) -> None:
        """编辑 → 查找 (Ctrl+F) (SearchablePage)."""
        self.ui.searchEdit.setFocus()
        self.ui.searchEdit.selectAll()

    def save_draft(self) -> bool:
        """文件 → 保存草稿 (Ctrl+S): the open request form's draft (DraftPage)."""
        dialog = self.request_dialog
        try:
            visible = dialog is not None and dialog.isVisible()
        except RuntimeError:
            visible = False
        return bool(visible and dialog is not None and dialog.save_draft())

    # --- opening an object (shell ObjectPage) ------------------------------------------------

    def show_object(self, kind: str, object_id: int) -> bool:
        """A catalog entry ("entry"): search the share catalog for it (by its resource code,
        else its name), select it and show its detail. False for other kinds."""
        if kind != "entry":
            return False
        self.seeker.cancel()
        client = self.context.client

        def found_entry(entry: dict[str, Any]) -> None:
            ui = self.ui
            for combo in (ui.deptCombo, ui.typeCombo, ui.modeCombo, ui.cycleCombo, ui.classCombo):
                combo.blockSignals(True)
                combo.setCurrentIndex(0)
                combo.blockSignals(False)
            ui.searchEdit.blockSignals(True)
            ui.searchEdit.setText(str(entry.get("resource_code") or entry.get("name") or ""))
            ui.searchEdit.blockSignals(False)
            self.debouncer.cancel()
            self.reload()
            self.seeker.seek(
                self.model,
                object_id,
                found=self.select_row,
                missing=lambda: self._object_missing(object_id),
            )

        self.context.run(
            lambda _t: client.entry(object_id),
            success=found_entry,
            failure=lambda _e: self._object_missing(object_id),
        )
        return True

    def _object_missing(self, entry_id: int) -> None:
        self.ui.countLabel.setText(
            self.tr("编号 %1 的目录不在共享目录中。").replace("%1", str(entry_id))
        )
        self.object_missing.emit("entry", entry_id)

    # --- detail ------------------------------------------------------------------------------

    def select_row(self, row: int) -> None:
        select_row(self.ui.tableView, row)

    def _on_table_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        summary = self.model.row_data(current.row())
        self._detail_generation += 1
        generation = self._detail_generation
        self.ui.detailStatusLabel.setText(self.tr("正在加载详情……"))
        self.ui.applyButton.setEnabled(False)
        client, store, entry_id = self.context.client, self.context.store, int(summary["id"])

        def op(task: Any) -> dict[str, Any]:
            name = f"share_entry:{entry_id}"
            try:
                entry = client.entry(entry_id)
            except ApiError as exc:
                cached = store.cache_get(name) if exc.is_network else None
                if not cached:
                    raise
                return dict(cached[0])
            store.cache_put(name, entry)
            return entry

        def done(entry: dict[str, Any]) -> None:
            if generation == self._detail_generation:
                self._show_detail(entry)

        def failed(exc: Exception) -> None:
            if generation == self._detail_generation:
                text = exc.message() if isinstance(exc, ApiError) else str(exc)
                self.ui.detailStatusLabel.setText(text)

        self.context.run(op, success=done, failure=failed)

    def _show_detail(self, entry: dict[str, Any] | None) -> None:
        self.entry = entry
        ui = self.ui
        ui.emptyLabel.setVisible(entry is None)
        ui.detailScroll.setVisible(entry is not None)
        ui.applyButton.setEnabled(entry is not None)
        ui.detailStatusLabel.setText("")
        if entry is None:
            return
        for name, text in detail_fields(entry).items():
            getattr(ui, f"{name}Value").setText(text)
        kind = entry.get("share_type")
        items = [dict(i, share_type=i.get("share_type") or kind) for i in entry["data_items"]]
        self.items_model.set_rows(items)
        self.entry_loaded.emit(entry)

    # --- applying ----------------------------------------------------------------------------

    def _on_apply_button_clicked(self) -> None:
        if self.entry is not None:
            self.open_request_form(self.entry)

    def open_request_form(self, entry: Mapping[str, Any]) -> RequestFormDialog:
        dialog = RequestFormDialog(context=self.context, entry=entry, parent=self)
        self.request_dialog = dialog
        dialog.open()
        self.request_dialog_opened.emit(dialog)
        return dialog
