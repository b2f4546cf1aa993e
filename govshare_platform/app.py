"""The FastAPI application factory."""

from __future__ import annotations

from fastapi import APIRouter, FastAPI

from govshare_core import __version__
from govshare_platform import errors
from govshare_platform.db import make_engine, make_session_factory
from govshare_platform.settings import Settings, get_settings

API_PREFIX = "/api/v1"


def _routers() -> list[APIRouter]:
    from govshare_platform.audit.api import router as audit
    from govshare_platform.auth.api import router as auth
    from govshare_platform.departments.api import router as departments
    from govshare_platform.policy.api import router as policy

    found = [auth, departments, audit, policy]
    for module in ("catalog", "requests", "grants", "inbox"):
        try:
            mod = __import__(f"govshare_platform.{module}.api", fromlist=["router"])
        except ModuleNotFoundError as exc:  # domains still being built
            if exc.name != f"govshare_platform.{module}.api":
                raise
            continue
        found.append(mod.router)
    return found


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app for `settings` (default: from the environment)."""
    settings = settings or get_settings()
    app = FastAPI(
        title="GovShare platform",
        version=__version__,
        description="政务信息资源共享平台 (目录系统 + 交换系统) reference server.",
    )
    engine = make_engine(settings.database_url, echo=settings.sql_echo)
    app.state.settings = settings
    app.state.engine = engine
    app.state.session_factory = make_session_factory(engine)
    errors.install(app)
    for router in _routers():
        app.include_router(router, prefix=API_PREFIX)

    @app.get("/healthz", tags=["health"])
    def healthz() -> dict[str, str]:
        return {"status": "ok", "version": __version__}

    return app
