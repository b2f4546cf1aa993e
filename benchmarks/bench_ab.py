"""Compare two versions of the platform side by side on the same machine (loopback only).

    git archive HEAD | tar -x -C /tmp/base        # the version to compare with (no git state)
    python benchmarks/bench_ab.py --base-src /tmp/base \
        --base-url sqlite:////tmp/base.db --new-url sqlite:////tmp/new.db [--samples 200]

Starts `govshare-platform serve` twice: the working tree's and the one in `--base-src` (run with
the editable install's import hook removed, so that `--base-src` is what gets imported). Each case
is requested from both servers alternately, so the machine's load (it is shared) falls on both
alike; prints p50/p95 per case and writes JSON to benchmarks/results/. The cases are the
unsorted listings and searches of bench_api.py, which a change of the sorted paths must not slow.
Every loop is bounded.
"""

from __future__ import annotations

import argparse
import json
import stat
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import bench_api as bench
import requests

LAUNCHER = """#!{python}
import sys
sys.meta_path = [f for f in sys.meta_path if "editable" not in getattr(f, "__module__", "")]
sys.path.insert(0, {src!r})
from govshare_platform.cli import main
sys.exit(main())
"""

SHARE, ENTRIES = "/api/v1/catalog/share-catalog", "/api/v1/catalog/entries"
CASES: list[tuple[str, str, dict[str, Any]]] = [
    ("share-catalog offset=0", SHARE, {}),
    ("share-catalog offset=10000", SHARE, {"offset": 10000}),
    ("q=人口", SHARE, {"q": "人口"}),
    ("q=社保", SHARE, {"q": "社保"}),
    ("q=常住人口信息", SHARE, {"q": "常住人口信息"}),
    ("share_type=unconditional&update_cycle=monthly", SHARE,
     {"share_type": "unconditional", "update_cycle": "monthly"}),
    ("entries offset=0 (platform admin)", ENTRIES, {}),
    ("entries q=人口 (platform admin)", ENTRIES, {"q": "人口"}),
]  # fmt: skip


def launcher(src: Path, folder: Path) -> Path:
    """A `govshare-platform` script that imports the platform from `src`."""
    path = folder / "govshare-platform"
    path.write_text(LAUNCHER.format(python=sys.executable, src=str(src.resolve())))
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def start(cli: Path, url: str) -> bench.Server:
    bench.CLI = cli
    server = bench.Server(url, bench.free_port())
    server.wait()
    return server


def session(base: str, user: str) -> requests.Session:
    http = requests.Session()
    http.headers.update(bench.login(base, user))
    return http


def compare(base: bench.Server, new: bench.Server, samples: int) -> list[dict[str, Any]]:
    users = (bench.APPLICANT, bench.OVERSEER)
    servers = {"base": base, "new": new}
    http = {(name, u): session(s.base, u) for name, s in servers.items() for u in users}
    rows = []
    for label, path, params in CASES:
        user = bench.OVERSEER if path == ENTRIES else bench.APPLICANT
        times: dict[str, list[float]] = {"base": [], "new": []}
        for i in range(samples + 5):  # 5 warm-up rounds
            order = ("base", "new") if i % 2 else ("new", "base")
            for name in order:
                ms, _ = bench.timed_get(http[(name, user)], servers[name].base + path, params)
                if i >= 5:
                    times[name].append(ms)
        row = {"case": label, **{k: bench.stats(v) for k, v in times.items()}}
        rows.append(row)
        b, n = row["base"], row["new"]
        print(f"  {label:<48} base {b['p50']:>6}/{b['p95']:<6} new {n['p50']:>6}/{n['p95']:<6}")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base-src", required=True, type=Path, help="checkout to compare with")
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--new-url", required=True)
    parser.add_argument("--samples", type=int, default=200, help="requests per case and side")
    parser.add_argument("--label", default=None)
    args = parser.parse_args(argv)
    if not 1 <= args.samples <= 1000:
        parser.error("bounded loops only: --samples ≤ 1000")
    with tempfile.TemporaryDirectory() as folder:
        new_cli = bench.CLI
        base = start(launcher(args.base_src, Path(folder)), args.base_url)
        try:
            new = start(new_cli, args.new_url)
            try:
                print("  case (p50/p95 ms)", flush=True)
                rows = compare(base, new, args.samples)
            finally:
                new.stop()
        finally:
            base.stop()
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    dialect = "postgresql" if args.new_url.startswith("postgresql") else "sqlite"
    out = bench.HERE / "results" / f"ab-{args.label or dialect}-{stamp}.json"
    meta = {"label": args.label, "at": stamp, "samples": args.samples, "commit": bench.commit(),
            "loadavg": bench.loadavg()}  # fmt: skip
    out.write_text(json.dumps({**meta, "cases": rows}, ensure_ascii=False, indent=1))
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
