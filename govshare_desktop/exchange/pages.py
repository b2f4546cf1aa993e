"""Pages this feature contributes to the navigation: 数据交换 (第二十二条–第二十六条)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from govshare_core.exchange import CONSUMER_ROLES, DELIVERY_ROLES
from govshare_desktop.common.pages import PageRow, PageSpec, page_group
from govshare_desktop.exchange.access_page import AccessPage
from govshare_desktop.exchange.deliveries_page import DeliveriesPage
from govshare_desktop.exchange.log_page import LogPage

FIRST_ORDER = 50
"""The navigation order of 数据交付; 数据获取 and 访问日志 follow."""

LOG_ROLES = {*DELIVERY_ROLES, *CONSUMER_ROLES, "audit_admin", "platform_admin"}
"""Who reads the exchange log (第二十六条): providers and consumers their part, the audit and
platform admins all of it."""


def page_specs() -> list[PageSpec]:
    group = QCoreApplication.translate("ExchangePages", "数据交换")
    pages: list[PageRow] = [
        (
            "exchange.deliveries",
            QCoreApplication.translate("ExchangePages", "数据交付"),
            {str(r) for r in DELIVERY_ROLES},
            DeliveriesPage,
        ),
        (
            "exchange.access",
            QCoreApplication.translate("ExchangePages", "数据获取"),
            {str(r) for r in CONSUMER_ROLES},
            AccessPage,
        ),
        (
            "exchange.log",
            QCoreApplication.translate("ExchangePages", "访问日志"),
            {str(r) for r in LOG_ROLES},
            LogPage,
        ),
    ]
    return page_group(group, FIRST_ORDER, pages)
