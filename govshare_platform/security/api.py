"""The password policy (第三十三条): every signed-in user reads it (the desktop checks a new
password with govshare_core.passwords before sending); the security admin changes it."""

from __future__ import annotations

from fastapi import APIRouter, Response
from sqlalchemy import update

from govshare_core.security_schemas import PasswordPolicyIn, PasswordPolicyOut
from govshare_core.vocab import Role
from govshare_platform.deps import Ctx, IfMatch, ReadCtx, WriteCtx
from govshare_platform.errors import Problem
from govshare_platform.policy.models import Policy
from govshare_platform.policy.service import get_policy
from govshare_platform.security.service import password_policy, policy_version
from govshare_platform.versioning import check_if_match, etag

router = APIRouter(tags=["security"])

PATH = "/security/password-policy"


def _out(ctx: Ctx, response: Response) -> PasswordPolicyOut:
    policy, version = password_policy(ctx.db), policy_version(ctx.db)
    response.headers["ETag"] = etag(version)
    return PasswordPolicyOut(
        min_length=policy.min_length,
        min_classes=policy.min_classes,
        max_age_days=policy.max_age_days,
        lockout_threshold=ctx.settings.lockout_threshold,
        lockout_minutes=ctx.settings.lockout_minutes,
        version=version,
    )


@router.get(PATH, response_model=PasswordPolicyOut)
def read_password_policy(ctx: ReadCtx, response: Response) -> PasswordPolicyOut:
    return _out(ctx, response)


@router.patch(PATH, response_model=PasswordPolicyOut)
def update_password_policy(
    body: PasswordPolicyIn, ctx: WriteCtx, response: Response, if_match: IfMatch = None
) -> PasswordPolicyOut:
    """Change the policy (security admin; If-Match: its `version`). A stricter policy applies
    to the next new password; a shorter `max_age_days` may force changes at the next request.
    The policy row's own `version` (the platform admin's PATCH /policy) is left alone."""
    ctx.require(Role.SECURITY_ADMIN)
    get_policy(ctx.db)  # the row exists from here on
    current = policy_version(ctx.db)
    check_if_match(if_match, current)
    before = password_policy(ctx.db)
    changes = {
        f"password_{name}": value for name, value in body.model_dump(exclude_none=True).items()
    }
    if changes:
        result = ctx.db.execute(
            update(Policy)
            .where(Policy.id == 1, Policy.password_policy_version == current)
            .values(**changes, password_policy_version=current + 1)
            .execution_options(synchronize_session=False)
        )
        if not getattr(result, "rowcount", 1):  # changed by another request since the check
            raise Problem(
                412, "version_conflict", "the object was changed by someone else", extra={}
            )
        ctx.audit(
            "password_policy_update",
            object_type="password_policy",
            object_id=1,
            details={
                "before": {
                    "min_length": before.min_length,
                    "min_classes": before.min_classes,
                    "max_age_days": before.max_age_days,
                },
                "changes": body.model_dump(exclude_none=True),
            },
        )
    ctx.db.commit()
    return _out(ctx, response)
