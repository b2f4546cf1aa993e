"""The 待签协议 page contributed to the navigation: for the roles that sign (第三十条) — the filed
resource administrators of the consumer and provider departments, and the platform admin."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from govshare_core.agreements import SIGNER_ROLES
from govshare_desktop.agreements.page import AgreementsPage
from govshare_desktop.common.pages import PageSpec, page_group

ORDER = 44
"""After the share pages (requests/pages.py: 40–43), in their group."""


def page_specs() -> list[PageSpec]:
    # the share pages' group: the same source text and context, so the same group title
    group = QCoreApplication.translate("RequestPages", "信息资源共享")
    title = QCoreApplication.translate("AgreementPages", "待签协议")
    roles = {str(role) for role in SIGNER_ROLES}
    return page_group(group, ORDER, [("agreements", title, roles, AgreementsPage)])
