"""Double-clicking a 待办 item opens its object: for every kind the home page can show, the real
platform is put in the state that makes the item, the user who acts signs in, the item is
double-clicked in the home page's table, and the window lands on the page that handles it with
the object listed (or selected, when the page implements `ObjectPage.show_object`). Each page
that implements it also selects the object and shows its detail when asked directly."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
import requests
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QAbstractItemView, QWidget

from govshare_core.separation import AdminTodo
from govshare_core.vocab import Role
from govshare_desktop.agreements.page import VIEWER, AgreementsPage
from govshare_desktop.agreements.pages import page_specs as agreement_specs
from govshare_desktop.catalog.mine import MyEntriesPage
from govshare_desktop.catalog.pages import page_specs as catalog_specs
from govshare_desktop.catalog.review import ReviewPage
from govshare_desktop.requests.grants_page import GrantsPage
from govshare_desktop.requests.pages import page_specs as request_specs
from govshare_desktop.requests.requests_page import RequestsPage
from govshare_desktop.shell.main_window import MainWindow
from govshare_desktop.shell.pages import TODO_TARGETS, ObjectPage, can_act
from govshare_desktop.shell.todo import Opened
from govshare_platform import clock
from tests.desktop.agreements_support import awaiting_agreement
from tests.desktop.conftest import PASSWORD, LiveServer
from tests.platform.catalog_helpers import entry_payload

WAIT = 10_000
API = "/api/v1"


class Http:
    """A user of the live platform over plain HTTP (the test's own client, not the desktop's)."""

    def __init__(self, server: LiveServer, dept: str, role: Role) -> None:
        self.url = server.url + API
        answer = requests.post(
            f"{self.url}/auth/login",
            json={"username": server.username(dept, role), "password": PASSWORD},
            timeout=10,
        )
        answer.raise_for_status()
        self.headers = {"Authorization": f"Bearer {answer.json()['access_token']}"}

    def post(self, path: str, body: Any = None) -> dict[str, Any]:
        answer = requests.post(self.url + path, json=body, headers=self.headers, timeout=10)
        assert answer.status_code < 300, answer.text
        return dict(answer.json())


def entry(server: LiveServer, *, until: str, **overrides: Any) -> int:
    """An entry of department A taken as far as `until` ("submitted", "approved", "published")."""
    registrar = Http(server, "A", Role.REGISTRAR)
    entry_id = int(registrar.post("/catalog/entries", entry_payload(**overrides))["id"])
    registrar.post(f"/catalog/entries/{entry_id}/submit")
    if until in ("approved", "published"):
        Http(server, "A", Role.CATALOG_REVIEWER).post(f"/catalog/entries/{entry_id}/dept-approve")
    if until == "published":
        Http(server, "P", Role.PLATFORM_ADMIN).post(f"/catalog/entries/{entry_id}/publish")
    return entry_id


def request(server: LiveServer, *, days: int = 200, **entry_overrides: Any) -> int:
    """B's applicant asks for A's published entry; the request is submitted."""
    entry_id = entry(server, until="published", **entry_overrides)
    applicant = Http(server, "B", Role.APPLICANT)
    body = {
        "entry_id": entry_id,
        "data_items": [i["name"] for i in entry_payload()["data_items"]][:2],
        "business": "户籍迁移业务办理",
        "users": "户政窗口工作人员",
        "share_mode": "interface",
        "reason": "办理户籍迁移需核验申请人身份（履行法定职责）",
        "end_date": (clock.today() + timedelta(days=days)).isoformat(),
    }
    request_id = int(applicant.post("/requests", body)["id"])
    applicant.post(f"/requests/{request_id}/submit")
    return request_id


def provider_rejected(server: LiveServer) -> int:
    request_id = request(server)
    Http(server, "A", Role.RESOURCE_ADMIN).post(
        f"/requests/{request_id}/provider-decision",
        {"approve": False, "ground": "not_duty_related", "comment": "申请用途与其职责无关"},
    )
    return request_id


def provider_approved(server: LiveServer) -> int:
    request_id = request(server)
    Http(server, "A", Role.RESOURCE_ADMIN).post(
        f"/requests/{request_id}/provider-decision", {"approve": True}
    )
    return request_id


# --- one way to make each kind --------------------------------------------------------------


def returned_entry(server: LiveServer, monkeypatch: pytest.MonkeyPatch) -> int:
    entry_id = entry(server, until="submitted")
    Http(server, "A", Role.CATALOG_REVIEWER).post(
        f"/catalog/entries/{entry_id}/dept-return",
        {"reason": "共享范围过宽，请限定到具体业务部门。"},
    )
    return entry_id


def change_report(server: LiveServer, monkeypatch: pytest.MonkeyPatch) -> int:
    entry_id = entry(server, until="published")
    report = Http(server, "A", Role.REGISTRAR).post(
        f"/catalog/entries/{entry_id}/change-reports",
        {
            "effective_date": (clock.today() - timedelta(days=3)).isoformat(),
            "description": "更新周期由每日改为实时，以便及时共享。",
            "changes": {"update_cycle": "realtime"},
        },
    )
    return int(report["id"])


def overdue_request(server: LiveServer, monkeypatch: pytest.MonkeyPatch) -> int:
    request_id = request(server)
    later = clock.today() + timedelta(days=14)  # past the 5 working days (第二十七条)
    monkeypatch.setattr(clock, "today", lambda: later)
    return request_id


def dispute(server: LiveServer, monkeypatch: pytest.MonkeyPatch) -> int:
    request_id = provider_rejected(server)
    Http(server, "B", Role.APPLICANT).post(
        f"/requests/{request_id}/dispute", {"reason": "核验户籍是低保审核的法定环节"}
    )
    return request_id


def expiring_grant(server: LiveServer, monkeypatch: pytest.MonkeyPatch) -> int:
    return request(
        server, days=10, share_type="unconditional", share_conditions=None, share_scope=None
    )


def agreement_to_sign(server: LiveServer, monkeypatch: pytest.MonkeyPatch) -> int:
    """An agreement awaiting the consumer (B), whose filed resource admin signs first."""
    return awaiting_agreement(server)[1]


@dataclass(frozen=True)
class Case:
    kind: str
    make: Callable[[LiveServer, pytest.MonkeyPatch], int]
    dept: str
    role: Role


CASES = [
    Case("entry_returned", returned_entry, "A", Role.REGISTRAR),
    Case("entry_review", lambda s, m: entry(s, until="submitted"), "A", Role.CATALOG_REVIEWER),
    Case("entry_confirm", lambda s, m: entry(s, until="approved"), "P", Role.PLATFORM_ADMIN),
    Case("change_report", change_report, "P", Role.PLATFORM_ADMIN),
    Case("request_decide", lambda s, m: request(s), "A", Role.RESOURCE_ADMIN),
    Case("request_platform_decide", lambda s, m: provider_approved(s), "P", Role.PLATFORM_ADMIN),
    Case("request_overdue", overdue_request, "P", Role.PLATFORM_ADMIN),
    Case("dispute", dispute, "P", Role.PLATFORM_ADMIN),
    Case("request_rejected", lambda s, m: provider_rejected(s), "B", Role.APPLICANT),
    Case("grant_expiring", expiring_grant, "B", Role.APPLICANT),
    # no to-do of the applicant's (tested below): the consumer department signs through its
    # filed resource admin (第三十条)
    Case("agreement_sign", agreement_to_sign, "B", Role.RESOURCE_ADMIN),
]


def test_every_kind_of_the_platform_has_a_target_and_a_test() -> None:
    from govshare_desktop.home.presenter import KIND_LABELS
    from tests.desktop.assessment.test_todos import CASES as ASSESSMENT_CASES
    from tests.desktop.rectification.test_todos import CASES as RECTIFICATION_CASES
    from tests.desktop.security.test_todos import CASES as ADMIN_CASES
    from tests.desktop.usage.test_todos import CASES as USAGE_CASES  # (these import this module)

    # the usage, assessment, rectification and administrators' kinds are driven in their
    # test_todos.py (tests/desktop/usage/, assessment/, rectification/, security/), delivery_due
    # in tests/desktop/exchange/test_deliveries_page.py::test_delivery_due_todo_opens_the_entry,
    # calendar_confirm in tests/desktop/platform_admin/test_workdays.py (its object is a year)
    elsewhere = [USAGE_CASES, ASSESSMENT_CASES, RECTIFICATION_CASES, ADMIN_CASES]
    tested = {c.kind for c in CASES} | {c.kind for cs in elsewhere for c in cs}
    tested |= {"delivery_due", "calendar_confirm"}
    labelled = set(KIND_LABELS) | {k.value for k in AdminTodo}  # the admins': core labels
    assert tested == set(TODO_TARGETS) == labelled


# --- driving the widgets --------------------------------------------------------------------


def listed_ids(page: QWidget) -> set[int]:
    """The ids (and request ids) of the rows in the page's visible lists."""
    found: set[int] = set()
    for view in page.findChildren(QAbstractItemView):
        model = view.model()
        if model is None or not view.isVisibleTo(page) or not hasattr(model, "rows"):
            continue
        for row in model.rows():
            found.update(int(row[k]) for k in ("id", "request_id") if row.get(k) is not None)
    return found


def selected_ids(page: QWidget) -> set[int]:
    """The ids of the current rows of the page's visible lists (the agreement in the viewer)."""
    if isinstance(page, AgreementsPage):
        shown = page.viewer.agreement if page.ui.stack.currentIndex() == VIEWER else None
        return {int(shown["id"])} if shown else set()
    found: set[int] = set()
    for view in page.findChildren(QAbstractItemView):
        model, index = view.model(), view.currentIndex()
        if view.isVisibleTo(page) and index.isValid() and hasattr(model, "row_data"):
            row = model.row_data(index.row())
            found.update(int(row[k]) for k in ("id", "request_id") if row.get(k) is not None)
    return found


def signed_in_window(qtbot, make_context, tmp_path, dept: str, role: Role) -> MainWindow:
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    window = MainWindow(context=make_context(dept, role), settings=settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def home_row(qtbot, window: MainWindow, kind: str, object_id: int) -> int:
    home = window.pages["home"]

    def row() -> int:
        items = [home.model.item(r) for r in range(home.model.rowCount())]
        keys = [(i["kind"], i["object_id"]) for i in items]
        return keys.index((kind, object_id)) if (kind, object_id) in keys else -1

    qtbot.waitUntil(lambda: row() >= 0, timeout=WAIT)
    return row()


def double_click(qtbot, view: QAbstractItemView, row: int) -> None:
    view.scrollTo(view.model().index(row, 1))
    rect = view.visualRect(view.model().index(row, 1))
    assert rect.isValid(), "the row is not laid out"
    # a press first: an item view only takes a double-click on the index it saw pressed
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.kind)
def test_double_clicking_a_todo_opens_its_object(
    qtbot, live_server: LiveServer, make_context, tmp_path, monkeypatch, case: Case
) -> None:
    object_id = case.make(live_server, monkeypatch)
    window = signed_in_window(qtbot, make_context, tmp_path, case.dept, case.role)
    home = window.pages["home"]
    row = home_row(qtbot, window, case.kind, object_id)

    double_click(qtbot, home.table, row)

    target = TODO_TARGETS[case.kind]
    assert window.current_key() == target.page
    page = window.pages[target.page]
    if isinstance(page, ObjectPage):  # the page selects the object itself
        qtbot.waitUntil(lambda: object_id in selected_ids(page), timeout=WAIT)
    else:  # it cannot select yet: its list shows the object, and the status bar says so
        qtbot.waitUntil(lambda: object_id in listed_ids(page), timeout=WAIT)
        assert str(object_id) in window.statusBar().currentMessage()


def page_factories() -> dict[str, Callable[[Any], QWidget]]:
    return {s.key: s.factory for s in [*catalog_specs(), *request_specs(), *agreement_specs()]}


def detail_shown(page: QWidget, object_id: int) -> bool:
    """The page shows the object's detail (its own way)."""
    if isinstance(page, MyEntriesPage):  # the entry opens in its form, with the reason
        dialog = page.last_dialog
        form = dialog.form if dialog is not None else None
        return form is not None and form.entry is not None and form.entry["id"] == object_id
    if isinstance(page, ReviewPage):
        return page.current is not None and page.ui.diffTable.rowCount() > 0
    if isinstance(page, RequestsPage):
        return page.detail is not None and int(page.detail["id"]) == object_id
    if isinstance(page, AgreementsPage):
        return page.viewer.page_count() > 0 and page.viewer.checks is not None
    if isinstance(page, GrantsPage):
        grant = page.current_grant()
        return grant is not None and int(grant["request_id"]) == object_id
    raise AssertionError(page)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.kind)
def test_show_object_selects_the_todo_object_and_shows_it(
    qtbot, live_server: LiveServer, make_context, monkeypatch, case: Case
) -> None:
    object_id = case.make(live_server, monkeypatch)
    context = make_context(case.dept, case.role)
    page = page_factories()[TODO_TARGETS[case.kind].page](context)
    qtbot.addWidget(page)
    page.show()
    assert page.show_object(case.kind, object_id) is True
    qtbot.waitUntil(lambda: object_id in selected_ids(page), timeout=WAIT)
    qtbot.waitUntil(lambda: detail_shown(page, object_id), timeout=WAIT)
    if isinstance(page, MyEntriesPage) and page.last_dialog is not None:
        page.last_dialog.close()


def test_the_applicant_is_never_given_the_agreement_as_a_todo(
    qtbot, live_server: LiveServer, make_context, tmp_path
) -> None:
    """第三十条: the consumer department signs through its filed resource admin; the applicant
    waits and can do nothing, so the home page does not list it as the applicant's task."""
    agreement_id = awaiting_agreement(live_server)[1]
    rejected = provider_rejected(live_server)  # something the applicant must act on
    window = signed_in_window(qtbot, make_context, tmp_path, "B", Role.APPLICANT)
    home_row(qtbot, window, "request_rejected", rejected)
    home = window.pages["home"]
    kinds = {home.model.item(r)["kind"] for r in range(home.model.rowCount())}
    assert "agreement_sign" not in kinds
    assert not can_act("agreement_sign", {"applicant"})

    # the consumer's filed resource admin opens it from the to-do list, in the viewer
    signer = signed_in_window(qtbot, make_context, tmp_path, "B", Role.RESOURCE_ADMIN)
    home_row(qtbot, signer, "agreement_sign", agreement_id)
    opened = signer.open_todo("agreement_sign", agreement_id, "awaiting_consumer")
    assert signer.current_key() == "agreements" and opened is Opened.SELECTED
    page = signer.pages["agreements"]
    qtbot.waitUntil(lambda: agreement_id in selected_ids(page), timeout=WAIT)


def test_a_kind_without_a_page_for_the_user_says_so(qtbot, make_context, tmp_path) -> None:
    window = signed_in_window(qtbot, make_context, tmp_path, "A", Role.REGISTRAR)
    assert window.open_todo("request_platform_decide", 7, "provider_approved") is None
    assert window.current_key() == "home"
    assert "没有处理此事项的页面" in window.statusBar().currentMessage()
