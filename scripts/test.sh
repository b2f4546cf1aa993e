#!/usr/bin/env bash
# Install (when needed) and run every check and test: ruff, mypy, import-linter, the
# translations build, pytest (GUI tests included, offscreen; or run this under xvfb-run).
#
#   scripts/test.sh [pytest args...]
#
# PostgreSQL: uses $GOVSHARE_TEST_PG_URL when set; otherwise starts a throwaway server on a free
# port in a temporary data directory (scripts/_pg.sh, needs the postgresql package) and stops
# and deletes it when the run ends. Without one, the PostgreSQL half of the platform tests is
# skipped, loudly; under CI (CI=true) that is an error.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/_venv.sh
source "$ROOT/scripts/_venv.sh"
# shellcheck source=scripts/_qtdeps.sh
source "$ROOT/scripts/_qtdeps.sh"
ensure_debian_packages "${TEST_DEBIAN_PACKAGES[@]}"  # as root; otherwise it says what is missing
ensure_venv "[test]"

# shellcheck source=scripts/_pg.sh
source "$ROOT/scripts/_pg.sh"
if [ -z "${GOVSHARE_TEST_PG_URL:-}" ]; then
  if pg_start 2>/tmp/govshare-pg-start.err; then
    trap pg_stop EXIT
    trap "exit 130" INT TERM  # so that the EXIT trap stops the server on Ctrl-C or kill too
    echo "==> PostgreSQL at $GOVSHARE_TEST_PG_URL (stopped and deleted when the run ends)"
  else
    echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!" >&2
    echo "!! could not start PostgreSQL: $(tail -n 1 /tmp/govshare-pg-start.err)" >&2
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
# the committed .qm must be what the .ts compiles to; runtime code imports only declared
# dependencies (never a test-only package)
step "translations up to date" python tools/build_translations.py --check
step "runtime dependencies declared" deptry .

# Tests run in parallel worker processes (pytest-xdist), one per CPU by default; each worker has
# its own databases, servers and temporary directories. GOVSHARE_TEST_WORKERS=0 runs in one
# process (e.g. to debug with -s or --pdb).
workers="${GOVSHARE_TEST_WORKERS:-auto}"
echo "==> pytest (workers: $workers)"
set +e
# --durations: the slowest tests are in every log, to keep the CI run inside its time budget
python -m pytest -n "$workers" --dist worksteal --durations=25 "$@"
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
