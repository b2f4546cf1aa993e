"""The main window: navigation by the user's roles, lazily created pages, status bar, menus."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from govshare_desktop import __version__
from govshare_desktop.context import AppContext
from govshare_desktop.home import presenter as home_presenter
from govshare_desktop.shell.navigation import HOME_KEY, all_page_specs, visible_groups
from govshare_desktop.shell.pages import PageSpec
from govshare_desktop.shell.status import SessionStatusBar

KEY_ROLE = Qt.ItemDataRole.UserRole + 1


class MainWindow(QMainWindow):
    """One signed-in session's window.

    Pages are created on first open (`PageSpec.factory(context)`) and kept in a stack. A page
    may define `show_object(kind: str, object_id: int)`; the home page's double-click calls it.

    Signals:
        logout_requested(): the user chose 注销.
        settings_requested(): the user chose 设置.
        page_opened(str): a page (by PageSpec key) became current.
    """

    logout_requested = Signal()
    settings_requested = Signal()
    page_opened = Signal(str)

    def __init__(
        self,
        *,
        context: AppContext,
        settings: QSettings,
        specs: list[PageSpec] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.settings = settings
        self.groups = visible_groups(
            specs if specs is not None else all_page_specs(), context.roles
        )
        self.specs = {s.key: s for _, pages in self.groups for s in pages}
        self.pages: dict[str, QWidget] = {}
        self.sync_engine: object | None = None  # set by the controller (govshare_desktop.sync)
        self.setWindowTitle(self.tr("GovShare 政务信息资源共享"))
        self._build()
        self._build_menus()
        self.status = SessionStatusBar(context=context, parent=self)
        self.setStatusBar(self.status)
        self.resize(1280, 800)
        self.restore_layout()
        self.open_page(HOME_KEY)

    # --- layout -----------------------------------------------------------------------------

    def _build(self) -> None:
        self.nav = QTreeWidget()
        self.nav.setHeaderHidden(True)
        self.nav.setRootIsDecorated(False)
        self.nav.setIndentation(12)
        self.nav.setMinimumWidth(180)
        self.nav.setObjectName("navigation")
        self.nav.setStyleSheet("QTreeWidget#navigation::item { padding: 5px 4px; }")
        for group, pages in self.groups:
            top = QTreeWidgetItem([group])
            top.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            self.nav.addTopLevelItem(top)
            for spec in pages:
                child = QTreeWidgetItem([spec.title])
                child.setData(0, KEY_ROLE, spec.key)
                top.addChild(child)
            top.setExpanded(True)
        self.nav.currentItemChanged.connect(self._on_nav_current_changed)

        self.stack = QStackedWidget()
        self.splitter = QSplitter()
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([220, 1060])
        self.setCentralWidget(self.splitter)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("文件(&F)"))
        settings = QAction(self.tr("设置(&S)…"), self)
        settings.setShortcut(QKeySequence.StandardKey.Preferences)
        settings.triggered.connect(self.settings_requested)
        file_menu.addAction(settings)
        file_menu.addSeparator()
        self.logout_action = QAction(self.tr("注销(&L)"), self)
        self.logout_action.triggered.connect(self.logout_requested)
        file_menu.addAction(self.logout_action)
        quit_action = QAction(self.tr("退出(&X)"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        help_menu = self.menuBar().addMenu(self.tr("帮助(&H)"))
        about = QAction(self.tr("关于 GovShare(&A)"), self)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

    # --- pages ------------------------------------------------------------------------------

    def page_keys(self) -> list[str]:
        """The keys of the pages in the navigation, in order."""
        return [s.key for _, pages in self.groups for s in pages]

    def open_page(self, key: str) -> QWidget | None:
        """Show the page `key` (creating it on first open); None if the user may not see it."""
        spec = self.specs.get(key)
        if spec is None:
            return None
        page = self.pages.get(key)
        if page is None:
            page = spec.factory(self.context)
            page.setObjectName(f"page:{key}")
            self.pages[key] = page
            self.stack.addWidget(page)
            if key == HOME_KEY and hasattr(page, "item_activated"):
                page.item_activated.connect(self._on_home_item_activated)
        self.stack.setCurrentWidget(page)
        self._select_nav(key)
        self.page_opened.emit(key)
        return page

    def current_key(self) -> str | None:
        page = self.stack.currentWidget()
        return next((k for k, p in self.pages.items() if p is page), None)

    def _select_nav(self, key: str) -> None:
        for i in range(self.nav.topLevelItemCount()):
            top = self.nav.topLevelItem(i)
            for j in range(top.childCount() if top is not None else 0):
                child = top.child(j) if top is not None else None
                if child is not None and child.data(0, KEY_ROLE) == key:
                    if self.nav.currentItem() is not child:
                        self.nav.setCurrentItem(child)

    def _on_nav_current_changed(self, current: QTreeWidgetItem | None, _prev: object) -> None:
        key = current.data(0, KEY_ROLE) if current is not None else None
        if key and key != self.current_key():
            self.open_page(str(key))

    def _on_home_item_activated(self, kind: str, object_id: int) -> None:
        key = home_presenter.target_page(kind)
        page = self.open_page(key) if key else None
        if page is None:
            self.statusBar().showMessage(self.tr("没有处理此事项的页面。"), 5000)
            return
        show = getattr(page, "show_object", None)
        if callable(show):
            show(kind, object_id)

    # --- layout memory ----------------------------------------------------------------------

    def restore_layout(self) -> None:
        geometry = self.settings.value("mainwindow/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        state = self.settings.value("mainwindow/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        splitter = self.settings.value("mainwindow/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)

    def save_layout(self) -> None:
        self.settings.setValue("mainwindow/geometry", self.saveGeometry())
        self.settings.setValue("mainwindow/state", self.saveState())
        self.settings.setValue("mainwindow/splitter", self.splitter.saveState())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        super().closeEvent(event)

    # --- help -------------------------------------------------------------------------------

    def about_text(self) -> str:
        return self.tr(
            "<h3>GovShare 政务信息资源共享</h3><p>版本 %1</p>"
            "<p>依据《南通市政务信息资源共享管理办法》的政务信息资源目录编制、"
            "共享申请与授权管理客户端。</p>"
        ).replace("%1", __version__)

    def show_about(self) -> None:
        box = QMessageBox(self)
        box.setWindowTitle(self.tr("关于 GovShare"))
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(self.about_text())
        box.setIconPixmap(self.windowIcon().pixmap(48, 48))
        box.open()


__all__ = ["MainWindow"]
