"""What a feature contributes to the navigation: `PageSpec`s (the shell shows those whose roles
the user holds, docs/design.md §5). Here, below the features, so that features never import the
shell; `shell.pages` re-exports it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from govshare_desktop.context import AppContext


@dataclass(frozen=True)
class PageSpec:
    key: str  # stable id, e.g. "catalog.mine"
    title: str  # already translated (built inside a function, after the translator loads)
    group: str  # navigation group title, translated
    roles: frozenset[str] | None  # None: every signed-in user
    factory: Callable[[AppContext], QWidget]
    order: int = 100

    def visible_for(self, roles: set[str]) -> bool:
        return self.roles is None or bool(self.roles & roles)


PageClass = Callable[..., QWidget]
"""A page class (or a named constructor) taking `context=`."""
PageRow = tuple[str, str, Iterable[str] | None, PageClass]
"""(key, translated title, roles — None for every signed-in user —, page class)."""


def page_group(group: str, first_order: int, pages: Sequence[PageRow]) -> list[PageSpec]:
    """The PageSpecs of one navigation group, ordered as listed from `first_order`."""
    return [
        PageSpec(
            key=key,
            title=title,
            group=group,
            roles=frozenset(roles) if roles is not None else None,
            factory=_factory(make),
            order=first_order + n,
        )
        for n, (key, title, roles, make) in enumerate(pages)
    ]


def _factory(make: PageClass) -> Callable[[AppContext], QWidget]:
    return lambda context: make(context=context)
