#!/usr/bin/env bash
# Build the desktop client's one-folder bundle (dist/govshare-desktop/) with PyInstaller, in a
# virtualenv that holds the runtime dependencies only (never the test extras), then print its
# size. Linux; on Windows follow the README ("Building the Windows app").
#
#   scripts/build.sh            # -> dist/govshare-desktop/govshare-desktop
#
# $GOVSHARE_BUILD_VENV (default .venv-build), $PYTHON (default python3) and $GOVSHARE_WHEEL (a
# built govshare wheel to install instead of the source tree: .ci/run builds one for both
# this and scripts/smoke_install.sh, which then run at the same time) are honoured.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PY="${PYTHON:-python3}"
VENV="${GOVSHARE_BUILD_VENV:-$ROOT/.venv-build}"
if [ ! -x "$VENV/bin/python" ]; then
  echo "==> creating build virtualenv $VENV"
  "$PY" -m venv "$VENV"
fi
echo "==> installing govshare (no extras) and PyInstaller into $VENV"
"$VENV/bin/python" -m pip install --quiet --upgrade pip
"$VENV/bin/python" -m pip install --quiet "${GOVSHARE_WHEEL:-$ROOT}" "pyinstaller>=6.10,<7"
started=$(date +%s)
echo "==> pyinstaller pyinstaller.spec"
"$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
  --distpath "$ROOT/dist" --workpath "$ROOT/build/pyinstaller" pyinstaller.spec
seconds=$(($(date +%s) - started))
size=$(du -sm "$ROOT/dist/govshare-desktop" | cut -f1)
echo "==> built dist/govshare-desktop in ${seconds} s: ${size} MB"
