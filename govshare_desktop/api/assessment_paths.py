"""Paths of the assessment endpoints (考核评估, 第三十四条; govshare_core/assessment_schemas.py
lists them) and the schemas their answers are checked against. The assessment page wraps the
changes in `api.actions.Action`s for the session's sync engine (assessment/sending.py).
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, RootModel

from govshare_core.assessment_schemas import (
    ExplanationOut,
    IndicatorDefOut,
    ResultOut,
    RoundOut,
    RoundReportOut,
    ScorecardOut,
)
from govshare_core.schemas import Page

API_PREFIX = "/api/v1"  # the same prefix as api/actions.py (which imports this module)
ASSESSMENT = f"{API_PREFIX}/assessment"
ROUNDS = f"{ASSESSMENT}/rounds"
INDICATORS = f"{ASSESSMENT}/indicators"

RoundAction = Literal["recompute", "publish"]

_ROUND = re.compile(rf"^{re.escape(ROUNDS)}/\d+(?:/(recompute|publish))?$")
_RESULTS = re.compile(rf"^{re.escape(ROUNDS)}/\d+/results$")
_SCORECARD = re.compile(rf"^{re.escape(ROUNDS)}/\d+/results/\d+$")
_ADJUST = re.compile(rf"^{re.escape(ROUNDS)}/\d+/results/\d+/adjust$")
_EXPLANATIONS = re.compile(rf"^{re.escape(ROUNDS)}/\d+/results/\d+/explanations$")
_REPORT = re.compile(rf"^{re.escape(ROUNDS)}/\d+/report$")


class RoundPage(Page):
    """A page of rounds (GET /assessment/rounds), its items checked as RoundOut."""

    items: list[RoundOut]


class ResultList(RootModel[list[ResultOut]]):
    """GET …/rounds/{id}/results: the results by rank."""


class IndicatorList(RootModel[list[IndicatorDefOut]]):
    """GET …/assessment/indicators: every indicator's definition."""


# --- reads ------------------------------------------------------------------------------------


def indicators_path() -> str:
    return INDICATORS


def rounds_path() -> str:
    """GET: a Page of RoundOut (`status`, `period_kind`, paging); POST RoundIn: open a round."""
    return ROUNDS


def round_path(round_id: int) -> str:
    """GET: RoundOut (ETag W/"<version>")."""
    return f"{ROUNDS}/{round_id}"


def results_path(round_id: int) -> str:
    """GET: the results by rank (supervisor: all; others: all once published, else their own)."""
    return f"{round_path(round_id)}/results"


def scorecard_path(round_id: int, department_id: int) -> str:
    """GET: a department's ScorecardOut (the same visibility as the results)."""
    return f"{results_path(round_id)}/{department_id}"


def report_path(round_id: int) -> str:
    """GET: RoundReportOut, everything the printed report needs (`department_id` narrows it)."""
    return f"{round_path(round_id)}/report"


# --- paths of changes -------------------------------------------------------------------------


def round_action_path(round_id: int, action: RoundAction) -> str:
    """POST, If-Match on the round's version: recompute the draft, or publish it (第三十四条)."""
    return f"{round_path(round_id)}/{action}"


def adjust_path(round_id: int, department_id: int) -> str:
    """POST AdjustIn, If-Match on the round's version: the supervisor's adjusted score."""
    return f"{scorecard_path(round_id, department_id)}/adjust"


def explanations_path(round_id: int, department_id: int) -> str:
    """POST ExplanationIn: the department's explanation (申辩) while the round is a draft."""
    return f"{scorecard_path(round_id, department_id)}/explanations"


# --- answers ----------------------------------------------------------------------------------


def schema_for(method: str, path: str) -> type[BaseModel] | None:
    """The model the platform answers `method path` with, for this domain's paths (else None)."""
    path = path.split("?")[0]
    if not path.startswith(ASSESSMENT):
        return None
    if method == "GET":
        reads: list[tuple[re.Pattern[str], type[BaseModel]]] = [
            (_ROUND, RoundOut),
            (_RESULTS, ResultList),
            (_SCORECARD, ScorecardOut),
            (_REPORT, RoundReportOut),
        ]
        if path == ROUNDS:
            return RoundPage
        if path == INDICATORS:
            return IndicatorList
        return next((model for pattern, model in reads if pattern.match(path)), None)
    if method == "POST":
        if path == ROUNDS or _ROUND.match(path):
            return RoundOut
        if _ADJUST.match(path):
            return ResultOut
        if _EXPLANATIONS.match(path):
            return ExplanationOut
    return None
