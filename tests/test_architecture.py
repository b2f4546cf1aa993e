"""Import direction (docs/design.md §2): desktop → core ← platform; a pure core; a Qt-free platform.

Checked twice: by import-linter's contracts in pyproject.toml (what CI's lint step runs), and by
walking the source ASTs directly, which also sees imports inside functions and TYPE_CHECKING.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORE_FORBIDDEN = {
    "PySide6",
    "fastapi",
    "starlette",
    "sqlalchemy",
    "alembic",
    "uvicorn",
    "govshare_platform",
    "govshare_desktop",
}
PLATFORM_FORBIDDEN = {"PySide6", "shiboken6", "govshare_desktop"}


def imported_modules(path: Path) -> set[str]:
    """Top-level names of every module `path` imports (absolute imports only)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "__import__"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.add(node.args[0].value.split(".")[0])
    return found


def violations(package: str, forbidden: set[str]) -> list[str]:
    files = sorted((ROOT / package).rglob("*.py"))
    assert files, f"no sources found for {package}"
    return [
        f"{f.relative_to(ROOT)} imports {name}"
        for f in files
        for name in sorted(imported_modules(f) & forbidden)
    ]


def test_core_imports_no_framework_database_or_other_package() -> None:
    assert violations("govshare_core", CORE_FORBIDDEN) == []


def test_platform_imports_no_qt_or_desktop() -> None:
    assert violations("govshare_platform", PLATFORM_FORBIDDEN) == []


def test_the_walker_sees_the_imports_it_should(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import os.path\n"
        "from PySide6.QtCore import QObject\n"
        "from . import sibling\n"
        "def f():\n"
        "    import sqlalchemy.orm\n"
        "    return __import__('fastapi')\n"
    )
    assert imported_modules(sample) == {"os", "PySide6", "sqlalchemy", "fastapi"}


def test_import_linter_contracts_are_kept() -> None:
    beside = Path(sys.executable).parent / "lint-imports"
    exe = str(beside) if beside.exists() else shutil.which("lint-imports")
    if exe is None:
        pytest.fail("lint-imports is not installed (pip install -e '.[test]')")
    result = subprocess.run(
        [exe, "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count(" KEPT") >= 2 and "0 broken" in result.stdout, result.stdout
