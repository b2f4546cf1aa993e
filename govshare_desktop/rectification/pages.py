"""The 整改 page contributed to the navigation, in the 考核监督 group (with the 考核评估 page of
govshare_desktop.assessment: the same source text and context, so the same group title)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from govshare_core.vocab import Role
from govshare_desktop.common.pages import PageSpec, page_group
from govshare_desktop.rectification.page import RectificationPage

ORDER = 71
"""After 考核评估 in the 考核监督 group."""
ROLES = {Role.SUPERVISOR.value, Role.RESOURCE_ADMIN.value}
"""Supervisors issue and check; a department's resource admin answers its own orders."""


def page_specs() -> list[PageSpec]:
    group = QCoreApplication.translate("SupervisionPages", "考核监督")
    title = QCoreApplication.translate("SupervisionPages", "整改")
    return page_group(group, ORDER, [("rectification.orders", title, ROLES, RectificationPage)])
