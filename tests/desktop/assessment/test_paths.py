"""The assessment paths at the API boundary: each answer is checked against its core schema
(RoundOut, ResultOut, ScorecardOut, RoundReportOut, …) before the page sees it, and the page's
changes carry If-Match on the round's version."""

from __future__ import annotations

import pytest

from govshare_core.assessment_schemas import (
    ExplanationOut,
    ResultOut,
    RoundOut,
    RoundReportOut,
    ScorecardOut,
)
from govshare_desktop.api import actions
from govshare_desktop.api import assessment_paths as paths
from govshare_desktop.api.client import _checked_json
from govshare_desktop.api.errors import ApiError
from govshare_desktop.assessment import sending


@pytest.mark.parametrize(
    ("method", "path", "schema"),
    [
        ("GET", paths.rounds_path(), paths.RoundPage),
        ("POST", paths.rounds_path(), RoundOut),
        ("GET", paths.round_path(3), RoundOut),
        ("POST", paths.round_action_path(3, "recompute"), RoundOut),
        ("POST", paths.round_action_path(3, "publish"), RoundOut),
        ("GET", paths.results_path(3), paths.ResultList),
        ("GET", paths.scorecard_path(3, 12), ScorecardOut),
        ("POST", paths.adjust_path(3, 12), ResultOut),
        ("POST", paths.explanations_path(3, 12), ExplanationOut),
        ("GET", paths.report_path(3), RoundReportOut),
        ("GET", paths.indicators_path(), paths.IndicatorList),
    ],
)
def test_every_answer_has_its_schema(method: str, path: str, schema: object) -> None:
    assert actions.schema_for(method, path) is schema


def test_answers_that_do_not_fit_are_errors() -> None:
    page = {"items": [{"id": 7}], "total": 1, "offset": 0, "limit": 50}
    for path, data in ((paths.rounds_path(), page), (paths.results_path(3), [{"rank": 1}])):
        with pytest.raises(ApiError) as info:
            _checked_json("GET", path, data)
        assert info.value.code == "unexpected_response"
    assert _checked_json("GET", paths.results_path(3), []) == []


def test_changes_carry_the_rounds_version() -> None:
    row = {"id": 3, "version": 5}
    publish = sending.round_action(row, "publish", label="发布")
    assert (publish.method, publish.path, publish.if_match) == (
        "POST",
        paths.round_action_path(3, "publish"),
        5,
    )
    adjust = sending.adjust(row, 12, 80.0, "理由", label="调整")
    assert adjust.if_match == 5 and adjust.body == {"score": 80.0, "reason": "理由"}
    explain = sending.explain(row, 12, "申辩", label="申辩")
    assert explain.if_match is None and explain.body == {"text": "申辩"}
    opened = sending.open_round("2026-Q3", None, label="新建")
    assert opened.body == {"period": "2026-Q3"} and opened.if_match is None
