"""The main window's menus, toolbar and shortcuts, as data.

文件: 新建目录条目 (Ctrl+N, registrars only), 保存草稿 (Ctrl+S), 设置 (the platform's Preferences
key and Ctrl+,), 通知设置 (shell/notify.py), 修改密码 (everyone, 第三十三条), 注销, 退出 (Ctrl+Q).
编辑: 查找 (Ctrl+F).
视图: 待办事项, 刷新 (F5). 帮助: 用户指南 (F1), 关于. Each action calls a method of the window by
name; what it does on a page is the page's business (shell/pages.py protocols).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QStyle, QToolBar

from govshare_desktop.shell.pages import NEW_ENTRY_ROLES

_Std = QKeySequence.StandardKey
_Px = QStyle.StandardPixmap


@dataclass(frozen=True)
class ActionSpec:
    name: str  # objectName and key in WindowActions.actions
    menu: str  # menu key (see MENUS)
    text: str  # Chinese source text (translated in build_actions)
    slot: str  # the window's method (or signal) to call
    keys: tuple[QKeySequence.StandardKey | str, ...] = ()
    icon: QStyle.StandardPixmap | None = None
    toolbar: bool = False
    separator_before: bool = False


MENUS = (
    ("file", QT_TRANSLATE_NOOP("MainWindow", "文件(&F)")),
    ("edit", QT_TRANSLATE_NOOP("MainWindow", "编辑(&E)")),
    ("view", QT_TRANSLATE_NOOP("MainWindow", "视图(&V)")),
    ("help", QT_TRANSLATE_NOOP("MainWindow", "帮助(&H)")),
)

ACTIONS = (
    ActionSpec("newEntry", "file", QT_TRANSLATE_NOOP("MainWindow", "新建目录条目(&N)…"),
               "new_entry", ("Ctrl+N",), _Px.SP_FileIcon, toolbar=True),
    ActionSpec("saveDraft", "file", QT_TRANSLATE_NOOP("MainWindow", "保存草稿(&D)"),
               "save_draft", ("Ctrl+S",), _Px.SP_DialogSaveButton),
    ActionSpec("settings", "file", QT_TRANSLATE_NOOP("MainWindow", "设置(&S)…"),
               "settings_requested", (_Std.Preferences, "Ctrl+,"), separator_before=True),
    ActionSpec("notificationSettings", "file", QT_TRANSLATE_NOOP("MainWindow", "通知设置(&O)…"),
               "notification_settings_requested", ()),
    ActionSpec("changePassword", "file", QT_TRANSLATE_NOOP("MainWindow", "修改密码(&P)…"),
               "change_password_requested", (), separator_before=True),
    ActionSpec("logout", "file", QT_TRANSLATE_NOOP("MainWindow", "注销(&L)"),
               "logout_requested", ()),
    ActionSpec("quit", "file", QT_TRANSLATE_NOOP("MainWindow", "退出(&X)"), "close", ("Ctrl+Q",)),
    ActionSpec("find", "edit", QT_TRANSLATE_NOOP("MainWindow", "查找(&F)"),
               "focus_search", ("Ctrl+F",), _Px.SP_FileDialogContentsView, toolbar=True),
    ActionSpec("home", "view", QT_TRANSLATE_NOOP("MainWindow", "待办事项(&T)"),
               "open_home", ("Alt+Home",), _Px.SP_DirHomeIcon, toolbar=True),
    ActionSpec("refresh", "view", QT_TRANSLATE_NOOP("MainWindow", "刷新(&R)"),
               "refresh_current", ("F5",), _Px.SP_BrowserReload, toolbar=True),
    ActionSpec("userGuide", "help", QT_TRANSLATE_NOOP("MainWindow", "用户指南(&G)"),
               "show_user_guide", ("F1",), _Px.SP_MessageBoxQuestion, toolbar=True),
    ActionSpec("about", "help", QT_TRANSLATE_NOOP("MainWindow", "关于 GovShare(&A)"),
               "show_about", (), _Px.SP_MessageBoxInformation),
)  # fmt: skip


def _text(source: str) -> str:
    return QCoreApplication.translate("MainWindow", source)


def icon_text(text: str) -> str:
    """A menu text for a toolbar button: without its mnemonic ("(&R)" or "&") and ellipsis."""
    return re.sub(r"\(&\w\)", "", text).replace("&", "").rstrip("…").rstrip(".").strip()


def _sequences(keys: tuple[QKeySequence.StandardKey | str, ...]) -> list[QKeySequence]:
    found: list[QKeySequence] = []
    for key in keys:
        sequences = QKeySequence.keyBindings(key) if isinstance(key, _Std) else [QKeySequence(key)]
        found.extend(s for s in sequences if not s.isEmpty() and s not in found)
    return found


def build_actions(window: QMainWindow, roles: set[str]) -> dict[str, QAction]:
    """Create the menus, the toolbar and their actions on `window`; return them by name."""
    style = window.style()
    menus = {key: window.menuBar().addMenu(_text(title)) for key, title in MENUS}
    toolbar = QToolBar(QCoreApplication.translate("MainWindow", "工具栏"), window)
    toolbar.setObjectName("mainToolBar")
    toolbar.setMovable(False)
    toolbar.setIconSize(QSize(20, 20))
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
    actions: dict[str, QAction] = {}
    for spec in ACTIONS:
        if spec.name == "newEntry" and not (NEW_ENTRY_ROLES & roles):
            continue  # only registrars register catalog entries (第十三条)
        action = QAction(_text(spec.text), window)
        action.setIconText(icon_text(action.text()))
        action.setObjectName(spec.name)
        action.setShortcuts(_sequences(spec.keys))
        if spec.icon is not None:
            action.setIcon(style.standardIcon(spec.icon))
        action.triggered.connect(getattr(window, spec.slot))
        if spec.separator_before:
            menus[spec.menu].addSeparator()
        menus[spec.menu].addAction(action)
        if spec.toolbar:
            toolbar.addAction(action)
        actions[spec.name] = action
    return actions
