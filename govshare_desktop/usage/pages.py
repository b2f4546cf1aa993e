"""The usage pages contributed to the navigation, in the exchange group (数据交换, with the
exchange pages of govshare_desktop.exchange): 使用情况询问 (第二十二条) and 数据异议 (第二十条)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from govshare_core.vocab import Role
from govshare_desktop.common.pages import PageSpec, page_group
from govshare_desktop.usage.discrepancies_page import DiscrepanciesPage
from govshare_desktop.usage.inquiries_page import InquiriesPage

ORDER = 53
"""After the exchange pages (数据交付, 数据获取, 访问日志), in their group."""
INQUIRY_ROLES = {Role.RESOURCE_ADMIN.value, Role.APPLICANT.value, Role.PLATFORM_ADMIN.value}
DISCREPANCY_ROLES = {Role.APPLICANT.value, Role.RESOURCE_ADMIN.value, Role.PLATFORM_ADMIN.value}


def page_specs() -> list[PageSpec]:
    # the exchange pages' group: the same source text and context, so the same group title
    group = QCoreApplication.translate("ExchangePages", "数据交换")
    inquiries = QCoreApplication.translate("UsagePages", "使用情况询问")
    discrepancies = QCoreApplication.translate("UsagePages", "数据异议")
    return page_group(
        group,
        ORDER,
        [
            ("usage.inquiries", inquiries, INQUIRY_ROLES, InquiriesPage),
            ("usage.discrepancies", discrepancies, DISCREPANCY_ROLES, DiscrepanciesPage),
        ],
    )
