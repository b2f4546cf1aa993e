"""The changes of the assessment page as `Action`s for the session's SyncEngine (sent at once
online, kept in the outbox with their idempotency key offline; If-Match on the round's
version), and the reads the page makes in the background pool.

    context.sync.submit(sending.publish(round_row, label=...), done=...)
"""

from __future__ import annotations

from typing import Any

from govshare_core.assessment_schemas import RoundReportOut
from govshare_desktop.api import assessment_paths as paths
from govshare_desktop.api.actions import Action, JsonObject
from govshare_desktop.api.client import PlatformClient

# --- changes ----------------------------------------------------------------------------------


def open_round(period: str, title: str | None, *, label: str) -> Action:
    """A new round for `period` (RoundIn): the platform computes its snapshot at once."""
    body: JsonObject = {"period": period}
    if title:
        body["title"] = title
    return Action("POST", paths.rounds_path(), body, label=label)


def round_action(row: JsonObject, action: paths.RoundAction, *, label: str) -> Action:
    """重新计算 or 发布 (第三十四条 定期公布), If-Match on the round's version."""
    path = paths.round_action_path(int(row["id"]), action)
    return Action("POST", path, None, if_match=int(row["version"]), label=label)


def adjust(
    row: JsonObject, department_id: int, score: float | None, reason: str, *, label: str
) -> Action:
    """The supervisor's adjusted score with its reason (AdjustIn; `score` None removes it)."""
    path = paths.adjust_path(int(row["id"]), department_id)
    body: JsonObject = {"score": score, "reason": reason}
    return Action("POST", path, body, if_match=int(row["version"]), label=label)


def explain(row: JsonObject, department_id: int, text: str, *, label: str) -> Action:
    """The department's explanation (申辩, ExplanationIn) while the round is a draft."""
    path = paths.explanations_path(int(row["id"]), department_id)
    return Action("POST", path, {"text": text}, label=label)


# --- reads (background pool) ------------------------------------------------------------------


def rounds_page(
    client: PlatformClient, offset: int, limit: int, **params: Any
) -> tuple[list[JsonObject], int | None]:
    page = client.get(paths.rounds_path(), offset=offset, limit=limit, **params)
    total = page.get("total")
    return [dict(r) for r in page.get("items", [])], (int(total) if total is not None else None)


def round_details(client: PlatformClient, round_id: int) -> tuple[JsonObject, list[JsonObject]]:
    """The round afresh and its results by rank (what the caller may see)."""
    row = dict(client.get(paths.round_path(round_id)))
    results = [dict(r) for r in client.get(paths.results_path(round_id))]
    return row, results


def scorecard(client: PlatformClient, round_id: int, department_id: int) -> JsonObject:
    return dict(client.get(paths.scorecard_path(round_id, department_id)))


def report(
    client: PlatformClient, round_id: int, department_id: int | None = None
) -> RoundReportOut:
    """The round's report data (RoundReportOut), validated: what the PDF and XLSX are built
    from. `department_id` narrows it to one department's scorecard."""
    params = {"department_id": department_id} if department_id is not None else {}
    data = client.get(paths.report_path(round_id), **params)
    return RoundReportOut.model_validate(data)


def indicators(client: PlatformClient) -> list[JsonObject]:
    return [dict(d) for d in client.get(paths.indicators_path())]
