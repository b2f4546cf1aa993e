"""Runtime code imports no test-only package.

A plain install (no extras) once could not start the demo: the seeder imported
`fastapi.testclient`, which needs `httpx2`, a test extra. deptry (scripts/test.sh) checks the
direct imports against pyproject.toml; this test also catches imports through a declared
package, like that one: it imports every module of the three packages in a fresh interpreter
in which the test extras' modules cannot be imported. CI additionally installs the package
without extras into an empty virtualenv and seeds, serves and self-tests it (.ci/run).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]

BLOCKER = r"""
import importlib.abc, json, pkgutil, sys, traceback

BLOCKED = set(json.loads(sys.argv[1]))

class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ImportError(f"test-only package {name!r} imported at run time")
        return None

sys.meta_path.insert(0, Block())
failures = []
for package in ("govshare_core", "govshare_platform", "govshare_desktop"):
    module = __import__(package)
    for info in pkgutil.walk_packages(module.__path__, package + "."):
        if info.name.endswith("__main__") or ".migrations" in info.name:
            continue  # runs the program / Alembic scripts that run only inside Alembic
        try:
            __import__(info.name)
        except BaseException:
            failures.append(info.name + ": " + traceback.format_exc(limit=3))
print(json.dumps(failures))
"""


def extras_modules() -> set[str]:
    """Top-level module names of the `test` extra's distributions (as installed), except those
    a runtime dependency also installs into (pyhanko-cli adds `pyhanko.cli` to pyHanko's
    `pyhanko` package)."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))

    def names(requirements: list[str]) -> set[str]:
        return {Requirement(r).name.lower().replace("_", "-") for r in requirements}

    test = names(config["project"]["optional-dependencies"]["test"])
    runtime = names(config["project"]["dependencies"])
    modules = set()
    for module, owners in packages_distributions().items():
        owned = {o.lower().replace("_", "-") for o in owners}
        if owned & test and not owned & runtime:
            modules.add(module)
    return modules - {"_distutils_hack"}


def test_runtime_modules_import_without_test_extras() -> None:
    blocked = extras_modules()
    assert {"pytest", "hypothesis", "httpx2", "mypy"} <= blocked, blocked
    result = subprocess.run(
        [sys.executable, "-c", BLOCKER, json.dumps(sorted(blocked))],
        capture_output=True,
        text=True,
        timeout=240,
        cwd=ROOT,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    failures = json.loads(result.stdout.strip().splitlines()[-1])
    assert failures == [], "\n".join(failures)


def test_the_blocker_catches_a_test_only_import(tmp_path: Path) -> None:
    """The check itself can fail: a module importing fastapi.testclient is reported."""
    bad = tmp_path / "govshare_core"
    bad.mkdir()
    (bad / "__init__.py").write_text("")
    (bad / "seeder.py").write_text("from fastapi.testclient import TestClient\n")
    script = BLOCKER.replace(
        '("govshare_core", "govshare_platform", "govshare_desktop")', '("govshare_core",)'
    )
    result = subprocess.run(
        [sys.executable, "-c", script, json.dumps(sorted(extras_modules()))],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(tmp_path)},
        check=False,
    )
    failures = json.loads(result.stdout.strip().splitlines()[-1])
    if not failures:
        pytest.fail(f"the blocker let fastapi.testclient through: {result.stderr}")
    assert "govshare_core.seeder" in failures[0] and "httpx2" in failures[0]
