"""The API boundary: every path comes from `api.actions`, and every answer is checked against
the core's *Out schema before a screen sees it (a platform of another version is reported, not
half-shown)."""

from __future__ import annotations

import pytest

from govshare_core.schemas import (
    CatalogEntryOut,
    ChangeReportOut,
    GrantOut,
    Page,
    ShareRequestDetailOut,
)
from govshare_core.vocab import Role
from govshare_desktop.api import actions
from govshare_desktop.api.client import _checked_json
from govshare_desktop.api.errors import ApiError
from tests.desktop.catalog_support import entry_body


@pytest.mark.parametrize(
    ("method", "path", "schema"),
    [
        ("GET", actions.entries_path(), Page),
        ("GET", actions.entry_path(7), CatalogEntryOut),
        ("POST", actions.entries_path(), CatalogEntryOut),
        ("PUT", actions.entry_path(7), CatalogEntryOut),
        ("POST", actions.entry_action(7, "submit").path, CatalogEntryOut),
        ("POST", actions.entry_action("{created:k1}", "submit").path, CatalogEntryOut),
        ("POST", actions.report_change(7, {}).path, ChangeReportOut),
        ("POST", actions.change_report_action(3, "apply").path, ChangeReportOut),
        ("POST", actions.request_action(9, "provider-decision").path, ShareRequestDetailOut),
        ("POST", actions.revoke_grant(4, {}).path, GrantOut),
        ("DELETE", actions.entry_path(7), None),
    ],
)
def test_every_answer_has_its_schema(method: str, path: str, schema: object) -> None:
    assert actions.schema_for(method, path) is schema


def test_an_answer_that_does_not_fit_is_an_error() -> None:
    with pytest.raises(ApiError) as info:
        _checked_json("GET", actions.entry_path(7), {"id": 7})
    assert info.value.code == "unexpected_response"
    assert "版本" in info.value.message()


@pytest.mark.parametrize("path", sorted(actions.PAGE_ITEMS))
def test_a_list_item_that_does_not_fit_is_an_error(path: str) -> None:
    page = {"items": [{"id": 7}], "total": 1, "offset": 0, "limit": 50}
    with pytest.raises(ApiError) as info:
        _checked_json("GET", path, page)
    assert info.value.code == "unexpected_response"
    assert _checked_json("GET", path, dict(page, items=[], total=0))["total"] == 0


def test_real_answers_pass_the_check(make_context) -> None:  # type: ignore[no-untyped-def]
    ctx = make_context("A", Role.REGISTRAR)
    created = ctx.client.create_entry(entry_body("边界校验"), key="boundary-1")
    assert ctx.client.entry(int(created["id"]))["name"] == "边界校验"
    assert ctx.client.entries(limit=5)["total"] >= 1
    assert ctx.client.share_catalog(limit=5)["items"] is not None  # items checked one by one
    assert ctx.client.requests(limit=5)["total"] >= 0
    assert ctx.client.grants(limit=5)["total"] >= 0
    assert ctx.client.change_reports(limit=5)["total"] >= 0
    assert ctx.client.departments()
    assert ctx.client.attachments(int(created["id"])) == []
