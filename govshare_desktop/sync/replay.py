"""Pure rules of the outbox replay: which resource an action touches, which errors are
transient, and whether a refused replay had in fact already been applied.

The last matters after "the platform processed the call but the answer was lost": a creating
POST is replayed safely by its Idempotency-Key, but a PUT or an action POST with If-Match then
meets 412 (its version moved on — because of itself). Comparing the platform's current object
with what the action would have produced tells the two cases apart.
"""

from __future__ import annotations

import re
from typing import Any

from govshare_core.assessment import RECTIFICATION, ROUND
from govshare_core.usage import DISCREPANCY, INQUIRY
from govshare_core.workflow import CATALOG_ENTRY, SHARE_REQUEST, StateMachine
from govshare_desktop.api import actions
from govshare_desktop.api.errors import ApiError

REF_PATTERN = re.compile(r"\{created:([0-9A-Za-z_-]+)\}")
# Actions on objects whose state machine lives in the core, by path: usage (第二十条, 第二十二条)
# …/usage/inquiries/7/answer, …/usage/discrepancies/7/actions/explain; rectification orders
# (第三十六条) …/rectifications/7/actions/accept; assessment rounds (第三十四条)
# …/assessment/rounds/7/publish. group(1): the object, group(2): its kind, group(3): the action.
_PREFIX = re.escape(actions.API_PREFIX)
_OBJECT_ACTION = re.compile(
    rf"^({_PREFIX}/(?:usage/)?(inquiries|discrepancies|rectifications)/\d+)/(?:actions/)?([a-z_]+)$"
    rf"|^({_PREFIX}/assessment/(rounds)/\d+)/(recompute|publish)$"
)
_OBJECT_MACHINES: dict[str, StateMachine] = {
    "inquiries": INQUIRY,
    "discrepancies": DISCREPANCY,
    "rectifications": RECTIFICATION,
    "rounds": ROUND,
}


def _object_action(path: str) -> tuple[str, StateMachine, str] | None:
    """(the object's path, its state machine, the action) of a core-machine action path."""
    match = _OBJECT_ACTION.match(path)
    if match is None:
        return None
    obj, kind, action = (g for g in match.groups() if g is not None)
    if kind in ("inquiries", "discrepancies") and "/usage/" not in obj:
        return None
    return obj, _OBJECT_MACHINES[kind], action


# Action path suffix (+ the decision in the body) → the state machine's transition names.
_ACTIONS: dict[str, tuple[str, ...]] = {
    "submit": ("submit",),
    "recall": ("recall",),
    "dept-approve": ("dept_approve",),
    "dept-return": ("dept_return",),
    "publish": ("publish",),
    "platform-return": ("platform_return",),
    "withdraw": ("withdraw",),
    "dispute": ("dispute",),
}
_DECISIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # suffix: (names when approved / overturned, names when rejected / upheld)
    "provider-decision": (("provider_approve",), ("provider_reject",)),
    "platform-decision": (("platform_approve", "platform_approve_statutory"), ("platform_reject",)),
    "mediate": (("mediate_overturn",), ("mediate_uphold",)),
}


def created_ref(idempotency_key: str) -> str:
    """A path placeholder for the id of the object a queued create will make."""
    return "{created:" + idempotency_key + "}"


def unresolved(path: str) -> bool:
    return REF_PATTERN.search(path) is not None


def resource_of(path: str) -> str | None:
    """The object an action path touches (`…/catalog/entries/12/submit` → `…/12`)."""
    path = REF_PATTERN.sub("0", path) if unresolved(path) else path
    if path in actions.SINGLETON_PATHS:  # the policy: the path is the object
        return path
    found = _object_action(path)
    if found:
        return found[0]
    parts = actions.split_path(path)
    return parts[0] if parts else None


def resource_key(item_path: str) -> str:
    """Key that orders and blocks actions on the same object (refs count as their own key)."""
    ref = REF_PATTERN.search(item_path)
    if ref:
        return "ref:" + ref.group(1)
    return resource_of(item_path) or item_path


data_kind = actions.data_kind


def is_transient(error: ApiError) -> bool:
    """Unreached platform or a 5xx: keep the action and retry later (same idempotency key)."""
    return error.status == 0 or error.status >= 500


def _machine(path: str) -> StateMachine | None:
    kind = actions.object_kind(path)
    return {"entry": CATALOG_ENTRY, "request": SHARE_REQUEST}.get(kind) if kind else None


def _action_names(suffix: str, body: Any) -> tuple[str, ...]:
    if suffix in _ACTIONS:
        return _ACTIONS[suffix]
    if suffix in _DECISIONS:
        yes, no = _DECISIONS[suffix]
        body = body if isinstance(body, dict) else {}
        return yes if body.get("approve", body.get("overturn", False)) else no
    return ()


def _targets(machine: StateMachine, names: tuple[str, ...]) -> set[str]:
    """States the named transitions lead to, plus where the platform itself moves on from there
    (a 无条件 request is granted at once on submission)."""
    targets = {t.target for t in machine.transitions if t.action in names}
    system = machine.system_steps()
    follow = {t.target for t in system if t.source & targets and t.action != "expire"}
    return targets | follow


def normalize(value: Any) -> Any:
    """Compare values as the platform stores them: None, "" and missing keys are the same; inside
    an object (a data item) so is False: a flag the client omits (`key`) is the platform's false."""
    if isinstance(value, dict):
        pairs = ((k, normalize(v)) for k, v in value.items())
        return {k: v for k, v in pairs if v is not False and v not in (None, [])}
    if isinstance(value, list):
        return [normalize(v) for v in value]
    if isinstance(value, str):
        return value.strip() or None
    return value


def same_fields(body: dict[str, Any], server: dict[str, Any]) -> bool:
    """True when every field the body sets already has that value on the platform."""
    return all(normalize(v) == normalize(server.get(k)) for k, v in body.items())


def may_be_applied(status: int, body: Any) -> bool:
    """Whether a refusal may be the action's own earlier effect (then the object is fetched and
    compared): 409/412 for any action; for a signed PDF also 403, the turn having passed on
    to the next party because of this very upload."""
    return status in (409, 412) or (status == 403 and actions.file_of(body) is not None)


def signature_applied(body: Any, if_match: int | None, server: dict[str, Any]) -> bool:
    """An uploaded signed PDF (extending revision `if_match`) whose answer was lost: the
    platform's current revision is the file, or the agreement has this field's signature from
    exactly the next revision (others may have signed since)."""
    if not isinstance(body, dict) or if_match is None:
        return False
    if body.get("sha256") and body["sha256"] == server.get("sha256"):
        return True  # the platform's current revision is this very file
    field = body.get("field_name")
    return bool(field) and any(
        s.get("field_name") == field and s.get("revision") == int(if_match) + 1
        for s in server.get("signatures") or []
    )


def already_applied(method: str, path: str, body: Any, if_match: int | None, server: Any) -> bool:
    """Whether the platform's current object already shows this action's effect."""
    if not isinstance(server, dict):
        return False
    if method in ("PUT", "PATCH") and isinstance(body, dict):
        return same_fields(body, server)
    if actions.file_of(body) is not None:
        return signature_applied(body, if_match, server)
    moved = if_match is None or int(server.get("version", 0)) > int(if_match)
    found = _object_action(path) if method == "POST" else None
    if found:  # an inquiry answered, an order accepted, ...: the step's target state
        _, object_machine, action = found
        return moved and server.get("status") in _targets(object_machine, (action,))
    parts = actions.split_path(path)
    machine = _machine(path)
    if method != "POST" or parts is None or not parts[1] or machine is None:
        return False
    names = _action_names(parts[1], body)
    return bool(names) and moved and server.get("status") in _targets(machine, names)
