#!/usr/bin/env bash
# Install (when needed) and launch the GovShare demo: the desktop client with the embedded
# platform (SQLite in the user data directory, seeded with the 南通市 demo city on first run).
#
#   scripts/demo.sh [govshare-desktop args...]     e.g. scripts/demo.sh --lang en
#
# The login dialog lists the demo accounts: click one, then 登录.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/_venv.sh
source "$ROOT/scripts/_venv.sh"
# shellcheck source=scripts/_qtdeps.sh
source "$ROOT/scripts/_qtdeps.sh"
ensure_debian_packages "${QT_DEBIAN_PACKAGES[@]}"
ensure_venv ""

if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "error: no display. Run the demo from a desktop session, or on a headless machine:" >&2
  echo "       xvfb-run -a scripts/demo.sh   (Debian package xvfb)" >&2
  exit 1
fi

exec govshare-desktop --demo "$@"
