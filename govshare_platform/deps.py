"""Request dependencies: the database session, the authenticated caller, role checks.

Every non-public endpoint takes `ReadCtx` or `WriteCtx`; both authenticate the bearer token
(401 otherwise) and carry the user, their department and roles. Permission denials are written
to the audit trail in a transaction of their own, so they survive the failed request.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from ipaddress import IPv4Network, IPv6Network, ip_address, ip_network
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
from govshare_platform.security.service import password_change_required, password_expired
from govshare_platform.settings import Settings
from govshare_platform.sorting import SortKeys


def get_factory(request: Request) -> sessionmaker[Session]:
    factory: sessionmaker[Session] = request.app.state.session_factory
    return factory


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[IPv4Network | IPv6Network, ...]:
    return tuple(ip_network(e.strip(), strict=False) for e in entries if e.strip())


def _trusted(host: str, networks: tuple[IPv4Network | IPv6Network, ...]) -> bool:
    try:
        address = ip_address(host)
    except ValueError:
        return False
    return any(address in net for net in networks)


def client_address(request: Request) -> str | None:
    """The address audited for the request: the peer's, unless the peer is one of the
    `trusted_proxies` settings, when the nearest untrusted hop of X-Forwarded-For is taken
    (issue 11, finding 12: the header is never believed from anyone else)."""
    peer = request.client.host if request.client else None
    networks = _networks(tuple(get_settings(request).trusted_proxies))
    if peer is None or not networks or not _trusted(peer, networks):
        return peer
    hops = [h.strip() for h in ",".join(request.headers.getlist("x-forwarded-for")).split(",")]
    for hop in reversed([h for h in hops if h]):
        try:
            ip_address(hop)
        except ValueError:
            return peer  # a malformed chain: keep the proxy's own address
        if not _trusted(hop, networks):
            return hop
    return peer


@contextmanager
def _session(request: Request, *, write: bool) -> Iterator[Session]:
    with get_factory(request)() as session:
        if write:
            audit.begin_write(session)
        try:
            yield session
        finally:
            session.rollback()  # endpoints commit explicitly; anything left is discarded


def read_session(request: Request) -> Iterator[Session]:
    with _session(request, write=False) as session:
        yield session


def write_session(request: Request) -> Iterator[Session]:
    with _session(request, write=True) as session:
        yield session


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
    found = authenticate(
        session,
        factory,
        raw_token=_bearer(authorization),
        idle_timeout_minutes=settings.idle_timeout_minutes,
        write=write,
    )
    user = found.user
    if (request.method, _api_path(request)) not in OPEN_WHILE_CHANGE_REQUIRED and (
        # security.service.must_change, with the policy read in authenticate's statement
        user.must_change_password or password_expired(user, found.password_policy)
    ):
        raise password_change_required()
    return Ctx(session, user, found.token, client_address(request), factory, settings)


OPEN_WHILE_CHANGE_REQUIRED = frozenset(
    {
        ("GET", "/me"),
        ("POST", "/auth/password"),
        ("POST", "/auth/logout"),
        ("GET", "/security/password-policy"),
    }
)
"""What a user who must change their password may still call (403 `password_change_required`
elsewhere; 第三十三条)."""


def _api_path(request: Request) -> str:
    return request.url.path.removeprefix("/api/v1")


def read_ctx(
    request: Request, authorization: Annotated[str | None, Header()] = None
) -> Iterator[Ctx]:
    # the session and the caller in one dependency: one thread hop fewer per request than a
    # session dependency beneath this one (each sync dependency runs in the thread pool)
    with _session(request, write=False) as session:
        yield _ctx(request, session, authorization, write=False)


def write_ctx(
    request: Request, authorization: Annotated[str | None, Header()] = None
) -> Iterator[Ctx]:
    with _session(request, write=True) as session:
        yield _ctx(request, session, authorization, write=True)


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


MAX_ID = 2**31 - 1
"""The largest id of an INTEGER id column (PostgreSQL's int4: departments, entries, users …)."""
MAX_BIG_ID = 2**63 - 1
"""The largest id of a BIGINT id column (the exchange log's and the audit trail's records)."""


def id_query(description: str, *, maximum: int = MAX_ID) -> Any:
    """An optional id filter of a list, 1 … `maximum`: anything else is 422 when the parameter
    is parsed, never left to the database (PostgreSQL's "out of range" on a compared value)."""
    return Query(None, ge=1, le=maximum, description=description)
