#!/usr/bin/env bash
# `make cluster` / `make cluster-stop`: one PostgreSQL, REPLICAS app servers and nginx in front, all on 127.0.0.1.
#
#   scripts/cluster.sh start    PostgreSQL (own data dir), seed migrate + load, replicas (warm start), nginx
#   scripts/cluster.sh stop     stops exactly what `start` recorded in its PID files, nothing else
#   scripts/cluster.sh status   what runs, on which ports
#
# Environment: REPLICAS (3), PORT (8080, nginx), CLUSTER_DIR (data/cluster), CLUSTER_PG_PORT (a free port),
# READY_TIMEOUT (300 s for each replica's warm start), CLUSTER_DATABASE_URL (use that database instead of
# starting a PostgreSQL: `make bench` points the replicas at its 1e6-fact database). Everything it writes lives in CLUSTER_DIR:
# cluster.env (ports and DATABASE_URL), pids/, logs/, pg/ (the database), nginx/ (rendered config).
set -Eeuo pipefail  # -E: the ERR trap of `start` also fires inside its functions
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=${PY:-$ROOT/.venv/bin/python}
REPLICAS=${REPLICAS:-3}
PORT=${PORT:-8080}
CLUSTER_DIR=$(realpath -m "${CLUSTER_DIR:-$ROOT/data/cluster}")
READY_TIMEOUT=${READY_TIMEOUT:-300}
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
PIDS=$CLUSTER_DIR/pids
LOGS=$CLUSTER_DIR/logs
NGINX_DIR=$CLUSTER_DIR/nginx
RUN_AS=()
if [ "$(id -u)" = 0 ]; then RUN_AS=(runuser -u postgres --); fi

say() { echo "[cluster] $*"; }
die() { echo "[cluster] $*" >&2; exit 1; }
free_port() { "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# Wait until URL answers 200 (a warming replica answers 503), at most $2 seconds.
wait_ready() {
  "$PY" - "$1" "$2" <<'EOF'
import sys, time, urllib.request
url, deadline = sys.argv[1], time.monotonic() + float(sys.argv[2])
while time.monotonic() < deadline:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            if response.status == 200:
                sys.exit(0)
    except OSError:
        pass
    time.sleep(0.5)
sys.exit(f"{url} was not ready within {sys.argv[2]} s")
EOF
}

# A recorded PID is ours only while it still runs the command we started (PIDs are reused).
alive() {
  local pid=$1 pattern=$2
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$pattern"
}

# Stop the process a PID file names; with "group", its whole process group (a replica and any helper it forked).
stop_pid() {
  local file=$1 pattern=$2 signal=${3:-TERM} scope=${4:-}
  [ -f "$file" ] || return 0
  local pid target
  pid=$(head -n 1 "$file")
  target=$pid
  [ "$scope" = group ] && target=-$pid
  if alive "$pid" "$pattern"; then
    kill "-$signal" -- "$target" 2>/dev/null || true
    for _ in $(seq 50); do alive "$pid" "$pattern" || break; sleep 0.2; done
    if alive "$pid" "$pattern"; then kill -KILL -- "$target" 2>/dev/null || true; fi
  fi
  if [ "$scope" = group ]; then kill -KILL -- "$target" 2>/dev/null || true; fi  # helpers that outlived the server
  rm -f "$file"
}

start_postgres() {
  [ -n "$PG_BIN" ] || die "PostgreSQL server binaries not found (Debian: apt-get install postgresql; make cluster installs it)"
  local pg=$CLUSTER_DIR/pg
  mkdir -p "$pg"
  [ "$(id -u)" = 0 ] && chown postgres "$pg"
  if [ ! -f "$pg/data/PG_VERSION" ]; then
    "${RUN_AS[@]}" "$PG_BIN/initdb" -D "$pg/data" -U postgres --auth=trust -E UTF8 >"$LOGS/initdb.log"
  fi
  PG_PORT=${CLUSTER_PG_PORT:-$(free_port)}
  "${RUN_AS[@]}" "$PG_BIN/pg_ctl" -D "$pg/data" -l "$pg/log" -w \
    -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $pg" start >/dev/null
  head -n 1 "$pg/data/postmaster.pid" >"$PIDS/postgres.pid"
  "${RUN_AS[@]}" "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -qtAc "SELECT 1 FROM pg_database WHERE datname = 'compass'" |
    grep -q 1 || "${RUN_AS[@]}" "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres compass
  DATABASE_URL="postgresql+psycopg://postgres@127.0.0.1:$PG_PORT/compass"
  say "PostgreSQL on 127.0.0.1:$PG_PORT (data in $pg/data)"
}

prepare_database() {
  # Once, before any replica starts: several servers migrating at the same moment would race on the schema.
  DATABASE_URL=$DATABASE_URL "$PY" -m seed migrate >"$LOGS/migrate.log" 2>&1 || { cat "$LOGS/migrate.log" >&2; die "seed migrate failed"; }
  DATABASE_URL=$DATABASE_URL "$PY" -m seed load --if-empty >"$LOGS/load.log" 2>&1 || { cat "$LOGS/load.log" >&2; die "seed load failed"; }
  say "schema migrated, seed loaded ($(tail -n 1 "$LOGS/load.log"))"
}

start_replicas() {
  REPLICA_PORTS=()
  # One cookie secret for all replicas: a signed cookie (st.login) made by one is then valid on the others after a failover.
  local secret=$CLUSTER_DIR/cookie-secret
  [ -s "$secret" ] || (umask 077 && "$PY" -c 'import secrets; print(secrets.token_hex(32))' >"$secret")
  for i in $(seq "$REPLICAS"); do
    local port
    port=$(free_port)
    DATABASE_URL=$DATABASE_URL STREAMLIT_SERVER_COOKIE_SECRET=$(cat "$secret") STREAMLIT_BROWSER_GATHER_USAGE_STATS=false setsid nohup "$PY" -m streamlit run serve.py \
      --server.port "$port" --server.address 127.0.0.1 --server.headless true --server.fileWatcherType none \
      >"$LOGS/replica-$i.log" 2>&1 &
    echo $! >"$PIDS/replica-$i.pid"  # setsid: the replica leads its own process group, which `stop` ends
    REPLICA_PORTS+=("$port")
  done
  for i in $(seq "$REPLICAS"); do
    wait_ready "http://127.0.0.1:${REPLICA_PORTS[$((i - 1))]}/_stcore/health" "$READY_TIMEOUT" ||
      { tail -n 20 "$LOGS/replica-$i.log" >&2; die "replica $i did not become ready"; }
  done
  say "$REPLICAS replicas warm on 127.0.0.1:${REPLICA_PORTS[*]}"
}

render_nginx() {
  mkdir -p "$NGINX_DIR"/tmp/{body,proxy,fastcgi,uwsgi,scgi}
  local user="" modules="" brotli=""
  if [ "$(id -u)" = 0 ]; then
    user="user nobody nogroup;"  # workers never run as root; they only need the temp directories
    chown -R nobody:nogroup "$NGINX_DIR/tmp"
  fi
  if [ -f /usr/lib/nginx/modules/ngx_http_brotli_filter_module.so ]; then
    modules="load_module /usr/lib/nginx/modules/ngx_http_brotli_filter_module.so;"
    brotli="brotli on; brotli_comp_level 5; brotli_min_length 1024; brotli_types text/plain text/css text/javascript application/javascript application/json application/wasm image/svg+xml font/ttf;"
  fi
  local servers=""
  for port in "${REPLICA_PORTS[@]}"; do servers+="server 127.0.0.1:$port max_fails=1 fail_timeout=5s; "; done
  NGINX_USER=$user NGINX_MODULES=$modules NGINX_BROTLI=$brotli NGINX_SERVERS=$servers NGINX_RUN_DIR=$NGINX_DIR \
    NGINX_LISTEN="127.0.0.1:$PORT" "$PY" - deploy/nginx.conf.template "$NGINX_DIR/nginx.conf" <<'EOF'
import base64, hashlib, os, re, sys
from pathlib import Path

import streamlit

index = (Path(streamlit.__file__).parent / "static" / "index.html").read_text(encoding="utf-8")
inline = re.findall(r"<script>(.*?)</script>", index, flags=re.S)  # the inline scripts CSP must allow by hash
hashes = " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" for s in inline)
values = {"LOAD_MODULES": os.environ["NGINX_MODULES"], "USER": os.environ["NGINX_USER"], "RUN_DIR": os.environ["NGINX_RUN_DIR"],
          "LISTEN": os.environ["NGINX_LISTEN"], "SERVERS": os.environ["NGINX_SERVERS"], "BROTLI": os.environ["NGINX_BROTLI"],
          "SCRIPT_HASHES": hashes}
text = re.sub(r"@([A-Z_]+)@", lambda m: values[m.group(1)], Path(sys.argv[1]).read_text(encoding="utf-8"))
Path(sys.argv[2]).write_text(text, encoding="utf-8")
EOF
}

start_nginx() {
  command -v nginx >/dev/null || die "nginx not found (Debian: apt-get install nginx; make cluster installs it)"
  render_nginx
  nginx -t -q -p "$NGINX_DIR/" -e "$NGINX_DIR/nginx-error.log" -c "$NGINX_DIR/nginx.conf" || die "nginx refused its configuration"
  nginx -p "$NGINX_DIR/" -e "$NGINX_DIR/nginx-error.log" -c "$NGINX_DIR/nginx.conf"
  for _ in $(seq 50); do [ -s "$NGINX_DIR/nginx.pid" ] && break; sleep 0.1; done
  cp "$NGINX_DIR/nginx.pid" "$PIDS/nginx.pid"
  wait_ready "http://127.0.0.1:$PORT/_stcore/health" 30 || die "nginx on 127.0.0.1:$PORT does not reach the replicas"
}

start() {
  if [ -d "$PIDS" ] && [ -n "$(ls -A "$PIDS" 2>/dev/null)" ]; then
    die "a cluster is already recorded in $PIDS: run 'make cluster-stop' first"
  fi
  mkdir -p "$PIDS" "$LOGS"
  trap 'echo "[cluster] start failed; stopping what was started" >&2; stop' ERR
  if [ -n "${CLUSTER_DATABASE_URL:-}" ]; then
    DATABASE_URL=$CLUSTER_DATABASE_URL PG_PORT=external
  else
    start_postgres
  fi
  prepare_database
  start_replicas
  start_nginx
  trap - ERR
  cat >"$CLUSTER_DIR/cluster.env" <<EOF
PORT=$PORT
PG_PORT=$PG_PORT
DATABASE_URL=$DATABASE_URL
REPLICA_PORTS="${REPLICA_PORTS[*]}"
EOF
  say "up: http://127.0.0.1:$PORT (nginx) -> ${REPLICA_PORTS[*]} -> PostgreSQL 127.0.0.1:$PG_PORT; stop with 'make cluster-stop'"
}

stop() {
  [ -d "$PIDS" ] || { say "nothing recorded in $PIDS"; return 0; }
  stop_pid "$PIDS/nginx.pid" "nginx" QUIT
  for file in "$PIDS"/replica-*.pid; do
    [ -e "$file" ] && stop_pid "$file" "serve.py" TERM group
  done
  if [ -f "$PIDS/postgres.pid" ]; then
    if alive "$(head -n 1 "$PIDS/postgres.pid")" "postgres"; then
      "${RUN_AS[@]}" "$PG_BIN/pg_ctl" -D "$CLUSTER_DIR/pg/data" -m fast -w stop >/dev/null || true
    fi
    stop_pid "$PIDS/postgres.pid" "postgres"
  fi
  rm -f "$CLUSTER_DIR/cluster.env"
  say "stopped"
}

status() {
  [ -f "$CLUSTER_DIR/cluster.env" ] && cat "$CLUSTER_DIR/cluster.env"
  for file in "$PIDS"/*.pid; do
    [ -e "$file" ] || continue
    local pid
    pid=$(head -n 1 "$file")
    if [ -d "/proc/$pid" ]; then echo "$(basename "$file" .pid): pid $pid running"; else echo "$(basename "$file" .pid): pid $pid gone"; fi
  done
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) die "usage: scripts/cluster.sh start|stop|status" ;;
esac
