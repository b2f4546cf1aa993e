#!/usr/bin/env bash
# Prove that a plain install (no extras) runs everything a newcomer runs: install the package
# into an empty virtualenv, seed the demo city, serve it and sign in as a demo account over
# HTTP, then start the desktop on that platform and self-test it (sign in as each role, open
# every page). CI runs this before the test suite; it needs a display (xvfb-run) or
# QT_QPA_PLATFORM=offscreen.
#
#   scripts/smoke_install.sh        # $GOVSHARE_SMOKE_VENV (default .venv-plain), $PYTHON,
#                                   # $GOVSHARE_WHEEL (install this wheel, not the tree)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PY="${PYTHON:-python3}"
VENV="${GOVSHARE_SMOKE_VENV:-$ROOT/.venv-plain}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/govshare-smoke.XXXXXX")"
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT
trap "exit 130" INT TERM

rm -rf "$VENV"
echo "==> plain install (no extras) into $VENV"
"$PY" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --upgrade pip
"$VENV/bin/python" -m pip install --quiet "${GOVSHARE_WHEEL:-$ROOT}"
for module in pytest hypothesis httpx2 mypy; do
  if "$VENV/bin/python" -c "import $module" 2>/dev/null; then
    echo "error: the plain install brought the test-only package $module" >&2
    exit 1
  fi
done

db="$WORK/demo/platform.db"
mkdir -p "$WORK/demo"
echo "==> govshare-platform seed-demo --print-accounts"
"$VENV/bin/govshare-platform" --database-url "sqlite:///$db" seed-demo --print-accounts \
  >"$WORK/accounts.jsonl" 2>"$WORK/seed.log"
accounts=$(wc -l <"$WORK/accounts.jsonl")
echo "    $accounts demo accounts; $(grep -o '"seconds": [0-9.]*' "$WORK/seed.log")"
[ "$accounts" -gt 0 ] || { cat "$WORK/seed.log" >&2; exit 1; }

port="$("$VENV/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
echo "==> govshare-platform serve on 127.0.0.1:$port, then sign in as a demo account"
"$VENV/bin/govshare-platform" --database-url "sqlite:///$db" serve --port "$port" \
  >"$WORK/serve.log" 2>&1 &
server_pid=$!
"$VENV/bin/python" - "$port" "$WORK/accounts.jsonl" <<'PY'
import json, sys, time
import requests
base = f"http://127.0.0.1:{sys.argv[1]}"
deadline = time.monotonic() + 60
while True:
    try:
        if requests.get(base + "/healthz", timeout=2).ok:
            break
    except requests.RequestException:
        pass
    if time.monotonic() > deadline:
        sys.exit("error: the platform did not answer")
    time.sleep(0.2)
account = json.loads(open(sys.argv[2], encoding="utf-8").readline())
r = requests.post(base + "/api/v1/auth/login",
                  json={"username": account["username"], "password": account["password"]}, timeout=30)
if r.status_code != 200:
    sys.exit(f"error: demo account {account['username']} refused: {r.status_code} {r.text}")
me = requests.get(base + "/api/v1/me", headers={"Authorization": "Bearer " + r.json()["access_token"]}, timeout=30)
print(f"    signed in as {account['username']}: {me.status_code}")
sys.exit(0 if me.ok else 1)
PY
kill "$server_pid"
wait "$server_pid" 2>/dev/null || true
server_pid=""
grep -q "GET /healthz" "$WORK/serve.log" || { echo "error: serve logged no request" >&2; exit 1; }

echo "==> govshare-desktop --demo --self-test (on the seeded database)"
GOVSHARE_DATA_DIR="$WORK/client" GOVSHARE_LOG_DIR="$WORK/logs" \
  GOVSHARE_SETTINGS_FILE="$WORK/settings.ini" \
  "$VENV/bin/govshare-desktop" --demo --demo-dir "$WORK/demo" --self-test
echo "plain install: seed, serve, sign-in and desktop self-test passed"
