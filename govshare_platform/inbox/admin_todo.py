"""To-do items of the security admin and the audit admin (三员分立, 第二十六条, 第三十三条),
collected into their inbox (govshare_platform.inbox). The kinds, their labels and who gets each
are govshare_core.separation's `AdminTodo`; an item goes only to who can close it at the desk.

The security admin (安全管理员):
- account_locked: an account locked after failed sign-ins, to unlock (or let the lock run out);
- password_pending: an active account whose temporary password (a new account, a reset) is not
  changed yet, or whose password is older than the policy's max_age_days;
  both only for accounts the security admin may administer (`may_administer_user`: never its
  own nor a privileged one, which the server's command line manages);
- filing_missing: a department without a filed (备案) resource administrator (第二十八条): nobody
  decides its share requests or signs its agreements until one is filed.

The audit admin (审计管理员):
- audit_chain_broken: the newest signed checkpoint no longer matches the trail (the head is
  behind it, or the checkpointed event is gone or re-hashed), or the newest verification
  recorded in the trail (`audit_verify`) failed, or the newest FULL one did (the maintenance
  sweep's daily one, govshare_platform.audit.scheduled, or `?full=true` at the desk): an
  incremental check that passes does not close what only a full one finds; a full one that
  passes does. Verify at the desk;
- audit_unanchored: the oldest event no checkpoint covers is older than ANCHOR_STALE_HOURS (no
  audit key configured, or no sweep running);
- audit_verify_overdue: no full verification is recorded for FULL_VERIFY_STALE_HOURS (the
  sweep's daily one stopped running, or dies while verifying) while the trail is older than that;
  a full verification at the desk closes it;
- audit_retention: events older than the policy's log_retention_years, waiting to be archived
  and purged with the server's command line (docs/security.md, "Retention").

Each check is a few indexed queries (never a walk of the chain): the inbox is read often.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Row, exists, func, or_, select

from govshare_core.rules import DEFAULT_LOG_RETENTION_YEARS
from govshare_core.separation import (
    ANCHOR_STALE_HOURS,
    FULL_VERIFY_STALE_HOURS,
    AdminTodo,
    AdminTodoState,
    admin_todos,
    may_administer_user,
    password_todo_state,
)
from govshare_platform import clock
from govshare_platform.audit.models import AuditCheckpoint, AuditEvent, AuditHead
from govshare_platform.audit.retention import years_before
from govshare_platform.departments.models import Department, ResourceAdminFiling, User
from govshare_platform.policy.service import get_policy
from govshare_platform.security.service import password_expired, password_policy

if TYPE_CHECKING:
    from govshare_platform.inbox.service import InboxBuilder

LIMIT = 200


def _name(user: User) -> str:
    full = (user.full_name or "").strip()
    return f"{full}（{user.username}）" if full else user.username


def _administered(b: InboxBuilder, user: User) -> bool:
    return may_administer_user(b.actor.user_id, b.actor.roles, user.id, user.roles)


def _locked(b: InboxBuilder, now: datetime) -> None:
    query = (
        select(User)
        .where(User.active, User.locked_until > now)
        .order_by(User.locked_until, User.id)
        .limit(LIMIT)
    )
    for user in b.session.scalars(query):
        if _administered(b, user):
            kind, state = AdminTodo.ACCOUNT_LOCKED, AdminTodoState.LOCKED
            b.add(kind, user.id, _name(user), state, None, can_be_late=False)


def _passwords(b: InboxBuilder, now: datetime) -> None:
    policy = password_policy(b.session)
    waiting: list[ColumnElement[bool]] = [User.must_change_password.is_(True)]
    if policy.max_age_days > 0:
        waiting.append(User.password_changed_at <= now - timedelta(days=policy.max_age_days))
    query = select(User).where(User.active, or_(*waiting)).order_by(User.id).limit(LIMIT)
    for user in b.session.scalars(query):
        state = password_todo_state(
            must_change=user.must_change_password,
            expired=password_expired(user, policy, now),
        )
        if state is not None and _administered(b, user):
            b.add(AdminTodo.PASSWORD_PENDING, user.id, _name(user), state, None, can_be_late=False)


def _filings(b: InboxBuilder) -> None:
    filed = exists().where(
        ResourceAdminFiling.department_id == Department.id, ResourceAdminFiling.active
    )
    query = (
        select(Department)
        .where(Department.is_platform.is_(False), ~filed)
        .order_by(Department.id)
        .limit(LIMIT)
    )
    for dept in b.session.scalars(query):
        kind, state = AdminTodo.FILING_MISSING, AdminTodoState.NO_FILING
        b.add(kind, dept.id, dept.name, state, None, can_be_late=False)


def _checkpoint_problem(b: InboxBuilder, head: AuditHead | None) -> AuditCheckpoint | None:
    """The newest checkpoint, when the trail no longer matches it (else None)."""
    cp = b.session.scalars(
        select(AuditCheckpoint).order_by(AuditCheckpoint.seq.desc(), AuditCheckpoint.id.desc())
    ).first()
    if cp is None:
        return None
    head_seq = head.seq if head is not None else 0
    base_seq = head.base_seq if head is not None else 0
    if head_seq < cp.seq:
        return cp  # events were deleted after the checkpoint
    if cp.seq <= base_seq:
        return None  # purged since (the purge takes a new checkpoint)
    stored = b.session.scalar(select(AuditEvent.hash).where(AuditEvent.seq == cp.seq))
    return cp if stored != cp.hash else None


def _newest_verifications(b: InboxBuilder) -> tuple[Row[Any] | None, Row[Any] | None]:
    """The newest `audit_verify` event and the newest full one, (seq, at, details) each (an
    index range of `ix_audit_events_action_seq` each, newest first)."""
    verifications = (
        select(AuditEvent.seq, AuditEvent.at, AuditEvent.details)
        .where(AuditEvent.action == "audit_verify")
        .order_by(AuditEvent.seq.desc())
        .limit(1)
    )
    full = verifications.where(AuditEvent.details["full"].as_boolean().is_(True))
    return b.session.execute(verifications).first(), b.session.execute(full).first()


def _failed(verification: Row[Any] | None) -> bool:
    """The verification recorded a broken chain."""
    details = None if verification is None else verification.details
    return isinstance(details, dict) and not details.get("ok", True)


def _full_verification_overdue(
    b: InboxBuilder, head: AuditHead, last_full: Row[Any] | None, now: datetime
) -> None:
    """The newest full verification, or the oldest event when there was none, older than
    FULL_VERIFY_STALE_HOURS; the item's object is that event (it stays the same while the trail
    grows)."""
    stale = now - timedelta(hours=FULL_VERIFY_STALE_HOURS)
    if last_full is None:
        oldest = b.session.execute(
            select(AuditEvent.seq, AuditEvent.at).where(AuditEvent.seq == head.base_seq + 1)
        ).first()
        if oldest is None or oldest.at > stale:
            return  # a young trail: the first daily run is still to come
        seq, title = oldest.seq, f"审计日志从未全量校验（已超过 {FULL_VERIFY_STALE_HOURS} 小时）"
    elif last_full.at > stale:
        return
    else:
        when = last_full.at.astimezone(clock.SHANGHAI).strftime("%Y-%m-%d %H:%M")
        seq = last_full.seq
        title = f"审计日志自 {when} 起超过 {FULL_VERIFY_STALE_HOURS} 小时未全量校验"
    kind, state = AdminTodo.AUDIT_VERIFY_OVERDUE, AdminTodoState.VERIFY_OVERDUE
    b.add(kind, int(seq), title, state, None, can_be_late=False)


def _chain(b: InboxBuilder, now: datetime) -> None:
    head = b.session.get(AuditHead, 1)
    broken = _checkpoint_problem(b, head)
    # the newest verification failed, or the newest full one did (a passing incremental one
    # does not close what only a full one finds)
    newest, newest_full = _newest_verifications(b)
    failed = next((v.seq for v in (newest, newest_full) if v is not None and _failed(v)), None)
    if broken is not None or failed is not None:
        seq = broken.seq if broken is not None else failed
        title = f"审计日志链校验未通过（第 {seq} 条事件）"
        kind, state = AdminTodo.AUDIT_CHAIN_BROKEN, AdminTodoState.BROKEN
        b.add(kind, int(seq or 0), title, state, None, can_be_late=False)
        return
    if head is None or head.seq <= head.base_seq:
        return  # nothing to verify or anchor
    _full_verification_overdue(b, head, newest_full, now)
    newest = b.session.scalar(select(func.max(AuditCheckpoint.seq)))
    first = max(newest or 0, head.base_seq) + 1  # the oldest event no checkpoint covers
    if first > head.seq:
        return  # the head is anchored
    since = b.session.scalar(select(AuditEvent.at).where(AuditEvent.seq == first))
    if since is not None and since > now - timedelta(hours=ANCHOR_STALE_HOURS):
        return  # recent: the hourly sweep anchors it (while a key is configured)
    title = f"第 {first} 条起的审计事件超过 {ANCHOR_STALE_HOURS} 小时未由签名检查点锚定"
    kind, state = AdminTodo.AUDIT_UNANCHORED, AdminTodoState.UNANCHORED
    b.add(kind, first, title, state, None, can_be_late=False)


def retention_cutoff(b: InboxBuilder) -> datetime:
    """The start (Asia/Shanghai) of the day `log_retention_years` before today: events before it
    may be archived and purged (第二十六条; never under five years)."""
    years = max(get_policy(b.session).log_retention_years, DEFAULT_LOG_RETENTION_YEARS)
    day = years_before(b.clock.today, years)
    return datetime.combine(day, time.min, tzinfo=clock.SHANGHAI)


def _retention(b: InboxBuilder) -> None:
    cutoff = retention_cutoff(b)
    count, last = b.session.execute(
        select(func.count(), func.max(AuditEvent.seq)).where(AuditEvent.at < cutoff)
    ).one()
    if count:
        title = f"{count} 条审计事件早于 {cutoff.date().isoformat()}，待归档后清理"
        kind, state = AdminTodo.AUDIT_RETENTION, AdminTodoState.ARCHIVE_DUE
        b.add(kind, int(last), title, state, None, can_be_late=False)


def collect(b: InboxBuilder) -> None:
    """Add the administrators' to-do items for `b.actor` (nothing for other roles)."""
    kinds = set(admin_todos(b.actor.roles))
    if not kinds:
        return
    now = clock.now()
    if AdminTodo.ACCOUNT_LOCKED in kinds:
        _locked(b, now)
    if AdminTodo.PASSWORD_PENDING in kinds:
        _passwords(b, now)
    if AdminTodo.FILING_MISSING in kinds:
        _filings(b)
    if AdminTodo.AUDIT_CHAIN_BROKEN in kinds:  # and the two others of the head: one look at it
        _chain(b, now)
    if AdminTodo.AUDIT_RETENTION in kinds:
        _retention(b)
