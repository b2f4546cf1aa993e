"""The platform admin's policy pages in the navigation (group 平台管理): 平台策略 and 工作日调整."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from govshare_core.vocab import Role
from govshare_desktop.common.pages import PageSpec, page_group
from govshare_desktop.platform_admin.policy_page import PolicyPage
from govshare_desktop.platform_admin.workdays_page import WorkdaysPage

ORDER = 85
"""After the business groups, before the administrators' desks."""
ROLES = {Role.PLATFORM_ADMIN.value}


def page_specs() -> list[PageSpec]:
    group = QCoreApplication.translate("PlatformAdminPages", "平台管理")
    policy = QCoreApplication.translate("PlatformAdminPages", "平台策略")
    workdays = QCoreApplication.translate("PlatformAdminPages", "工作日调整")
    return page_group(
        group,
        ORDER,
        [
            ("platform_admin.policy", policy, ROLES, PolicyPage),
            ("platform_admin.workdays", workdays, ROLES, WorkdaysPage),
        ],
    )
