"""The security admin's pages contributed to the navigation, in their own group 安全管理
(三员分立, 第二十六条): 用户管理, 部门管理, 资源管理员备案 (第二十八条), 密码策略 (第三十三条)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from govshare_core.vocab import Role
from govshare_desktop.common.pages import PageSpec, page_group
from govshare_desktop.security.departments_page import DepartmentsPage, FilingsPage
from govshare_desktop.security.policy_page import PasswordPolicyPage
from govshare_desktop.security.users_page import UsersPage

ORDER = 80
"""After the supervision group (考核监督)."""
ROLES = {Role.SECURITY_ADMIN.value}


def page_specs() -> list[PageSpec]:
    group = QCoreApplication.translate("SecurityPages", "安全管理")
    return page_group(
        group,
        ORDER,
        [
            (
                "security.users",
                QCoreApplication.translate("SecurityPages", "用户管理"),
                ROLES,
                UsersPage,
            ),
            (
                "security.departments",
                QCoreApplication.translate("SecurityPages", "部门管理"),
                ROLES,
                DepartmentsPage,
            ),
            (
                "security.filings",
                QCoreApplication.translate("SecurityPages", "资源管理员备案"),
                ROLES,
                FilingsPage,
            ),
            (
                "security.password_policy",
                QCoreApplication.translate("SecurityPages", "密码策略"),
                ROLES,
                PasswordPolicyPage,
            ),
        ],
    )
