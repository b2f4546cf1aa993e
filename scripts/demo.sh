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
ensure_venv ""

# The English UI needs the compiled translations (.qm, build output); missing tools only
# cost the English translation, never the demo.
python tools/build_translations.py >/dev/null || echo "warning: translations not built" >&2
exec govshare-desktop --demo "$@"
