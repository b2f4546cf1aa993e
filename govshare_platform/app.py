"""The FastAPI application factory."""

from __future__ import annotations

import functools
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI
from starlette.routing import BaseRoute

from govshare_core import __version__
from govshare_platform import errors, http_guard
from govshare_platform.db import make_engine, make_session_factory, warm_shared_aliases
from govshare_platform.maintenance import Scheduler
from govshare_platform.pki.authority import load_ca
from govshare_platform.settings import Settings, get_settings

API_PREFIX = "/api/v1"


def _routers() -> list[APIRouter]:
    from govshare_platform.agreements.api import router as agreements
    from govshare_platform.agreements.templates_api import router as agreement_templates
    from govshare_platform.assessment.api import router as assessment
    from govshare_platform.audit.api import router as audit
    from govshare_platform.auth.api import router as auth
    from govshare_platform.catalog.api import router as catalog
    from govshare_platform.departments.api import router as departments
    from govshare_platform.exchange.access_api import router as exchange_access
    from govshare_platform.exchange.api import router as exchange
    from govshare_platform.exchange.log_api import router as exchange_log
    from govshare_platform.grants.api import router as grants
    from govshare_platform.inbox.api import router as inbox
    from govshare_platform.pki.api import router as pki
    from govshare_platform.policy.api import router as policy
    from govshare_platform.requests.api import router as requests
    from govshare_platform.requests.grants_api import router as grant_actions
    from govshare_platform.security.api import router as security
    from govshare_platform.supervision.api import router as rectifications
    from govshare_platform.usage.api import router as usage

    # The busiest first: a request is matched against the routes in this order, every route
    # before its own costs CPU (at the end of the list ~1 ms a request). No two routers share a
    # first path segment except grants/grant_actions and the exchange routers, which keep their
    # relative order, so the order never changes which route answers.
    return [
        catalog,
        requests,
        inbox,
        auth,
        security,
        departments,
        audit,
        policy,
        grants,
        grant_actions,
        pki,
        agreements,
        agreement_templates,
        exchange,
        exchange_access,
        exchange_log,
        usage,
        rectifications,
        assessment,
    ]


@functools.cache
def _api_routes() -> tuple[BaseRoute, ...]:
    """The API's routes under API_PREFIX, made once per process and shared by every app
    `create_app` makes (the tests make one per test, the desktop's demo one more).

    FastAPI resolves an included router's routes (their parameters and dependencies) on the
    router's first request, about 140 ms for these; an app of its own per include would pay
    that again for each app. None of it depends on the settings: the routes reach the database,
    settings and CA through `request.app.state`, and no app overrides a dependency. The first
    call also resolves the shared aliases (db.shared_alias) before any request thread can race
    on their first use.
    """
    api = APIRouter()
    for router in _routers():
        api.include_router(router, prefix=API_PREFIX)
    warm_shared_aliases()  # every module's aliases exist now (the routers imported them)
    return tuple(api.routes)


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings: Settings = app.state.settings
    scheduler = None
    if settings.maintenance_interval_minutes > 0:
        interval = settings.maintenance_interval_minutes * 60
        scheduler = Scheduler(app.state.session_factory, interval, settings)
        scheduler.start()
    yield
    if scheduler is not None:
        scheduler.stop()


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app for `settings` (default: from the environment)."""
    settings = settings or get_settings()
    app = FastAPI(
        lifespan=_lifespan,
        title="GovShare platform",
        version=__version__,
        description="政务信息资源共享平台 (目录系统 + 交换系统) reference server.",
    )
    engine = make_engine(settings.database_url, echo=settings.sql_echo)
    app.state.settings = settings
    app.state.engine = engine
    app.state.session_factory = make_session_factory(engine)
    # The CA's keys, decrypted once; None runs the platform without certificates (503 on them).
    # A CA configured but unreadable (files, passphrase) stops the start: better than a silent 503.
    app.state.ca = load_ca(settings)
    errors.install(app)
    http_guard.install(app, settings)
    app.router.routes.extend(_api_routes())

    @app.get("/healthz", tags=["health"])
    def healthz() -> dict[str, str]:
        return {"status": "ok", "version": __version__}

    return app
