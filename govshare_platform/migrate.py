"""Run Alembic migrations programmatically (init-db, tests, the embedded demo platform)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade(url: str, revision: str = "head") -> None:
    """Bring the database at `url` to `revision` (same migrations on SQLite and PostgreSQL)."""
    command.upgrade(alembic_config(url), revision)


def autogenerate(url: str, message: str) -> None:
    """Developer helper: write a new revision from the models' difference to `url`."""
    command.revision(alembic_config(url), message=message, autogenerate=True)
