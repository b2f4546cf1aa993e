"""Share-request, share-catalog and grant pages contributed to the navigation."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from govshare_desktop.common.pages import PageSpec
from govshare_desktop.requests.catalog_page import ShareCatalogPage
from govshare_desktop.requests.grants_page import GrantsPage
from govshare_desktop.requests.requests_page import RequestsPage


def page_specs() -> list[PageSpec]:
    group = QCoreApplication.translate("RequestPages", "信息资源共享")
    return [
        PageSpec(
            key="requests.share_catalog",
            title=QCoreApplication.translate("RequestPages", "共享目录"),
            group=group,
            roles=None,  # every signed-in user may browse the share catalog (第二十条)
            factory=lambda ctx: ShareCatalogPage(context=ctx),
            order=40,
        ),
        PageSpec(
            key="requests.mine",
            title=QCoreApplication.translate("RequestPages", "我的申请"),
            group=group,
            roles=frozenset({"applicant"}),
            factory=lambda ctx: RequestsPage.mine(context=ctx),
            order=41,
        ),
        PageSpec(
            key="requests.inbox",
            title=QCoreApplication.translate("RequestPages", "待审申请"),
            group=group,
            roles=frozenset({"resource_admin", "platform_admin"}),
            factory=lambda ctx: RequestsPage.inbox(context=ctx),
            order=42,
        ),
        PageSpec(
            key="grants",
            title=QCoreApplication.translate("RequestPages", "授权"),
            group=group,
            roles=frozenset({"resource_admin", "applicant", "platform_admin"}),
            factory=lambda ctx: GrantsPage(context=ctx),
            order=43,
        ),
    ]
