"""Measure the catalog workbook import (issue 12) against a real platform (loopback only).

    python benchmarks/bench_import.py [--database sqlite|postgres] [--pg-url URL]
                                      [--entries 500] [--items 10] [--label L]

Migrates a fresh database (SQLite in a temporary directory, or a database of its own on the
PostgreSQL server of `--pg-url` / GOVSHARE_TEST_PG_URL, dropped afterwards), creates a
department and its registrar, starts `govshare-platform serve` in a subprocess and, as the
registrar, through the desktop's own client (PlatformClient, govshare_desktop.catalog.
workbook_io):

1. writes a workbook of `--entries` new entries with `--items` data items each
   (govshare_core.catalog_workbook.write_workbook), reads it back and previews it
   (read_workbook + POST /catalog/imports/preview);
2. applies it: "confirm → applied" = building the body + POST /catalog/imports (server apply in
   one transaction) + the answer checked against its schema. Target: ≤ 10 s for 500 entries with
   5,000 data items;
3. exports the catalog (GET /catalog/export, paged) and writes the workbook, edits every entry's
   summary, previews and applies the 500 updates (the same "confirm → applied" time);
4. replays the first apply with its Idempotency-Key (a retry after a lost answer).

Prints the figures and writes JSON to benchmarks/results/.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_api import CLI, free_port
from bench_exchange_ingest import _wait

HERE = Path(__file__).resolve().parent
PASSWORD = "Bench@Import2015"


def prepare(database_url: str) -> None:
    """Migrate; the platform department, department A and A's registrar."""
    from govshare_core.creditcode import make_credit_code
    from govshare_core.schemas import DepartmentIn, UserIn
    from govshare_core.vocab import Role
    from govshare_platform.db import make_engine, make_session_factory
    from govshare_platform.departments.service import create_department
    from govshare_platform.departments.users import create_user
    from govshare_platform.migrate import upgrade

    upgrade(database_url)
    engine = make_engine(database_url)
    with make_session_factory(engine)() as s:
        platform = create_department(
            s,
            data=DepartmentIn(
                name="南通市大数据管理局", credit_code=make_credit_code("11320600000000001")
            ),
        )
        platform.is_platform = True
        dept = create_department(
            s,
            data=DepartmentIn(
                name="南通市市场监督管理局", credit_code=make_credit_code("11320600000000002")
            ),
        )
        create_user(
            s,
            data=UserIn(
                username="bench_registrar",
                full_name="导入基准登记员",
                password=PASSWORD,
                department_id=dept.id,
                roles=[Role.REGISTRAR],
            ),
        )
        s.commit()
    engine.dispose()


def entries(count: int, items: int) -> list[dict[str, Any]]:
    """New entries (no id) as CatalogEntryOut-like JSON, realistic Chinese text."""
    return [
        {
            "resource_class": "3",
            "class_item": "05",
            "class_catalog": f"{n % 1000:03d}",
            "class_detail": None,
            "name": f"市场主体登记信息第{n:04d}号",
            "summary": "本市市场主体的登记、变更、注销信息，用于跨部门的企业身份核验与监管协同。",
            "format_class": "database",
            "format_type": "mysql",
            "data_items": [
                {"name": f"信息项{i:02d}", "data_type": "C", "length": 100, "key": i == 0}
                for i in range(items)
            ],
            "share_type": "conditional",
            "share_conditions": "仅限履行法定职责所需，按最小必要原则使用",
            "share_scope": "市级政务部门",
            "legal_basis": None,
            "share_mode": "exchange",
            "open_to_public": False,
            "open_conditions": None,
            "update_cycle": "monthly",
            "related_codes": [],
            "interface_endpoint": None,
        }
        for n in range(count)
    ]


def _apply(client: Any, preview: Any, key: str) -> tuple[float, dict[str, Any]]:
    """The "confirm → applied" time: the desktop's one action, sent with its key."""
    from govshare_desktop.catalog.workbook_io import apply_action

    started = time.perf_counter()
    result = client.send(apply_action(preview, "bench"), key=key)
    return time.perf_counter() - started, result


def run(base: str, workdir: Path, count: int, items: int) -> dict[str, Any]:
    from govshare_core.catalog_workbook import write_workbook
    from govshare_desktop.api.client import PlatformClient, new_idempotency_key
    from govshare_desktop.catalog import workbook_io

    client = PlatformClient(base)  # the desktop's timeouts
    client.login("bench_registrar", PASSWORD)
    figures: dict[str, Any] = {}
    path = workdir / "new.xlsx"
    started = time.perf_counter()
    write_workbook(path, entries(count, items))
    figures["write_workbook_s"] = time.perf_counter() - started
    started = time.perf_counter()
    preview = workbook_io.preview_workbook(client, path)
    figures["read_and_preview_new_s"] = time.perf_counter() - started
    assert preview.can_apply and preview.changes == count, preview.lines[:3]
    figures["body_bytes"] = len(json.dumps(preview.body))
    key = new_idempotency_key()
    figures["apply_create_s"], result = _apply(client, preview, key)
    assert len(result["created"]) == count
    started = time.perf_counter()
    replay = client.send(workbook_io.apply_action(preview, "bench"), key=key)
    figures["replay_s"] = time.perf_counter() - started
    assert replay == result
    # export, edit every summary, import the updates
    exported = workdir / "export.xlsx"
    started = time.perf_counter()
    written = workbook_io.export_catalog(client, exported)
    figures["export_s"] = time.perf_counter() - started
    assert written == count
    book = load_workbook(exported)
    sheet = book["信息资源"]
    for row in range(2, count + 2):
        sheet.cell(row=row, column=11).value = f"导入修改后的摘要第{row}行"
    book.save(exported)
    started = time.perf_counter()
    preview = workbook_io.preview_workbook(client, exported)
    figures["read_and_preview_update_s"] = time.perf_counter() - started
    assert preview.changes == count
    figures["apply_update_s"], result = _apply(client, preview, new_idempotency_key())
    assert len(result["updated"]) == count
    return figures


def _pg_database(admin: str) -> tuple[str, Any]:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"excel_bench_{uuid.uuid4().hex[:10]}"
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))

    def drop() -> None:
        with engine.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        engine.dispose()

    return make_url(admin).set(database=name).render_as_string(hide_password=False), drop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--pg-url", default=os.environ.get("GOVSHARE_TEST_PG_URL"))
    parser.add_argument("--entries", type=int, default=500)
    parser.add_argument("--items", type=int, default=10)
    parser.add_argument("--label", default="")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        workdir = Path(tmp)
        drop = None
        if args.database == "postgres":
            if not args.pg_url:
                parser.error("--pg-url (or GOVSHARE_TEST_PG_URL) is needed for PostgreSQL")
            url, drop = _pg_database(args.pg_url)
        else:
            url = f"sqlite:///{workdir / 'platform.db'}"
        try:
            prepare(url)
            port = free_port()
            env = {"GOVSHARE_MAINTENANCE_INTERVAL_MINUTES": "0", "PATH": "/usr/bin:/bin"}
            cmd = [str(CLI), "serve", "--database-url", url, "--no-migrate", "--host", "127.0.0.1"]
            cmd += ["--port", str(port), "--log-level", "warning"]
            proc = subprocess.Popen(cmd, env=env)
            base = f"http://127.0.0.1:{port}"
            try:
                _wait(base, proc)
                figures = run(base, workdir, args.entries, args.items)
            finally:
                proc.terminate()
                proc.wait(timeout=30)
        finally:
            if drop is not None:
                drop()
    result = {
        "database": args.database,
        "entries": args.entries,
        "items_per_entry": args.items,
        "label": args.label,
        "at": datetime.now(UTC).isoformat(),
        **{k: round(v, 3) if isinstance(v, float) else v for k, v in figures.items()},
    }
    for key, value in result.items():
        print(f"{key:28} {value}")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    out = HERE / "results" / f"import-{args.database}-{args.entries}{args.label}-{stamp}.json"
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"written {out.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
