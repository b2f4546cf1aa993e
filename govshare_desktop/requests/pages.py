"""Share-request, share-catalog and grant pages contributed to the navigation."""

from __future__ import annotations

from govshare_desktop.shell.pages import PageSpec


def page_specs() -> list[PageSpec]:
    return []
