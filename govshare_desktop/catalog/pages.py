"""Catalog pages contributed to the navigation: 我的目录, 目录审核 and 资源目录 (the overseers'
read-only view of every department's entries)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from govshare_desktop.catalog.mine import MyEntriesPage
from govshare_desktop.catalog.resource_catalog_page import ResourceCatalogPage
from govshare_desktop.catalog.review import ReviewPage
from govshare_desktop.common.pages import PageSpec, page_group

FIRST_ORDER = 20
"""The navigation order of the first catalog page; the other follows."""


def page_specs() -> list[PageSpec]:
    return page_group(
        QCoreApplication.translate("CatalogPages", "政务信息资源目录"),
        FIRST_ORDER,
        [
            (
                "catalog.mine",
                QCoreApplication.translate("CatalogPages", "我的目录"),
                {"registrar", "catalog_reviewer"},
                MyEntriesPage,
            ),
            (
                "catalog.review",
                QCoreApplication.translate("CatalogPages", "目录审核"),
                {"catalog_reviewer", "platform_admin"},
                ReviewPage,
            ),
            (
                "catalog.resources",
                QCoreApplication.translate("CatalogPages", "资源目录"),
                {"platform_admin", "supervisor"},  # every department's entries, read-only
                ResourceCatalogPage,
            ),
        ],
    )
