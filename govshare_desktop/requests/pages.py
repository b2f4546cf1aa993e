"""Share-request, share-catalog and grant pages contributed to the navigation."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from govshare_desktop.common.pages import PageRow, PageSpec, page_group
from govshare_desktop.requests.catalog_page import ShareCatalogPage
from govshare_desktop.requests.grants_page import GrantsPage
from govshare_desktop.requests.requests_page import RequestsPage

FIRST_ORDER = 40
"""The navigation order of the first share page; the others follow in the order listed."""


def page_specs() -> list[PageSpec]:
    group = QCoreApplication.translate("RequestPages", "信息资源共享")
    pages: list[PageRow] = [
        (
            "requests.share_catalog",
            QCoreApplication.translate("RequestPages", "共享目录"),
            None,  # every signed-in user may browse the share catalog (第二十条)
            ShareCatalogPage,
        ),
        (
            "requests.mine",
            QCoreApplication.translate("RequestPages", "我的申请"),
            {"applicant"},
            RequestsPage.mine,
        ),
        (
            "requests.inbox",
            QCoreApplication.translate("RequestPages", "待审申请"),
            {"resource_admin", "platform_admin"},
            RequestsPage.inbox,
        ),
        (
            "grants",
            QCoreApplication.translate("RequestPages", "授权"),
            {"resource_admin", "applicant", "platform_admin"},
            GrantsPage,
        ),
    ]
    return page_group(group, FIRST_ORDER, pages)
