"""Update the Qt Linguist source and build the binary translations.

    python tools/build_translations.py            # build resources/translations/*.qm (lrelease)
    python tools/build_translations.py --update   # first rescan the sources (lupdate), then build

The UI's source strings are Chinese; govshare_en.ts holds the English. lupdate scans
govshare_desktop/**/*.py and ui/*.ui; obsolete entries are dropped. The .qm files are build
output (gitignored): scripts/test.sh and scripts/demo.sh run this before starting.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS_DIR = ROOT / "resources" / "translations"
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
    ui = sorted((ROOT / "ui").glob("*.ui"))
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="rescan the sources first")
    args = parser.parse_args(argv)
    TS_DIR.mkdir(parents=True, exist_ok=True)
    for lang in LANGUAGES:
        if args.update or not ts_path(lang).exists():
            update(lang)
        print(f"built {release(lang).relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
