"""What the self-test reads off the running application: the demo account of each role, the
login dialog's state, a page's models and whether anything is still loading."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractItemModel, QAbstractProxyModel, QThreadPool
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from govshare_core.vocab import Role
from govshare_desktop.common.paged_model import PagedTableModel

if TYPE_CHECKING:
    from govshare_desktop.shell.controller import DesktopApp


def choose_accounts(
    accounts: Iterable[dict[str, Any]], roles: Iterable[Role]
) -> list[tuple[Role, dict[str, Any] | None]]:
    """The first demo account holding each role (None when no account holds it)."""
    accounts = list(accounts)
    return [
        (role, next((a for a in accounts if role.value in a.get("roles", [])), None))
        for role in roles
    ]


def background_busy() -> bool:
    return QThreadPool.globalInstance().activeThreadCount() > 0


def login_ready(controller: DesktopApp) -> bool:
    """The login dialog is up, idle and lists the demo accounts (a restored session is left)."""
    if controller.window is not None:  # a remembered session was restored: leave it
        controller.logout()
        return False
    dialog = controller.login_dialog
    if dialog is None or not dialog.isVisible() or controller.presenter.busy:
        return False
    ok = dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
    return ok.isEnabled() and dialog.ui.demoTree.topLevelItemCount() > 0


def signed_out(controller: DesktopApp) -> bool:
    """No main window, the login dialog shown again and nothing left running."""
    dialog = controller.login_dialog
    return (
        controller.window is None
        and dialog is not None
        and dialog.isVisible()
        and not background_busy()
    )


def demo_item(tree: QTreeWidget, username: str) -> QTreeWidgetItem | None:
    """The login dialog's row of the demo account `username`."""
    items = (tree.topLevelItem(i) for i in range(tree.topLevelItemCount()))
    return next((item for item in items if item is not None and item.text(0) == username), None)


def item_models(page: QWidget) -> list[QAbstractItemModel]:
    """The models a page shows (its views' models, behind proxies) and those it owns."""
    found: list[QAbstractItemModel] = list(page.findChildren(PagedTableModel))
    for view in page.findChildren(QAbstractItemView):
        model = view.model()
        while isinstance(model, QAbstractProxyModel):
            model = model.sourceModel()
        if model is not None and model not in found:
            found.append(model)
    return found


def page_idle(page: QWidget | None) -> bool:
    """Nothing runs in the background and none of the page's tables is loading."""
    if background_busy():
        return False
    if page is None:
        return True
    return not any(isinstance(m, PagedTableModel) and m.is_loading for m in item_models(page))


def table_errors(page: QWidget) -> list[str]:
    """A problem for each of the page's tables that failed to load."""
    return [
        f"a table failed to load: {describe(model.last_error)}"
        for model in item_models(page)
        if isinstance(model, PagedTableModel) and getattr(model, "last_error", None) is not None
    ]


def describe(exc: object) -> str:
    message = getattr(exc, "message", None)
    if callable(message):
        try:
            return f"{type(exc).__name__}: {message()}"
        except Exception:
            pass
    return f"{type(exc).__name__}: {exc}"
