"""Module-level SQLAlchemy aliases used by many request threads at once (db.shared_alias).

SQLAlchemy resolves an alias's columns on first use, and not thread-safely: seen in the suite as
GET /grants?q=… answering 500 (SAWarning "Did not locate an expression in selectable for
attribute 'id'", an error under the tests' warning filter); in production the warning is silent
and the column stays unadapted for the process's life (`catalog_entries.name` instead of
`listed_entry.name`: a cross join, wrong rows). The app resolves every shared alias once, when it
is created, before the server takes requests.
"""

from __future__ import annotations

import re
import threading
import warnings
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import SAWarning

from govshare_platform import db
from govshare_platform.app import create_app
from govshare_platform.catalog.models import CatalogEntry
from govshare_platform.grants import service as grants
from govshare_platform.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
THREADS = 8
TRIALS = 300  # unwarmed, about 1 trial in 75 went wrong on a 2-core machine


def _race(alias: type[CatalogEntry]) -> list[Warning]:
    """Use `alias`'s columns from THREADS threads released at the same instant."""
    barrier = threading.Barrier(THREADS)
    seen: list[Warning] = []

    def use() -> None:
        barrier.wait()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", SAWarning)
            _ = (alias.id == 1, alias.name == "x", alias.resource_code == "y")
        seen.extend(w.message for w in caught)  # type: ignore[misc]

    threads = [threading.Thread(target=use) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return seen


def test_warmed_aliases_survive_parallel_first_use(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(db, "_SHARED_ALIASES", [])
    for trial in range(TRIALS):
        alias = db.shared_alias(CatalogEntry, name=f"raced_entry_{trial}")
        db.warm_shared_aliases()
        assert _race(alias) == [], trial
        sql = str(select(alias.id, alias.name, alias.resource_code))
        assert sql.startswith(f"SELECT raced_entry_{trial}.id, raced_entry_{trial}.name"), sql
        assert "catalog_entries," not in sql, sql
        db._SHARED_ALIASES.clear()


def test_creating_the_app_resolves_every_shared_alias(tmp_path: Path) -> None:
    app = create_app(Settings(database_url=f"sqlite:///{tmp_path / 'p.db'}"))
    try:
        assert len(db._SHARED_ALIASES) >= 11
        for alias in db._SHARED_ALIASES:
            first = next(iter(alias.__mapper__.column_attrs)).key
            sql = str(select(getattr(alias, first)))
            assert re.match(rf"SELECT \w+\.{first} \nFROM \w+ AS \w+$", sql), sql
        sql = str(select(grants._Entry.name).where(grants._Entry.id == 1))
        assert "FROM catalog_entries AS listed_entry" in sql and "catalog_entries," not in sql
    finally:
        app.state.engine.dispose()


def test_the_platform_makes_no_alias_outside_shared_alias() -> None:
    """A module-level `aliased(...)` would skip the warm-up: every alias goes through db."""
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "govshare_platform").rglob("*.py")
        if path.name != "db.py" and re.search(r"\baliased\(", path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
