#!/usr/bin/env bash
# Install (when needed) and run every check and test: ruff, mypy, import-linter, the
# translations build, pytest (GUI tests included, offscreen; or run this under xvfb-run).
#
#   scripts/test.sh [pytest args...]
#
# PostgreSQL: uses $GOVSHARE_TEST_PG_URL when set; otherwise starts a throwaway server with
# .ci/pg-start.sh (needs the postgresql package). Without one, the PostgreSQL half of the
# platform tests is skipped, loudly; under CI (CI=true) that is an error.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/_venv.sh
source "$ROOT/scripts/_venv.sh"
ensure_venv "[test]"

if [ -z "${GOVSHARE_TEST_PG_URL:-}" ]; then
  if pg_url="$(bash .ci/pg-start.sh 2>/tmp/govshare-pg-start.err)"; then
    export GOVSHARE_TEST_PG_URL="$pg_url"
    echo "==> PostgreSQL at $GOVSHARE_TEST_PG_URL"
  else
    echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!" >&2
    echo "!! could not start PostgreSQL (.ci/pg-start.sh: $(tail -n 1 /tmp/govshare-pg-start.err))" >&2
    echo "!! install the 'postgresql' package or set GOVSHARE_TEST_PG_URL;" >&2
    echo "!! running the SQLite half only: the PostgreSQL tests will be SKIPPED" >&2
    echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!" >&2
    if [ -n "${CI:-}" ]; then
      echo "error: CI must test on PostgreSQL" >&2
      exit 1
    fi
  fi
else
  echo "==> PostgreSQL at $GOVSHARE_TEST_PG_URL"
fi

# Run every step even when one fails, so a lint error never hides the test results.
failed=()
step() {
  local name="$1"
  shift
  echo "==> $name"
  if ! "$@"; then failed+=("$name"); fi
}
step "ruff check" ruff check .
step "ruff format --check" ruff format --check .
step "mypy" mypy
step "lint-imports" lint-imports
# the English UI's .qm files (build output) must exist before the GUI tests run
step "build translations" python tools/build_translations.py

echo "==> pytest"
set +e
python -m pytest "$@"
rc=$?
set -e
if [ "$rc" -eq 5 ]; then
  echo "error: pytest collected no tests" >&2
fi
if [ "$rc" -ne 0 ]; then failed+=("pytest (exit $rc)"); fi

if [ "${#failed[@]}" -gt 0 ]; then
  echo "FAILED: ${failed[*]}" >&2
  exit 1
fi
echo "all checks and tests passed"
