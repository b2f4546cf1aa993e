"""Measure the desktop share catalog page against a real server on a big catalog (loopback only).

    python benchmarks/bench_desktop_catalog.py --database-url sqlite:////tmp/bench100k.db

Load the database first with benchmarks/load_catalog.py (100 000 or 1 000 000 entries). Starts
`govshare-platform serve` in a subprocess (as bench_api.py does), signs in as the demo applicant,
and in this process (Qt offscreen) measures:

- first rows: from constructing the 共享目录 page to the first rows in its model;
- search: Chinese text typed key by key into the search box (key events with 40–100 ms pauses,
  shorter than the debounce, as a typist), from the last key to the updated rows;
- stall: the longest gap of a 5 ms QTimer heartbeat on the UI thread during all of this.

Targets (issue 3): first rows ≤ 300 ms, search ≤ 300 ms after the last key, stall ≤ 50 ms.
Prints a table and writes JSON to benchmarks/results/.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_api import APPLICANT, PASSWORD, Server, free_port  # noqa: E402
from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEvent, QEventLoop, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QKeyEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from govshare_desktop.api.client import PlatformClient  # noqa: E402
from govshare_desktop.context import AppContext  # noqa: E402
from govshare_desktop.requests.catalog_page import ShareCatalogPage  # noqa: E402
from govshare_desktop.store.local import LocalStore  # noqa: E402

QUERIES = ("人口", "社保", "婚姻登记", "常住人口信息", "企业登记注册")
HEARTBEAT_MS = 5
TIMEOUT_MS = 10_000


class Heartbeat:
    """A 5 ms timer on the UI thread; the longest gap between ticks is the longest stall."""

    def __init__(self) -> None:
        self.clock = QElapsedTimer()
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(HEARTBEAT_MS)
        self.timer.timeout.connect(self._tick)
        self.last = 0.0
        self.max_gap = 0.0

    def start(self) -> None:
        self.clock.start()
        self.last = 0.0
        self.max_gap = 0.0
        self.timer.start()

    def _tick(self) -> None:
        now = self.clock.nsecsElapsed() / 1e6
        self.max_gap = max(self.max_gap, now - self.last)
        self.last = now

    def stop(self) -> float:
        self.timer.stop()
        self._tick()
        return self.max_gap


def spin_until(done: Callable[[], bool], timeout_ms: int = TIMEOUT_MS) -> None:
    """Run the event loop (as the app would) until `done()`."""
    loop = QEventLoop()
    deadline = time.perf_counter() + timeout_ms / 1000
    while not done():
        if time.perf_counter() > deadline:
            raise TimeoutError("no rows in time")
        loop.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 5)


def spin_for(ms: float) -> None:
    end = time.perf_counter() + ms / 1000
    loop = QEventLoop()
    while time.perf_counter() < end:
        loop.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 2)


def type_key(widget: Any, ch: str) -> None:
    event = QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, ch)
    QCoreApplication.sendEvent(widget, event)


def open_page(context: AppContext) -> tuple[ShareCatalogPage, float]:
    """Construct and show the page; ms until its first rows are in the model."""
    t0 = time.perf_counter()
    page = ShareCatalogPage(context=context)
    page.resize(1280, 800)
    page.show()
    spin_until(lambda: page.model.rowCount() > 0)
    return page, (time.perf_counter() - t0) * 1000


def search(page: ShareCatalogPage, text: str, rng: random.Random) -> tuple[float, int]:
    """Type `text` after clearing the box; ms from the last key to the new rows, and the total."""
    page.ui.searchEdit.clear()
    page.debouncer.flush()
    spin_until(lambda: not page.model.is_loading and page.model.rowCount() > 0)
    seen: dict[str, float] = {}

    def on_page_loaded(_loaded: int, _total: Any) -> None:
        if page.model.rowCount() and "last_key" in seen and "rows" not in seen:
            if page.search_text() == text:
                seen["rows"] = time.perf_counter()

    page.model.page_loaded.connect(on_page_loaded)
    try:
        for ch in text:
            spin_for(rng.uniform(40, 100))  # thinking between keys (below the debounce)
            type_key(page.ui.searchEdit, ch)
        seen["last_key"] = time.perf_counter()
        spin_until(lambda: "rows" in seen)
    finally:
        page.model.page_loaded.disconnect(on_page_loaded)
    assert page.search_text() == text
    return (seen["rows"] - seen["last_key"]) * 1000, int(page.model.total or 0)


def summary(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {
        "median": round(statistics.median(ordered), 1),
        "max": round(ordered[-1], 1),
        "min": round(ordered[0], 1),
    }


def run(url: str, runs: int, seed: int) -> dict[str, Any]:
    app = QApplication.instance() or QApplication([])
    server = Server(url, free_port())
    rng = random.Random(seed)
    try:
        server.wait()
        client = PlatformClient(server.base)
        client.login(APPLICANT, PASSWORD)
        with tempfile.TemporaryDirectory() as tmp:
            store = LocalStore(Path(tmp) / "store.db")
            context = AppContext(client=client, store=store, me=client.me())
            beat = Heartbeat()
            first: list[float] = []
            searches: dict[str, list[float]] = {q: [] for q in QUERIES}
            totals: dict[str, int] = {}
            stalls: list[float] = []
            # warm up once (imports, first connection, server caches) before measuring
            page, _ = open_page(context)
            page.close()
            page.deleteLater()
            for _ in range(runs):
                beat.start()
                page, ms = open_page(context)
                first.append(ms)
                for q in QUERIES:
                    ms, total = search(page, q, rng)
                    searches[q].append(ms)
                    totals[q] = total
                stalls.append(beat.stop())
                page.close()
                page.deleteLater()
                spin_for(50)
            store.close()
        all_searches = [v for values in searches.values() for v in values]
        return {
            "first_rows_ms": summary(first),
            "search_after_last_key_ms": summary(all_searches),
            "search_by_query_ms": {q: summary(v) for q, v in searches.items()},
            "search_totals": totals,
            "longest_stall_ms": summary(stalls),
            "runs": runs,
        }
    finally:
        server.stop()
        del app


def table(result: dict[str, Any]) -> str:
    lines = [f"{'measure':<34}{'median':>10}{'max':>10}   target"]
    rows = [
        ("first rows (ms)", result["first_rows_ms"], "≤ 300"),
        ("search after last key (ms)", result["search_after_last_key_ms"], "≤ 300"),
        ("longest UI stall (ms)", result["longest_stall_ms"], "≤ 50"),
    ]
    for name, stats, target in rows:
        lines.append(f"{name:<34}{stats['median']:>10}{stats['max']:>10}   {target}")
    for q, stats in result["search_by_query_ms"].items():
        total = result["search_totals"][q]
        lines.append(f"  q={q:<12} ({total:>6} hits){stats['median']:>10}{stats['max']:>10}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--label", default="")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    result = run(args.database_url, args.runs, args.seed)
    result["database_url"] = args.database_url.split("@")[-1]
    result["at"] = datetime.now(UTC).isoformat(timespec="seconds")
    print(table(result))
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    label = args.label or "desktop-catalog"
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    (out / f"{label}-{stamp}.json").write_text(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
