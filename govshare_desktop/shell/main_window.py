"""The main window: navigation by the user's roles, lazily created pages, status bar, menus,
toolbar and shortcuts (shell/actions.py), and opening a to-do's object (shell/todo.py)."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QByteArray, QRect, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from govshare_desktop.common import sizing as screen
from govshare_desktop.context import AppContext
from govshare_desktop.shell import help as shell_help
from govshare_desktop.shell.actions import build_actions
from govshare_desktop.shell.navigation import HOME_KEY, all_page_specs, page_icon, visible_groups
from govshare_desktop.shell.pages import (
    NEW_ENTRY_ROLES,
    DraftPage,
    PageSpec,
    RefreshablePage,
    SearchablePage,
    todo_target,
)
from govshare_desktop.shell.status import SessionStatusBar
from govshare_desktop.shell.todo import Opened, open_object

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
NEW_ENTRY_PAGE = "catalog.mine"
STATUS_MS = 8000


class MainWindow(QMainWindow):
    """One signed-in session's window.

    Pages are created on first open (`PageSpec.factory(context)`) and kept in a stack. What the
    window asks of a page (show a to-do's object, refresh, focus the search box, save a draft,
    start a new entry) is in the protocols of shell/pages.py. Form windows a page opens (an
    entry form, a request form) are DraftPages too: Ctrl+S here saves the one used last.

    Signals:
        logout_requested(): the user chose 注销.
        settings_requested(): the user chose 设置.
        change_password_requested(): the user chose 修改密码.
        notification_settings_requested(): the user chose 通知设置 (shell/notify.py).
        page_opened(str): a page (by PageSpec key) became current.
    """

    logout_requested = Signal()
    settings_requested = Signal()
    change_password_requested = Signal()
    notification_settings_requested = Signal()
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
        self._draft_windows: list[QWidget] = []  # form windows with a draft, used last: last
        self.guide: shell_help.UserGuideDialog | None = None
        self.about_box: QMessageBox | None = None
        self.setWindowTitle(self.tr("GovShare 政务信息资源共享"))
        self._build()
        self.actions_by_name: dict[str, QAction] = build_actions(self, context.roles)
        self.logout_action = self.actions_by_name["logout"]
        self.status = SessionStatusBar(context=context, parent=self)
        self.setStatusBar(self.status)
        self.restore_layout()
        self.open_page(HOME_KEY)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_app_focus_changed)

    # --- layout -----------------------------------------------------------------------------

    def _build(self) -> None:
        self.nav = QTreeWidget()
        self.nav.setHeaderHidden(True)
        self.nav.setRootIsDecorated(False)
        self.nav.setIndentation(12)
        self.nav.setMinimumWidth(160)
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
                child.setIcon(0, page_icon(spec.key, self.style()))
                top.addChild(child)
            top.setExpanded(True)
        self.nav.currentItemChanged.connect(self._on_nav_current_changed)

        self.stack = QStackedWidget()
        self.splitter = QSplitter()
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([200, 1080])
        self.setCentralWidget(self.splitter)

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
                page.item_activated.connect(self.open_todo)
        self.stack.setCurrentWidget(page)
        self._select_nav(key)
        self.page_opened.emit(key)
        return page

    def open_home(self) -> None:
        self.open_page(HOME_KEY)

    def current_key(self) -> str | None:
        page = self.stack.currentWidget()
        return next((k for k, p in self.pages.items() if p is page), None)

    def current_page(self) -> QWidget | None:
        return self.stack.currentWidget()

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

    def say(self, text: str) -> None:
        self.statusBar().showMessage(text, STATUS_MS)

    def open_todo(self, kind: str, object_id: int, state: str = "") -> Opened | None:
        """Open the page that handles a to-do of `kind` and its object (home double-click)."""
        target = todo_target(kind)
        page = self.open_page(target.page) if target is not None else None
        if target is None or page is None:
            self.say(self.tr("没有处理此事项的页面。"))
            return None
        opened = open_object(page, kind, object_id, state, target.filter)
        if opened is Opened.NOT_LISTED:
            self.say(self.tr("此事项已不在列表中，可能已由他人办理。请刷新待办事项。"))
        elif opened is Opened.LISTED:
            self.say(
                self.tr("已打开办理此事项的列表，请在列表中选择编号为 %1 的事项。").replace(
                    "%1", str(object_id)
                )
            )
        return opened

    # --- menu actions -----------------------------------------------------------------------

    def refresh_current(self) -> None:
        """视图 → 刷新 (F5): the current page reloads from the platform."""
        page = self.current_page()
        if isinstance(page, RefreshablePage):
            page.refresh()
        elif callable(reload := getattr(page, "reload", None)):
            reload()
        else:
            self.say(self.tr("当前页面不能刷新。"))

    def focus_search(self) -> None:
        """编辑 → 查找 (Ctrl+F): the cursor goes to the current page's search box."""
        page = self.current_page()
        if isinstance(page, SearchablePage):
            page.focus_search()
            return
        edit = page.findChild(QLineEdit, "searchEdit") if page is not None else None
        if edit is None or not edit.isVisibleTo(page):
            self.say(self.tr("当前页面没有搜索框。"))
            return
        edit.setFocus()
        edit.selectAll()

    def save_draft(self) -> None:
        """文件 → 保存草稿 (Ctrl+S): the draft of the form window used last (an entry form in a
        window of its own), else the current page's (or its open form's)."""
        target = self._last_draft_window() or self.current_page()
        if not isinstance(target, DraftPage):
            self.say(self.tr("当前页面没有可保存的草稿。"))
        elif target.save_draft():
            self.say(self.tr("草稿已保存在本机。"))

    def _on_app_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        """Remember the form window of this session the user worked in last."""
        if new is None or not shiboken6.isValid(self):
            return
        window = new.window()
        if window is self or not isinstance(window, DraftPage) or not self._owns(window):
            return
        alive = [w for w in self._draft_windows if shiboken6.isValid(w) and w is not window]
        self._draft_windows = [*alive, window]

    def _owns(self, window: QWidget) -> bool:
        """Whether `window` was opened from this main window (its parent or a page's child)."""
        parent = window.parentWidget()
        while parent is not None and parent is not self:
            parent = parent.parentWidget()
        return parent is self

    def _last_draft_window(self) -> QWidget | None:
        for window in reversed(self._draft_windows):
            if shiboken6.isValid(window) and window.isVisible():
                return window
        return None

    def new_entry(self) -> None:
        """文件 → 新建目录条目 (Ctrl+N): 我的目录 starts a new entry (registrars, 第十三条)."""
        if not (NEW_ENTRY_ROLES & self.context.roles):
            return
        page = self.open_page(NEW_ENTRY_PAGE)
        create = getattr(page, "create_new", None)
        if callable(create):
            create()
            return
        button = page.findChild(QWidget, "newButton") if page is not None else None
        if button is not None and hasattr(button, "click"):
            button.click()
        else:
            self.say(self.tr("无法新建目录条目。"))

    def show_user_guide(self) -> shell_help.UserGuideDialog:
        """帮助 → 用户指南 (F1), one non-modal window."""
        if self.guide is None:
            self.guide = shell_help.UserGuideDialog(self)
            self.guide.finished.connect(self._on_guide_finished)
        self.guide.show()
        self.guide.raise_()
        self.guide.activateWindow()
        return self.guide

    def _on_guide_finished(self, _result: int) -> None:
        self.guide = None

    def about_text(self) -> str:
        return shell_help.about_text()

    def show_about(self) -> QMessageBox:
        self.about_box = shell_help.about_box(self, self.windowIcon())
        self.about_box.open()
        return self.about_box

    # --- size and layout memory -------------------------------------------------------------

    def show_fitted(self, available: QRect | None = None) -> None:
        """Show at a size that fits the screen: maximised on a small screen (1366×768), else the
        remembered geometry if it fits, else 1280×800 centred."""
        available = available or screen.available_geometry(self)
        if not self._restored_fits(available):
            self.resize(screen.fitted_size(screen.MAIN_WINDOW_SIZE, available))
            screen.centre_on(self, available)
            if screen.should_maximise(available):
                self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)
        self.show()

    def _restored_fits(self, available: QRect) -> bool:
        geometry = self.settings.value("mainwindow/geometry")
        if not isinstance(geometry, QByteArray) or not self.restoreGeometry(geometry):
            return False
        if self.isMaximized():
            return True
        return screen.fits(self.frameGeometry(), available)

    def restore_layout(self) -> None:
        """The toolbar and splitter as the user left them (the geometry: `show_fitted`)."""
        self.resize(screen.fitted_size(screen.MAIN_WINDOW_SIZE, screen.available_geometry(self)))
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


__all__ = ["MainWindow"]
