#!/usr/bin/env bash
# Install (when needed) and launch the GovShare demo.
#
#   scripts/demo.sh
#
# Once the desktop client exists this starts `govshare-desktop --demo` (the client with an
# embedded platform). Until then it runs the reference platform alone: a fresh SQLite database
# under $GOVSHARE_DEMO_DIR (default .demo/), migrated and seeded with the demo city, the demo
# accounts printed, and the API served on http://127.0.0.1:8600 (Ctrl-C stops it).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/_venv.sh
source "$ROOT/scripts/_venv.sh"
ensure_venv ""

if python -c 'import govshare_desktop.app' 2>/dev/null; then
  exec govshare-desktop --demo "$@"
fi

DEMO_DIR="${GOVSHARE_DEMO_DIR:-$ROOT/.demo}"
mkdir -p "$DEMO_DIR"
DB="sqlite:///$DEMO_DIR/platform.db"
PORT="${GOVSHARE_DEMO_PORT:-8600}"

govshare-platform --database-url "$DB" init-db
if python -c 'import govshare_platform.seed' 2>/dev/null; then
  govshare-platform --database-url "$DB" seed-demo
  echo "demo accounts (one JSON object per line):"
  govshare-platform --database-url "$DB" seed-demo --print-accounts
else
  echo "warning: govshare_platform.seed is not there yet; the platform starts empty" >&2
  echo "         (create a user with: govshare-platform create-user --help)" >&2
fi
echo "GovShare platform: http://127.0.0.1:$PORT  (API docs: http://127.0.0.1:$PORT/docs)"
exec govshare-platform --database-url "$DB" serve --host 127.0.0.1 --port "$PORT" --no-migrate
