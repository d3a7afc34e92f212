# Sourced by `make test`: start a throwaway PostgreSQL on 127.0.0.1 and export TEST_POSTGRES_URL.
# Uses Debian's server binaries with a private data directory, so it never touches a system cluster.
# A server already answering on the port is reused and left alone; one started here is stopped (and its
# directory removed) by `stop_test_postgres`, which the Makefile calls after the tests, pass or fail.
# PG_SERVER_OPTIONS (e.g. "-c fsync=off", what `make test` passes) are added to the server's command line.
COMPASS_PG_STARTED=
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
PG_PORT=${PG_PORT:-54329}
PG_DIR=${PG_DIR:-/tmp/compass-pg-$PG_PORT}
if [ -z "$PG_BIN" ]; then
  echo "PostgreSQL server binaries not found; PostgreSQL tests will be skipped" >&2
else
  RUN_AS=()
  if [ "$(id -u)" = 0 ]; then RUN_AS=(runuser -u postgres --); fi
  if ! "$PG_BIN/pg_isready" -h 127.0.0.1 -p "$PG_PORT" -q; then
    rm -rf "$PG_DIR" && mkdir -p "$PG_DIR" && [ "$(id -u)" = 0 ] && chown postgres "$PG_DIR"
    "${RUN_AS[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --no-sync >/dev/null
    "${RUN_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
      -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $PG_DIR ${PG_SERVER_OPTIONS:-}" start >/dev/null && COMPASS_PG_STARTED=1
  fi
  export TEST_POSTGRES_URL="postgresql+psycopg://postgres@127.0.0.1:$PG_PORT/postgres"
fi

stop_test_postgres() {
  if [ -n "$COMPASS_PG_STARTED" ]; then
    "${RUN_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null && rm -rf "$PG_DIR"
  fi
}
