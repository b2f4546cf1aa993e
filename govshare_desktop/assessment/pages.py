"""The assessment page contributed to the navigation, in the supervision group (考核监督, with
the 整改 page of govshare_desktop.rectification): 考核评估 (第三十四条)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from govshare_core.vocab import Role
from govshare_desktop.assessment.page import AssessmentPage
from govshare_desktop.common.pages import PageSpec, page_group

ORDER = 70
"""After the exchange and usage pages; the 整改 page (71) follows in the same group."""
ROLES = {Role.SUPERVISOR.value, Role.RESOURCE_ADMIN.value, Role.PLATFORM_ADMIN.value}
"""The supervisor assesses; departments see their own results (all once published)."""


def page_specs() -> list[PageSpec]:
    # the group shared with rectification/pages.py: the same source text and context
    group = QCoreApplication.translate("SupervisionPages", "考核监督")
    title = QCoreApplication.translate("AssessmentPage", "考核评估")
    return page_group(group, ORDER, [("assessment.rounds", title, ROLES, AssessmentPage)])
