"""The usage screens of tools/screenshots.py (no script of its own): the 使用情况询问 and 数据异议
pages with their first item's detail open, and the dialogs that start them.

    <role>-usage_inquiry.png       the inquiries page, the first inquiry's detail (if any)
    <role>-usage_discrepancy.png   the discrepancies page, the first report's detail (if any)
    usage-inquiry-dialog.png       新建询问… (a provider's resource admin)
    usage-report-dialog.png        提出异议… (a consumer's applicant)
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

Save = Callable[[Any, Path, str], None]
Wait = Callable[[], None]
PAGES = (("usage.inquiries", "usage_inquiry"), ("usage.discrepancies", "usage_discrepancy"))
DIALOGS = {"resource_admin": "usage-inquiry-dialog.png", "applicant": "usage-report-dialog.png"}


def shoot_usage(window: Any, out: Path, role: str, *, save: Save, wait: Wait) -> None:
    """The usage pages of the signed-in user's navigation, and the dialog its role starts."""
    for key, name in PAGES:
        page = window.open_page(key)
        if page is None:
            continue
        wait()
        if page.model.rowCount() > 0:
            page.table.selectRow(0)
            wait()
        save(window, out, f"{role}-{name}.png")
    dialog_name = DIALOGS.get(role)
    key = "usage.inquiries" if role == "resource_admin" else "usage.discrepancies"
    page = window.open_page(key)
    if dialog_name is None or page is None or not page.newButton.isVisible():
        return
    page.newButton.click()
    wait()
    dialog = page.active_dialog
    if dialog is not None:
        save(dialog, out, dialog_name)
        dialog.reject()
