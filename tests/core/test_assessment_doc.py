"""docs/assessment.md shows the indicators exactly as govshare_core.assessment defines them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from govshare_core.assessment import INDICATORS

ROOT = Path(__file__).resolve().parents[2]


def test_the_indicator_tables_are_generated_from_the_core() -> None:
    run = subprocess.run(
        [sys.executable, "tools/assessment_doc.py", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr


def test_every_indicator_and_its_formula_is_documented() -> None:
    doc = (ROOT / "docs" / "assessment.md").read_text(encoding="utf-8")
    for definition in INDICATORS:
        assert f"`{definition.code}`" in doc
        assert definition.formula_zh in doc
