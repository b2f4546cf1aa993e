# Sourced by scripts/test.sh and scripts/demo.sh: create the project's virtualenv when missing
# and (re)install the package with the given extras when pyproject.toml changed since.
# Usage: ensure_venv EXTRAS   (EXTRAS like "[test]" or "")
# Honours $GOVSHARE_VENV (default: .venv in the clone) and $PYTHON (default: python3).

ensure_venv() {
  local extras="$1"
  VENV="${GOVSHARE_VENV:-$ROOT/.venv}"
  local python="${PYTHON:-python3}"
  if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "error: GovShare needs Python 3.11 or newer; '$python' is $("$python" --version 2>&1)" >&2
    echo "       set PYTHON=/path/to/python3.11 and run again" >&2
    exit 1
  fi
  if [ ! -x "$VENV/bin/python" ]; then
    echo "==> creating virtualenv $VENV"
    "$python" -m venv "$VENV"
  fi
  # Reinstall only when pyproject.toml changed since the last install with these extras
  # (one stamp per extras, holding pyproject.toml's hash).
  local stamp="$VENV/.govshare-install-stamp${extras:-[]}"
  local want
  want="$(sha256sum <"$ROOT/pyproject.toml" | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "==> installing govshare$extras into $VENV"
    "$VENV/bin/python" -m pip install --quiet --upgrade pip
    "$VENV/bin/python" -m pip install --quiet -e "$ROOT$extras"
    echo "$want" >"$stamp"
  fi
  export PATH="$VENV/bin:$PATH"
}
