"""Request dependencies: the database session, the authenticated caller, role checks.

Every non-public endpoint takes `ReadCtx` or `WriteCtx`; both authenticate the bearer token
(401 otherwise) and carry the user, their department and roles. Permission denials are written
to the audit trail in a transaction of their own, so they survive the failed request.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Header, Query, Request
from sqlalchemy.orm import Session, sessionmaker

from govshare_core.vocab import Role
from govshare_core.workflow import Actor
from govshare_platform.audit import service as audit
from govshare_platform.auth.models import AuthToken
from govshare_platform.auth.service import authenticate, unauthorized
from govshare_platform.departments.models import User
from govshare_platform.errors import Problem, forbidden
from govshare_platform.settings import Settings
from govshare_platform.sorting import SortKeys


def get_factory(request: Request) -> sessionmaker[Session]:
    factory: sessionmaker[Session] = request.app.state.session_factory
    return factory


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def client_address(request: Request) -> str | None:
    return request.client.host if request.client else None


def _session(request: Request, *, write: bool) -> Iterator[Session]:
    with get_factory(request)() as session:
        if write:
            audit.begin_write(session)
        try:
            yield session
        finally:
            session.rollback()  # endpoints commit explicitly; anything left is discarded


def read_session(request: Request) -> Iterator[Session]:
    yield from _session(request, write=False)


def write_session(request: Request) -> Iterator[Session]:
    yield from _session(request, write=True)


def _bearer(authorization: str | None) -> str:
    if not authorization or not authorization.lower().startswith("bearer "):
        raise unauthorized("not_authenticated", "a bearer token is required")
    return authorization.split(" ", 1)[1].strip()


@dataclass
class Ctx:
    """The authenticated caller and the request's database session."""

    db: Session
    user: User
    token: AuthToken
    client: str | None
    factory: sessionmaker[Session]
    settings: Settings

    @property
    def department_id(self) -> int:
        return self.user.department_id

    @property
    def roles(self) -> set[Role]:
        return set(self.user.roles)

    def has(self, *roles: Role) -> bool:
        return self.user.has_role(*roles)

    @property
    def actor(self) -> Actor:
        """The caller as the core's workflow rules see them (govshare_core.workflow.may_take)."""
        return Actor(
            user_id=self.user.id,
            roles=frozenset(self.roles),
            department_id=self.user.department_id,
            is_platform=self.user.department.is_platform,
        )

    def audit(self, action: str, **kwargs: Any) -> None:
        """Record an event in this request's transaction."""
        audit.append(self.db, **self._who(), action=action, client_address=self.client, **kwargs)

    def deny(self, detail: str = "not allowed for your role or department", **kw: Any) -> Problem:
        """Record a permission denial (in its own transaction) and return the 403 to raise."""
        who = self._who()
        self.db.rollback()  # release this request's locks before the audit append takes them
        audit.append_standalone(
            self.factory,
            **who,
            action="permission_denied",
            outcome="denied",
            client_address=self.client,
            details={"detail": detail, **kw},
        )
        return forbidden(detail)

    def require(self, *roles: Role) -> None:
        """403 unless the caller holds one of `roles`."""
        if not self.has(*roles):
            raise self.deny(f"requires one of: {', '.join(roles)}", roles=list(roles))

    def _who(self) -> dict[str, Any]:
        return {
            "actor_id": self.user.id,
            "actor_name": self.user.username,
            "department_id": self.user.department_id,
        }


def _ctx(request: Request, session: Session, authorization: str | None, *, write: bool) -> Ctx:
    settings, factory = get_settings(request), get_factory(request)
    token, user = authenticate(
        session,
        factory,
        raw_token=_bearer(authorization),
        idle_timeout_minutes=settings.idle_timeout_minutes,
        write=write,
    )
    return Ctx(session, user, token, client_address(request), factory, settings)


def read_ctx(
    request: Request,
    session: Annotated[Session, Depends(read_session)],
    authorization: Annotated[str | None, Header()] = None,
) -> Ctx:
    return _ctx(request, session, authorization, write=False)


def write_ctx(
    request: Request,
    session: Annotated[Session, Depends(write_session)],
    authorization: Annotated[str | None, Header()] = None,
) -> Ctx:
    return _ctx(request, session, authorization, write=True)


ReadCtx = Annotated[Ctx, Depends(read_ctx)]
WriteCtx = Annotated[Ctx, Depends(write_ctx)]
IdempotencyKey = Annotated[str | None, Header(alias="Idempotency-Key", max_length=200)]
IfMatch = Annotated[str | None, Header(alias="If-Match", max_length=100)]


def sort_query(keys: SortKeys) -> Any:
    """The `sort` query parameter of a paged list, its whitelist in the OpenAPI schema (`enum`,
    and the description). Parsed in the endpoint (`keys.parse`), after authentication."""
    return Query(None, description=keys.description(), json_schema_extra={"enum": keys.values()})


def text_query(description: str) -> Any:
    """The `q` word-search parameter of a list (at most 200 characters)."""
    return Query(None, max_length=200, description=description)
