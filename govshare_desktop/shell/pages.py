"""What the shell may ask of a page, and which page handles each to-do.

Features contribute `PageSpec`s (defined in common/pages.py, re-exported here); the shell shows
those whose roles the user holds (docs/design.md §5: navigation by the user's roles).
`TODO_TARGETS` says, in this one place, which page handles each 待办 (to-do) kind, which list
filter shows its object there, and which roles can act on it (the home page shows a user only
the items they can act on).

What a page may implement (all optional; the main window checks with `isinstance`):
- `ObjectPage.show_object(kind, object_id) -> bool`: select the object (switching the page's
  own filter if needed) and show its detail; False when it is not (or no longer) listed.
- `RefreshablePage.refresh()`: reload from the platform (视图 → 刷新, F5).
- `SearchablePage.focus_search()`: put the cursor in the page's search box (Ctrl+F).
- `DraftPage.save_draft() -> bool`: save the open form's draft now (Ctrl+S). A form window of
  its own (an entry or request form) implements it too: Ctrl+S in the main window saves the
  form window used last, Ctrl+S in the form window saves that form.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from govshare_desktop.common.pages import PageSpec  # features define pages below the shell

# --- what a page may implement -------------------------------------------------------------


@runtime_checkable
class ObjectPage(Protocol):
    def show_object(self, kind: str, object_id: int) -> bool: ...


@runtime_checkable
class RefreshablePage(Protocol):
    def refresh(self) -> None: ...


@runtime_checkable
class SearchablePage(Protocol):
    def focus_search(self) -> None: ...


@runtime_checkable
class DraftPage(Protocol):
    def save_draft(self) -> bool: ...


# --- to-do kind → the page that handles it ---------------------------------------------------

STATE = object()
"""In a `ListFilter.value`: the to-do item's own state (e.g. {"status": STATE})."""


@dataclass(frozen=True)
class ListFilter:
    """A choice in a page's filter widget (by objectName) under which the object is listed:
    a QComboBox item whose data equals `value`, or the QTabWidget tab named `value`.

    The main window applies it only for pages that do not implement `ObjectPage` yet."""

    widget: str
    value: Any

    def resolved(self, state: str) -> Any:
        if isinstance(self.value, dict):
            return {k: (state if v is STATE else v) for k, v in self.value.items()}
        return state if self.value is STATE else self.value


@dataclass(frozen=True)
class TodoTarget:
    page: str  # PageSpec key
    roles: frozenset[str]  # who can act on an item of this kind
    filter: ListFilter | None = None


def _t(page: str, roles: set[str], widget: str = "", value: Any = None) -> TodoTarget:
    return TodoTarget(page, frozenset(roles), ListFilter(widget, value) if widget else None)


_REQ = "filterCombo"
TODO_TARGETS: dict[str, TodoTarget] = {
    # catalog (第十五条 department review, 第十六条 platform confirmation, 第十七条 changes)
    "entry_returned": _t("catalog.mine", {"registrar"}, "statusCombo", "returned"),
    "entry_review": _t("catalog.review", {"catalog_reviewer"}, "queueCombo", "dept"),
    "entry_confirm": _t("catalog.review", {"platform_admin"}, "queueCombo", "platform"),
    "change_report": _t("catalog.review", {"platform_admin"}, "queueCombo", "reports"),
    # share requests (第二十七条 review within 5 working days, 第二十五条 disputes)
    "request_decide": _t(
        "requests.inbox", {"resource_admin"}, _REQ, {"side": "provider", "status": "submitted"}
    ),
    "request_platform_decide": _t(
        "requests.inbox", {"platform_admin"}, _REQ, {"status": "provider_approved"}
    ),
    "request_overdue": _t("requests.inbox", {"platform_admin"}, _REQ, {"overdue": True}),
    "dispute": _t("requests.inbox", {"platform_admin"}, _REQ, {"status": "disputed"}),
    "request_rejected": _t("requests.mine", {"applicant"}, _REQ, {"status": STATE}),
    # 第三十条: the three-party agreement, signed in turn by the consumer's and the provider's
    # filed resource admins and the platform; the page opens the agreement itself (ObjectPage)
    "agreement_sign": _t("agreements", {"resource_admin", "platform_admin"}),
    # grants the department receives that end soon: the applicant applies again in time
    "grant_expiring": _t("grants", {"applicant", "resource_admin"}, "tabWidget", "receivedTab"),
    # 第二十七条's working days: a year without official holiday data whose State Council
    # schedule is to be entered and confirmed; the page shows that year (ObjectPage)
    "calendar_confirm": _t("platform_admin.workdays", {"platform_admin"}),
    # exchange (第二十三条): an entry's next delivery by its 更新周期 is due soon or overdue
    "delivery_due": _t("exchange.deliveries", {"registrar", "resource_admin"}),
    # usage inquiries (第二十二条): to answer (consumer), overdue answers (the asking provider)
    "inquiry_answer": _t("usage.inquiries", {"applicant", "resource_admin"}),
    "inquiry_overdue": _t("usage.inquiries", {"resource_admin"}),
    # discrepancy reports (第二十条): the provider answers, the consumer accepts or disputes,
    # the platform admin arbitrates
    "discrepancy_answer": _t("usage.discrepancies", {"resource_admin"}),
    "discrepancy_review": _t("usage.discrepancies", {"applicant", "resource_admin"}),
    "discrepancy_arbitrate": _t("usage.discrepancies", {"platform_admin"}),
    # assessment (第三十四条): a department's result in a draft round to review (and explain),
    # explanations for the supervisor to read before publishing
    "assessment_explain": _t("assessment.rounds", {"resource_admin"}),
    "assessment_explanation": _t("assessment.rounds", {"supervisor"}),
    # rectification orders (第三十六条): the department answers, the supervisor checks and
    # follows up overdue ones
    "rectification_todo": _t("rectification.orders", {"resource_admin"}),
    "rectification_review": _t("rectification.orders", {"supervisor"}),
    "rectification_overdue": _t("rectification.orders", {"supervisor"}),
    # 三员分立 (govshare_core.separation AdminTodo): the security admin unlocks accounts, follows
    # up passwords and files resource admins (第二十八条); the audit admin verifies the trail
    # and has it anchored and archived (第二十六条)
    "account_locked": _t("security.users", {"security_admin"}),
    "password_pending": _t("security.users", {"security_admin"}),
    "filing_missing": _t("security.filings", {"security_admin"}),
    "audit_chain_broken": _t("audit.verify", {"audit_admin"}),
    "audit_unanchored": _t("audit.verify", {"audit_admin"}),
    "audit_verify_overdue": _t("audit.verify", {"audit_admin"}),
    "audit_retention": _t("audit.trail", {"audit_admin"}),
}
"""To-do kind (govshare_platform/inbox/service.py) → page, filter and the roles that act."""


def todo_target(kind: str) -> TodoTarget | None:
    return TODO_TARGETS.get(kind)


def can_act(kind: str, roles: set[str]) -> bool:
    """Whether a user with `roles` can act on a to-do of `kind` (unknown kinds: shown)."""
    target = TODO_TARGETS.get(kind)
    return target is None or bool(target.roles & roles)


NEW_ENTRY_ROLES = frozenset({"registrar"})
"""Who may register a new catalog entry (文件 → 新建目录条目, Ctrl+N; 第十三条)."""


__all__ = [
    "NEW_ENTRY_ROLES",
    "STATE",
    "TODO_TARGETS",
    "DraftPage",
    "ListFilter",
    "ObjectPage",
    "PageSpec",
    "RefreshablePage",
    "SearchablePage",
    "TodoTarget",
    "can_act",
    "todo_target",
]
