"""Imports every domain's models so that `Base.metadata` is complete (Alembic, create_all)."""

from __future__ import annotations

import importlib

from govshare_platform.db import Base

DOMAINS = (
    "departments",
    "auth",
    "audit",
    "policy",
    "idempotency",
    "catalog",
    "requests",
    "grants",
    "pki",
    "agreements",
    "exchange",
    "usage",
    "supervision",
    "assessment",
)


def load_all() -> type[Base]:
    for domain in DOMAINS:
        importlib.import_module(f"govshare_platform.{domain}.models")
    return Base
