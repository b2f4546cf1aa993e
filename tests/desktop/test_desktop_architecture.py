"""Rules of the desktop's code that import-linter cannot express, checked on the source ASTs:

- the platform's URL layout lives in `govshare_desktop/api/` only (no `/api/v1` string
  elsewhere: screens use `api.actions` and the client's typed reads);
- screens never send a change themselves: every write is an `Action` handed to the session's
  SyncEngine (only `api/` and `sync/` call the client's write methods);
- no `importlib` (or `__import__`) lookups: every dependency is a visible import;
- imports inside functions only where the list below says why.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

DESKTOP = Path(__file__).resolve().parents[2] / "govshare_desktop"
WRITE_METHODS = {
    "post",
    "put",
    "delete",
    "send",
    "create_entry",
    "update_entry",
    "entry_action",
    "create_request",
    "request_action",
}
LAZY_IMPORTS_ALLOWED = {
    # `--version` and the command line must not load Qt (app.py's docstring)
    "app.py",
    # the demo platform's imports are heavy and only needed with --demo (off the UI thread)
    "demo.py",
    # the shell's own start-up ordering (shell/, login/, home/ belong to the shell's owner)
    "shell",
    "login",
    "home",
    # keyring loads its platform backends on import: only at sign-in and in the about box
    "credentials.py",
    "host.py",
}


def sources(*, skip: tuple[str, ...] = ()) -> Iterator[tuple[str, ast.Module]]:
    for path in sorted(DESKTOP.rglob("*.py")):
        rel = path.relative_to(DESKTOP).as_posix()
        if rel.startswith(skip):
            continue
        yield rel, ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def docstrings(tree: ast.Module) -> set[int]:
    """ids of the docstring nodes (a path in a docstring documents, it does not call)."""
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def test_no_platform_path_outside_the_api_package() -> None:
    found = []
    for rel, tree in sources(skip=("api/",)):
        skip = docstrings(tree)
        for node in ast.walk(tree):
            is_text = isinstance(node, ast.Constant) and isinstance(node.value, str)
            if is_text and id(node) not in skip and "/api/v1" in node.value:
                found.append(f"{rel}:{node.lineno}")
    assert found == []


def test_screens_send_changes_only_through_the_sync_engine() -> None:
    found = []
    for rel, tree in sources(skip=("api/", "sync/")):
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            target = node.func.value
            on_client = isinstance(target, ast.Attribute | ast.Name) and (
                getattr(target, "attr", getattr(target, "id", "")) == "client"
            )
            if on_client and node.func.attr in WRITE_METHODS:
                found.append(f"{rel}:{node.lineno} client.{node.func.attr}")
    assert found == []


def test_no_importlib_lookups() -> None:
    found = []
    for rel, tree in sources():
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Call) and getattr(node.func, "id", "") == "__import__":
                names = ["__import__"]
            found += [f"{rel}:{node.lineno}" for n in names if n.split(".")[0] == "importlib"]
            found += [f"{rel}:{node.lineno}" for n in names if n == "__import__"]
    assert found == []


def test_imports_inside_functions_only_where_allowed() -> None:
    found = []
    for rel, tree in sources(skip=tuple(LAZY_IMPORTS_ALLOWED)):
        for func in ast.walk(tree):
            if not isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(func):
                if isinstance(node, ast.Import | ast.ImportFrom):
                    found.append(f"{rel}:{node.lineno}")
    assert found == []
