"""Catalog pages contributed to the navigation: 我的目录 and 目录审核."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from govshare_desktop.shell.pages import PageSpec


def _t(text: str) -> str:
    return QCoreApplication.translate("CatalogPages", text)


def page_specs() -> list[PageSpec]:
    from govshare_desktop.catalog.mine import MyEntriesPage
    from govshare_desktop.catalog.review import ReviewPage

    group = _t("政务信息资源目录")
    return [
        PageSpec(
            key="catalog.mine",
            title=_t("我的目录"),
            group=group,
            roles=frozenset({"registrar", "catalog_reviewer"}),
            factory=lambda ctx: MyEntriesPage(context=ctx),
            order=20,
        ),
        PageSpec(
            key="catalog.review",
            title=_t("目录审核"),
            group=group,
            roles=frozenset({"catalog_reviewer", "platform_admin"}),
            factory=lambda ctx: ReviewPage(context=ctx),
            order=21,
        ),
    ]
