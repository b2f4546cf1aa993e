"""The printed assessment report of 100 departments (issue 10): targets ≤ 3 s for the whole PDF,
≤ 1 s until the preview shows its first page.

    python benchmarks/bench_assessment_report.py [--departments 100] [--runs 5] [--label NAME]

In-process, no platform: the report data is the tests' hand-made round
(tests/desktop/assessment/report_support.py: 100 departments, 17 indicators each, trends,
suggestions, explanations, rectification orders). Measured, wall and CPU seconds:

- whole: `build_round_report` of the round (the first run of the process also loads the font:
  reported apart as `cold`);
- first page, as the preview does it: `build_cover` (the cover alone) + QPdfDocument.load +
  render of page 1 at 900 px wide; and the same through the whole report
  (`build_round_report` + load + render), which is what a preview without the cover-first step
  would take;
- the window: `open_report_preview` (offscreen) until its `first_page_shown` and `ready`
  signals.

Prints a table and writes benchmarks/results/assessment-report-<label>-<time>.json with the
machine's load average (the machine is shared: compare CPU seconds across runs).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import reportlab  # noqa: E402
from PySide6.QtCore import QBuffer, QByteArray, QEventLoop, QIODevice, QSize, QTimer  # noqa: E402
from PySide6.QtPdf import QPdfDocument  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from govshare_desktop.assessment.report_pdf import build_cover, build_round_report  # noqa: E402
from govshare_desktop.assessment.report_preview import (  # noqa: E402
    open_previews,
    open_report_preview,
)
from tests.desktop.assessment.report_support import make_report  # noqa: E402

PREVIEW_WIDTH = 900


def timed(work: Callable[[], Any]) -> tuple[float, float, Any]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def first_page(pdf: bytes) -> None:
    """What the preview does with the bytes: load them, render page 1."""
    document = QPdfDocument()
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    size = document.pagePointSize(0)
    image = document.render(
        0, QSize(PREVIEW_WIDTH, round(PREVIEW_WIDTH * size.height() / size.width()))
    )
    assert not image.isNull()
    document.close()


def window_times(report: Any) -> tuple[float, float, int]:
    """open_report_preview until first_page_shown and ready (seconds), and the page count."""
    marks: dict[str, float] = {}
    loop = QEventLoop()
    start = time.perf_counter()
    open_report_preview(None, report)
    (preview,) = open_previews()

    def ready(_pages: int) -> None:
        marks.setdefault("ready", time.perf_counter())
        loop.quit()

    preview.first_page_shown.connect(lambda: marks.setdefault("first", time.perf_counter()))
    preview.ready.connect(ready)
    preview.failed.connect(lambda _t: loop.quit())
    QTimer.singleShot(120_000, loop.quit)
    loop.exec()
    pages = preview.page_count()
    preview.close()
    QApplication.processEvents()
    return marks["first"] - start, marks["ready"] - start, pages


def summary(values: list[float]) -> dict[str, float]:
    return {
        "min": round(min(values), 3),
        "median": round(statistics.median(values), 3),
        "max": round(max(values), 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--departments", type=int, default=100)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--label", default="")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    load_before = os.getloadavg()
    report = make_report(args.departments)

    cold_wall, cold_cpu, pdf = timed(lambda: build_round_report(report))
    whole_wall, whole_cpu, cover_path, whole_path, windows = [], [], [], [], []
    for _ in range(args.runs):
        wall, cpu, pdf = timed(lambda: build_round_report(report))
        whole_wall.append(wall)
        whole_cpu.append(cpu)
        wall, _cpu, _ = timed(lambda: first_page(build_cover(report)))
        cover_path.append(wall)
        wall, _cpu, _ = timed(lambda: first_page(build_round_report(report)))
        whole_path.append(wall)
        windows.append(window_times(report))
    load_after = os.getloadavg()
    result = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "departments": args.departments,
        "pages": windows[-1][2],
        "pdf_bytes": len(pdf),
        "runs": args.runs,
        "reportlab": reportlab.Version,
        "cpus": os.cpu_count(),
        "loadavg_before": [round(x, 2) for x in load_before],
        "loadavg_after": [round(x, 2) for x in load_after],
        "cold_whole_s": {"wall": round(cold_wall, 3), "cpu": round(cold_cpu, 3)},
        "whole_pdf_wall_s": summary(whole_wall),
        "whole_pdf_cpu_s": summary(whole_cpu),
        "first_page_cover_first_s": summary(cover_path),
        "first_page_via_whole_pdf_s": summary(whole_path),
        "window_first_page_shown_s": summary([w[0] for w in windows]),
        "window_ready_s": summary([w[1] for w in windows]),
        "targets": {"whole_pdf_s": 3.0, "first_page_s": 1.0},
    }
    print(json.dumps(result, indent=2, ensure_ascii=False))
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    label = f"-{args.label}" if args.label else ""
    out = ROOT / "benchmarks" / "results" / f"assessment-report{label}-{stamp}.json"
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"written: {out.relative_to(ROOT)}")
    del app


if __name__ == "__main__":
    main()
