"""Catalog pages contributed to the navigation: 我的目录 and 目录审核."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from govshare_desktop.catalog.mine import MyEntriesPage
from govshare_desktop.catalog.review import ReviewPage
from govshare_desktop.common.pages import PageSpec


def page_specs() -> list[PageSpec]:
    group = QCoreApplication.translate("CatalogPages", "政务信息资源目录")
    return [
        PageSpec(
            key="catalog.mine",
            title=QCoreApplication.translate("CatalogPages", "我的目录"),
            group=group,
            roles=frozenset({"registrar", "catalog_reviewer"}),
            factory=lambda ctx: MyEntriesPage(context=ctx),
            order=20,
        ),
        PageSpec(
            key="catalog.review",
            title=QCoreApplication.translate("CatalogPages", "目录审核"),
            group=group,
            roles=frozenset({"catalog_reviewer", "platform_admin"}),
            factory=lambda ctx: ReviewPage(context=ctx),
            order=21,
        ),
    ]
