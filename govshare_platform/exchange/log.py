"""Writing the exchange log (第二十六条): one record per delivery, download and query, refused and
aborted attempts too, plus an audit event beside it (the log is not the audit trail).

A refusal is recorded in a transaction of its own (`record_standalone`): the request's own
transaction rolls back with the refusal, the record must not.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from govshare_core.exchange import AccessAction, AccessOutcome
from govshare_platform.audit import service as audit
from govshare_platform.exchange.models import ExchangeLog

AUDIT_ACTIONS = {
    AccessAction.DELIVERY: "exchange_delivery",
    AccessAction.DOWNLOAD: "exchange_download",
    AccessAction.QUERY: "exchange_query",
}


def record(
    session: Session,
    *,
    action: AccessAction,
    outcome: AccessOutcome,
    user_id: int | None,
    user_name: str | None,
    department_id: int,
    entry_id: int | None = None,
    provider_department_id: int | None = None,
    delivery_id: int | None = None,
    grant_ids: Sequence[int] = (),
    items: Sequence[str] = (),
    rows: int = 0,
    bytes_: int = 0,
    reason: str | None = None,
    client_address: str | None = None,
) -> ExchangeLog:
    """Add the log record and its audit event in `session`'s transaction."""
    row = ExchangeLog(
        action=str(action),
        outcome=str(outcome),
        reason=reason,
        user_id=user_id,
        department_id=department_id,
        entry_id=entry_id,
        provider_department_id=provider_department_id,
        delivery_id=delivery_id,
        grant_ids=list(grant_ids),
        items=list(items),
        rows=rows,
        bytes=bytes_,
        client_address=client_address,
    )
    session.add(row)
    session.flush()
    details: dict[str, Any] = {"log_id": row.id, "rows": rows, "bytes": bytes_}
    if reason:
        details["reason"] = reason
    if items:
        details["items"] = list(items)
    audit.append(
        session,
        action=AUDIT_ACTIONS[action],
        actor_id=user_id,
        actor_name=user_name,
        department_id=department_id,
        object_type="catalog_entry" if entry_id is not None else None,
        object_id=entry_id,
        details=details,
        client_address=client_address,
        outcome="ok" if outcome == AccessOutcome.OK else str(outcome),
    )
    return row


def record_standalone(factory: sessionmaker[Session], **kwargs: Any) -> None:
    """`record` in a transaction of its own (refusals: the request's transaction rolls back)."""
    with factory() as session:
        audit.begin_write(session)
        record(session, **kwargs)
        session.commit()
