"""The audit admin's pages in the navigation (group 安全审计): 审计日志 and 链校验."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from govshare_core.vocab import Role
from govshare_desktop.audit.trail_page import TrailPage
from govshare_desktop.audit.verify_page import VerifyPage
from govshare_desktop.common.pages import PageSpec, page_group

ORDER = 90
"""After the business groups."""
ROLES = {Role.AUDIT_ADMIN.value}
"""The audit admin only (三员分立): the platform answers everyone else 403."""


def page_specs() -> list[PageSpec]:
    group = QCoreApplication.translate("AuditPages", "安全审计")
    trail = QCoreApplication.translate("AuditPages", "审计日志")
    verify = QCoreApplication.translate("AuditPages", "链校验")
    return page_group(
        group,
        ORDER,
        [("audit.trail", trail, ROLES, TrailPage), ("audit.verify", verify, ROLES, VerifyPage)],
    )
