"""Update the Qt Linguist source and build the binary translations.

    python tools/build_translations.py            # build the .qm (govshare_desktop/resources/)
    python tools/build_translations.py --update   # first rescan the sources (lupdate), then build
    python tools/build_translations.py --check    # exit 1 if a committed .qm is out of date

The UI's source strings are Chinese; govshare_en.ts holds the English. lupdate scans
govshare_desktop/**/*.py and govshare_desktop/ui/*.ui; obsolete entries are dropped. The .qm
files are committed (package data: a plain install and the bundle need them, and building them
needs PySide6's lrelease); scripts/test.sh checks that they match the .ts.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS_DIR = ROOT / "govshare_desktop" / "resources" / "translations"
LANGUAGES = ("en",)


def tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease beside this Python, else on PATH."""
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"error: {name} not found (install PySide6)")
    return found


def sources() -> list[Path]:
    py = sorted((ROOT / "govshare_desktop").rglob("*.py"))
    ui = sorted((ROOT / "govshare_desktop" / "ui").glob("*.ui"))
    return [p for p in py + ui if "__pycache__" not in p.parts]


def ts_path(lang: str) -> Path:
    return TS_DIR / f"govshare_{lang}.ts"


def update(lang: str, ts: Path | None = None) -> None:
    """Rescan the sources into `ts` (default: the language's .ts in resources)."""
    files = [str(p.relative_to(ROOT)) for p in sources()]
    cmd = [tool("pyside6-lupdate"), *files, "-no-obsolete", "-locations", "none"]
    cmd += ["-source-language", "zh_CN", "-target-language", lang, "-ts", str(ts or ts_path(lang))]
    subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)


def release(lang: str, qm: Path | None = None) -> Path:
    """Compile the language's .ts into `qm` (default: beside the .ts)."""
    qm = qm or ts_path(lang).with_suffix(".qm")
    cmd = [tool("pyside6-lrelease"), str(ts_path(lang)), "-qm", str(qm)]
    subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)
    return qm


def check() -> int:
    """1 when a committed .qm differs from a fresh compile of its .ts (lrelease is stable)."""
    stale = []
    with tempfile.TemporaryDirectory() as tmp:
        for lang in LANGUAGES:
            fresh = release(lang, Path(tmp) / f"govshare_{lang}.qm")
            committed = ts_path(lang).with_suffix(".qm")
            if not committed.exists() or committed.read_bytes() != fresh.read_bytes():
                stale.append(committed.relative_to(ROOT))
    for path in stale:
        print(
            f"error: {path} is out of date: run python tools/build_translations.py", file=sys.stderr
        )
    return 1 if stale else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="rescan the sources first")
    parser.add_argument(
        "--check",
        action="store_true",
        help="exit 1 if a committed .qm is not what its .ts compiles to (writes nothing)",
    )
    args = parser.parse_args(argv)
    if args.check:
        return check()
    TS_DIR.mkdir(parents=True, exist_ok=True)
    for lang in LANGUAGES:
        if args.update or not ts_path(lang).exists():
            update(lang)
        print(f"built {release(lang).relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
