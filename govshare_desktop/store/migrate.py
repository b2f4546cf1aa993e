"""Bring an offline store to the newest schema at open (Alembic, run programmatically).

A store written before the migrations existed (tables made by `create_all`, no
alembic_version) is stamped as 0001 first, so nothing in it is lost.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BASELINE = "0001_initial"


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


@cache
def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate the store behind `engine` to `revision` (a no-op when it is already there)."""
    current = current_revision(engine)
    if revision == "head" and current == head_revision():
        return
    cfg = alembic_config(str(engine.url))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        if current is None and inspect(conn).has_table("drafts"):
            command.stamp(cfg, BASELINE)  # a pre-migration store: keep its data
        command.upgrade(cfg, revision)
