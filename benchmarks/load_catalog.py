"""Bulk-load synthetic catalog entries for the benchmarks (not a production tool).

    python benchmarks/load_catalog.py --database-url URL --entries 100000

Migrates the database, seeds the demo city when it is empty (departments, users, the workflow
demo), then inserts `--entries` generated entries (mostly published) with their data items by
SQLAlchemy Core executemany in batches, and writes their search documents with the catalog's own
`govshare_platform.catalog.search.index_entries` (given light stand-ins instead of ORM objects,
so the tokens are exactly what the platform would write).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Engine, func, insert, select
from sqlalchemy.orm import Session

from govshare_core.vocab import EntryStatus, Role
from govshare_platform.catalog import search
from govshare_platform.catalog.models import CatalogEntry, EntryDataItem, ResourceCodeSequence
from govshare_platform.db import make_engine
from govshare_platform.demo.ca import with_demo_ca
from govshare_platform.demo.data import (
    DEPARTMENTS,
    ResourceSpec,
    account,
    item_fields,
    synthetic_specs,
)
from govshare_platform.demo.seed import seed_demo
from govshare_platform.departments.models import Department, User
from govshare_platform.migrate import upgrade
from govshare_platform.settings import Settings

BATCH = 5000
# Mostly published, as a mature city catalog is; the rest spread over the workflow states.
STATES = [EntryStatus.PUBLISHED] * 85 + (
    [EntryStatus.DRAFT] * 5
    + [EntryStatus.SUBMITTED] * 3
    + [EntryStatus.DEPT_APPROVED] * 2
    + [EntryStatus.RETURNED] * 2
    + [EntryStatus.WITHDRAWN] * 3
)


class Loader:
    """Turns generated specs into rows and search stand-ins, one batch at a time."""

    def __init__(self, session: Session, seed: int) -> None:
        self.rng = random.Random(seed)
        self.session = session
        self.next_id = (session.scalar(select(func.max(CatalogEntry.id))) or 0) + 1
        depts = session.execute(select(Department.name, Department.id)).all()
        self.dept_ids = {name: i for name, i in depts}
        self.dept_names = {i: name for name, i in depts}
        self.registrars = self._registrars()
        self.sequences = dict(
            session.execute(
                select(ResourceCodeSequence.prefix, ResourceCodeSequence.last_seq)
            ).all()
        )
        self.touched: set[str] = set()
        self.today = date.today()
        self.now = datetime.now(UTC)

    def _registrars(self) -> dict[str, int]:
        users = dict(self.session.execute(select(User.username, User.id)).all())
        found = {}
        for d in DEPARTMENTS:
            if not d.is_platform:
                found[d.key] = users.get(account(d.key, Role.REGISTRAR).username)
        return found

    def _code(self, prefix: str) -> str:
        seq = self.sequences.get(prefix, 0) + 1
        self.sequences[prefix] = seq
        self.touched.add(prefix)
        return f"{prefix}/{seq:06d}"

    def entry_row(self, spec: ResourceSpec, variant: int) -> dict[str, Any]:
        fields = {
            k: (v.value if hasattr(v, "value") else v) for k, v in spec.fields(variant).items()
        }
        status = self.rng.choice(STATES)
        published = status in (EntryStatus.PUBLISHED, EntryStatus.WITHDRAWN)
        created = self.now - timedelta(days=self.rng.randint(30, 2000))
        user = self.registrars.get(spec.dept)
        return {
            **fields,
            "id": self.next_id + variant,
            "department_id": self.dept_ids[_dept_name(spec.dept)],
            "status": status.value,
            "class_detail": None,
            "resource_code": self._code(spec.prefix) if published else None,
            "published_on": self.today - timedelta(days=self.rng.randint(1, 1800))
            if published
            else None,
            "related_codes": [],
            "created_by": user,
            "submitted_by": None if status is EntryStatus.DRAFT else user,
            "submitted_at": None if status is EntryStatus.DRAFT else created,
            "dept_approved_at": created + timedelta(days=1)
            if status is EntryStatus.DEPT_APPROVED
            else None,
            "return_reason": "摘要不完整，请补充" if status is EntryStatus.RETURNED else None,
            "version": 1,
            "created_at": created,
            "updated_at": created,
        }

    def item_rows(self, entry_id: int, spec: ResourceSpec) -> list[dict[str, Any]]:
        return [
            {**f, "data_type": f["data_type"].value, "entry_id": entry_id, "position": i,
             "description": None}
            for i, f in enumerate(item_fields(spec.items))
        ]  # fmt: skip

    def stand_in(self, row: dict[str, Any], spec: ResourceSpec) -> SimpleNamespace:
        """What search.entry_tokens reads of an entry, without ORM loading."""
        return SimpleNamespace(
            **row,
            items=[SimpleNamespace(name=n) for n in spec.items],
            department=SimpleNamespace(name=self.dept_names[row["department_id"]]),
        )

    def load_batch(self, specs: list[ResourceSpec]) -> None:
        entries, items, docs = [], [], []
        for k, spec in enumerate(specs):
            row = self.entry_row(spec, k)
            entries.append(row)
            items += self.item_rows(row["id"], spec)
            docs.append(self.stand_in(row, spec))
        self.session.execute(insert(CatalogEntry.__table__), entries)
        self.session.execute(insert(EntryDataItem.__table__), items)
        search.index_entries(self.session, docs)  # type: ignore[arg-type]
        self.next_id += len(specs)

    def save_sequences(self) -> None:
        table = ResourceCodeSequence.__table__
        for prefix in self.touched:
            self.session.execute(table.delete().where(table.c.prefix == prefix))
        rows = [{"prefix": p, "last_seq": self.sequences[p]} for p in self.touched]
        if rows:
            self.session.execute(insert(table), rows)


def _dept_name(key: str) -> str:
    return next(d.name for d in DEPARTMENTS if d.key == key)


def _ensure_seeded(url: str) -> None:
    upgrade(url)
    # the demo's agreements need a CA: the configured one, else a demo CA (beside a SQLite file,
    # else ./govshare-demo-ca)
    summary = seed_demo(with_demo_ca(Settings(database_url=url)))
    print(f"seed-demo: {'seeded' if summary['seeded'] else summary['reason']}", flush=True)


def _fix_pg_sequences(engine: Engine) -> None:
    if engine.dialect.name != "postgresql":
        return
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "SELECT setval(pg_get_serial_sequence('catalog_entries', 'id'), "
            "(SELECT max(id) FROM catalog_entries))"
        )
        conn.exec_driver_sql("ANALYZE")
        # what autovacuum does after a bulk load: merge GIN's pending list into the index, so
        # that searches measure the steady state (at most gin_pending_list_limit pending)
        conn.exec_driver_sql("SELECT gin_clean_pending_list('ix_catalog_search_doc')")


def load(url: str, count: int, seed: int) -> dict[str, Any]:
    """Insert `count` synthetic entries; returns timings and counts."""
    _ensure_seeded(url)
    engine = make_engine(url)
    started = time.perf_counter()
    loaded = 0
    with Session(engine) as session:
        loader = Loader(session, seed)
        specs = synthetic_specs(count, seed=seed)
        while loaded < count:
            batch = [next(specs) for _ in range(min(BATCH, count - loaded))]
            loader.load_batch(batch)
            session.commit()
            loaded += len(batch)
            if loaded % (BATCH * 20) == 0 or loaded == count:
                rate = loaded / (time.perf_counter() - started)
                print(f"  {loaded:>9,} entries  ({rate:,.0f}/s)", flush=True)
        loader.save_sequences()
        session.commit()
        by_status = Counter(
            dict(
                session.execute(select(CatalogEntry.status, func.count()).group_by("status")).all()
            )
        )
    _fix_pg_sequences(engine)
    engine.dispose()
    seconds = time.perf_counter() - started
    return {"loaded": loaded, "seconds": round(seconds, 1), "by_status": dict(by_status)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.entries < 1 or args.entries > 5_000_000:
        parser.error("--entries must be between 1 and 5,000,000")
    result = load(args.database_url, args.entries, args.seed)
    print(f"loaded {result['loaded']:,} entries in {result['seconds']} s; {result['by_status']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
