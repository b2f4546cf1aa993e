"""Which pages a user sees, grouped for the navigation tree (by roles, docs/design.md §5)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QStyle, QWidget

from govshare_desktop.context import AppContext
from govshare_desktop.shell.pages import PageSpec, can_act

HOME_KEY = "home"

_Px = QStyle.StandardPixmap
PAGE_ICONS: dict[str, QStyle.StandardPixmap] = {
    HOME_KEY: _Px.SP_DirHomeIcon,
    "catalog.mine": _Px.SP_FileDialogDetailedView,
    "catalog.review": _Px.SP_DialogApplyButton,
    "requests.share_catalog": _Px.SP_FileDialogContentsView,
    "requests.mine": _Px.SP_FileDialogListView,
    "requests.inbox": _Px.SP_FileDialogInfoView,
    "grants": _Px.SP_DialogYesButton,
    "agreements": _Px.SP_FileDialogEnd,
    "exchange.deliveries": _Px.SP_ArrowUp,
    "exchange.access": _Px.SP_ArrowDown,
    "exchange.log": _Px.SP_FileDialogListView,
    "usage.inquiries": _Px.SP_MessageBoxQuestion,
    "usage.discrepancies": _Px.SP_MessageBoxWarning,
    "assessment.rounds": _Px.SP_FileDialogInfoView,
    "rectification.orders": _Px.SP_BrowserReload,
    "audit.trail": _Px.SP_FileDialogDetailedView,
    "audit.verify": _Px.SP_DialogApplyButton,
    "platform_admin.policy": _Px.SP_FileDialogInfoView,
    "platform_admin.workdays": _Px.SP_FileDialogContentsView,
    "security.users": _Px.SP_ComputerIcon,
    "security.departments": _Px.SP_DriveNetIcon,
    "security.filings": _Px.SP_FileDialogDetailedView,
    "security.password_policy": _Px.SP_MessageBoxWarning,
}
"""Navigation icons by page key (QStyle's standard icons); other pages get a folder."""


def page_icon(key: str, style: QStyle) -> QIcon:
    return style.standardIcon(PAGE_ICONS.get(key, _Px.SP_DirIcon))


def home_spec() -> PageSpec:
    from govshare_desktop.home.page import HomePage

    def make(context: AppContext) -> QWidget:
        roles = set(context.roles)
        return HomePage(context=context, can_act=lambda kind: can_act(kind, roles))

    return PageSpec(
        key=HOME_KEY,
        title=QCoreApplication.translate("Navigation", "待办事项"),
        group=QCoreApplication.translate("Navigation", "工作台"),
        roles=None,
        factory=make,
        order=0,
    )


def all_page_specs() -> list[PageSpec]:
    """Every page: the home page plus each feature's `page_specs()`."""
    from govshare_desktop.agreements import pages as agreement_pages
    from govshare_desktop.assessment import pages as assessment_pages
    from govshare_desktop.audit import pages as audit_pages
    from govshare_desktop.catalog import pages as catalog_pages
    from govshare_desktop.exchange import pages as exchange_pages
    from govshare_desktop.platform_admin import pages as platform_admin_pages
    from govshare_desktop.rectification import pages as rectification_pages
    from govshare_desktop.requests import pages as request_pages
    from govshare_desktop.security import pages as security_pages
    from govshare_desktop.usage import pages as usage_pages

    specs = [home_spec()]
    providers = (
        catalog_pages.page_specs,
        request_pages.page_specs,
        agreement_pages.page_specs,
        exchange_pages.page_specs,
        usage_pages.page_specs,
        assessment_pages.page_specs,
        rectification_pages.page_specs,
        platform_admin_pages.page_specs,
        audit_pages.page_specs,
        security_pages.page_specs,
    )
    for provider in providers:
        specs.extend(provider())
    return specs


def visible_groups(specs: Iterable[PageSpec], roles: set[str]) -> list[tuple[str, list[PageSpec]]]:
    """The pages `roles` may open, grouped, groups and pages in `order` (stable)."""
    groups: dict[str, list[PageSpec]] = {}
    for spec in specs:
        if spec.visible_for(roles):
            groups.setdefault(spec.group, []).append(spec)
    ordered = sorted(groups.items(), key=lambda g: min(s.order for s in g[1]))
    return [(name, sorted(pages, key=lambda s: s.order)) for name, pages in ordered]


SpecProvider = Callable[[], list[PageSpec]]
