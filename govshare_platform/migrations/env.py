"""Alembic environment: the URL comes from the config (set by govshare_platform.migrate)."""

from __future__ import annotations

from typing import Any

from alembic import context

from govshare_platform.db import make_engine
from govshare_platform.models import load_all

config = context.config
target_metadata = load_all().metadata

# Tables created by hand-written migrations, not by the models: autogenerate must not drop them.
# catalog_search (0003) and, on SQLite, the FTS5 shadow tables catalog_search_data, _idx, ...
UNMANAGED_PREFIXES = ("catalog_search",)


def include_name(name: str | None, type_: str, parent_names: Any) -> bool:
    """Skip reflecting the unmanaged tables."""
    return not (type_ == "table" and name and name.startswith(UNMANAGED_PREFIXES))


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    """Skip comparing the unmanaged tables and their indexes."""
    table = name if type_ == "table" else getattr(getattr(obj, "table", None), "name", None)
    return not (table and table.startswith(UNMANAGED_PREFIXES))


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
        include_name=include_name,
        include_object=include_object,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    url = config.get_main_option("sqlalchemy.url") or ""
    engine = make_engine(url)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=True,
            compare_type=True,
            include_name=include_name,
            include_object=include_object,
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
