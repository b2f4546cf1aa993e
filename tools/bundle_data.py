"""What the programs open at run time, from one list: pyproject.toml's package-data.

The wheel (setuptools) and the PyInstaller bundle (pyinstaller.spec) both ship exactly these
files; tests/test_packaging.py fails when a file inside the packages is in neither list nor
declared development-only, so a new data folder cannot be left out of the bundle unnoticed.
"""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("govshare_core", "govshare_platform", "govshare_desktop")

DEVELOPMENT_ONLY = (
    "*.py",  # code: PyInstaller collects what is imported
    "*.pyc",
    "*.ts",  # Qt Linguist sources; the compiled .qm ships
    "*.mako",  # Alembic's template for new revisions
    "README.md",
    ".keep",
)
"""Files inside the packages that neither the wheel nor the bundle needs as data."""

BUNDLE_EXCLUDES = (
    "tkinter",
    # test and lint tools: never needed at run time (a runtime import of one broke the demo)
    "pytest",
    "_pytest",
    "pytestqt",
    "hypothesis",
    "mypy",
    "mypyc",
    "ruff",
    "importlinter",
    "grimp",
    "httpx2",
    "deptry",
    # the embedded demo platform runs on SQLite; PostgreSQL is for real platform servers
    "psycopg",
    "psycopg_binary",
    # Qt modules the client does not use
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtQuickControls2",
    "PySide6.QtDesigner",
    "PySide6.QtHelp",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtConcurrent",
    "PySide6.QtDBus",
    "PySide6.QtXml",
)
"""Modules the bundle leaves out (pyinstaller.spec `excludes`)."""


def package_data(root: Path = ROOT) -> dict[str, list[str]]:
    """pyproject.toml's [tool.setuptools.package-data]: package → glob patterns."""
    with (root / "pyproject.toml").open("rb") as f:
        config = tomllib.load(f)
    data: dict[str, list[str]] = config["tool"]["setuptools"]["package-data"]
    return data


def runtime_data_files(root: Path = ROOT) -> list[Path]:
    """Every file the package-data patterns select (absolute paths, sorted)."""
    files: set[Path] = set()
    for package, patterns in package_data(root).items():
        for pattern in patterns:
            files.update(p for p in (root / package).glob(pattern) if p.is_file())
    return sorted(files)


def unshipped_files(root: Path = ROOT) -> list[Path]:
    """Files inside the packages that are neither shipped as data nor development-only."""
    shipped = set(runtime_data_files(root))
    missing = []
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*")):
            if not path.is_file() or "__pycache__" in path.parts or path in shipped:
                continue
            if any(fnmatch.fnmatch(path.name, pattern) for pattern in DEVELOPMENT_ONLY):
                continue
            missing.append(path)
    return missing


def pyinstaller_datas(root: Path = ROOT) -> list[tuple[str, str]]:
    """(source file, destination folder) pairs for PyInstaller's Analysis(datas=...)."""
    return [(str(p), str(p.parent.relative_to(root))) for p in runtime_data_files(root)]


def windows_version_info(version: str) -> str:
    """The Windows version resource of the executable, in PyInstaller's text format.

    PyInstaller reads it on Windows only (`EXE(version=<file>)`); the numbers come from the
    package version, so the file never drifts from it.
    """
    numbers = [int(part) for part in version.split(".")[:4] if part.isdigit()]
    numbers += [0] * (4 - len(numbers))
    quad = tuple(numbers)
    strings = {
        "CompanyName": "GovShare",
        "FileDescription": "GovShare 政务信息资源共享 desktop client",
        "FileVersion": version,
        "InternalName": "govshare-desktop",
        "OriginalFilename": "govshare-desktop.exe",
        "ProductName": "GovShare",
        "ProductVersion": version,
    }
    table = ",\n          ".join(f"StringStruct({k!r}, {v!r})" for k, v in strings.items())
    return f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={quad}, prodvers={quad}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([
      StringTable('080404b0', [
          {table}])]),
    VarFileInfo([VarStruct('Translation', [0x0804, 1200])])
  ]
)
"""
