# Sourced by scripts/test.sh: a throwaway PostgreSQL server for the test suite.
#   pg_start  -> starts a server on a free 127.0.0.1 port in a new temporary data directory and
#                sets GOVSHARE_TEST_PG_URL; returns 1 (with the reason on stderr) without one
#   pg_stop   -> stops that server and deletes its data directory (test.sh traps it on exit)
# Works as root on a fresh Debian machine (the server then runs as the postgres user).

PG_DATA=""
PG_BIN=""
PG_RUN_AS=()

pg_start() {
  PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
    echo "no PostgreSQL server binaries under /usr/lib/postgresql (Debian package postgresql)" >&2
    return 1
  fi
  local port
  port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  PG_DATA="$(mktemp -d "${TMPDIR:-/tmp}/govshare-pg.XXXXXX")"
  PG_RUN_AS=()
  if [ "$(id -u)" = "0" ]; then
    chown postgres:postgres "$PG_DATA"
    PG_RUN_AS=(runuser -u postgres --)
  fi
  if ! "${PG_RUN_AS[@]}" "$PG_BIN/initdb" -D "$PG_DATA" -U postgres -A trust -E UTF8 \
    --locale=C.UTF-8 >"$PG_DATA.initdb.log" 2>&1; then
    echo "initdb failed: $(tail -n 1 "$PG_DATA.initdb.log")" >&2
    rm -rf "$PG_DATA" "$PG_DATA.initdb.log"
    PG_DATA=""
    return 1
  fi
  rm -f "$PG_DATA.initdb.log"
  if ! "${PG_RUN_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/server.log" -w \
    -o "-h 127.0.0.1 -p $port -k $PG_DATA -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null; then
    echo "pg_ctl start failed: $(tail -n 1 "$PG_DATA/server.log" 2>/dev/null)" >&2
    rm -rf "$PG_DATA"
    PG_DATA=""
    return 1
  fi
  export GOVSHARE_TEST_PG_URL="postgresql+psycopg://postgres@127.0.0.1:$port/postgres"
}

pg_stop() {
  [ -n "$PG_DATA" ] || return 0
  "${PG_RUN_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_DATA"
  PG_DATA=""
}
