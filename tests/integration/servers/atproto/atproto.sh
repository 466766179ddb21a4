#!/usr/bin/env bash
# A private AT Protocol (Bluesky) network on 127.0.0.1 for Baton's integration tests: PLC, PDS, AppView and Ozone
# from @atproto/dev-env (pinned in package.json + package-lock.json), backed by a private PostgreSQL cluster.
#
#   atproto.sh install   npm ci into $ATP_HOME (skipped when already up to date); checks better-sqlite3 loads
#   atproto.sh check     exit 0 when node, npm, PostgreSQL and an installed $ATP_HOME exist, else 1 and why
#   atproto.sh start     private PostgreSQL + node start-network.js in the background
#   atproto.sh wait      until $ATP_RUN/ready.json exists and the PDS answers (ATP_WAIT_TIMEOUT, 180 s)
#   atproto.sh smoke     a curl self-test against the running network
#   atproto.sh stop      stops everything and removes the runtime dirs (safe when nothing runs)
#
# Environment:
#   ATP_HOME   where node_modules live (default <repo>/build/atproto)
#   ATP_RUN    runtime dir: PostgreSQL data, TMPDIR, logs, pid files, ready.json (default $ATP_HOME/run)
#   ATP_PLC_PORT 2582, ATP_PDS_PORT 2583, ATP_APPVIEW_PORT 2584, ATP_OZONE_PORT 2587, ATP_PG_PORT 55432
# As root, PostgreSQL runs as the postgres user (it refuses root); everything else runs as the caller.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../../../.." && pwd)"
ATP_HOME="${ATP_HOME:-$REPO/build/atproto}"
ATP_RUN="${ATP_RUN:-$ATP_HOME/run}"
ATP_PLC_PORT="${ATP_PLC_PORT:-2582}"
ATP_PDS_PORT="${ATP_PDS_PORT:-2583}"
ATP_APPVIEW_PORT="${ATP_APPVIEW_PORT:-2584}"
ATP_OZONE_PORT="${ATP_OZONE_PORT:-2587}"
ATP_PG_PORT="${ATP_PG_PORT:-55432}"
ATP_WAIT_TIMEOUT="${ATP_WAIT_TIMEOUT:-180}"
export ATP_HOME ATP_RUN ATP_PLC_PORT ATP_PDS_PORT ATP_APPVIEW_PORT ATP_OZONE_PORT

PG_DIR="$ATP_RUN/pg"
NODE_PID="$ATP_RUN/node.pid"
NODE_LOG="$ATP_RUN/atproto.log"
PG_LOG="$ATP_RUN/postgres.log"
READY="$ATP_RUN/ready.json"
STAMP="$ATP_HOME/.baton-install-stamp"

die() {
  echo "atproto: $*" >&2
  exit 1
}
say() { echo "atproto: $*"; }

pg_bin() {
  local d
  for d in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V -r); do
    [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && {
      echo "$d"
      return 0
    }
  done
  return 1
}

# Runs a PostgreSQL command as the postgres user when we are root (PostgreSQL refuses to run as root).
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

install_stamp() {
  { cat "$HERE/package.json" "$HERE/package-lock.json"; node --version; } | sha256sum | cut -d' ' -f1
}

sqlite_loads() {
  (cd "$ATP_HOME" && node -e "new (require('better-sqlite3'))(':memory:').close()") >/dev/null 2>&1
}

cmd_install() {
  command -v node >/dev/null || die "node is not installed"
  command -v npm >/dev/null || die "npm is not installed"
  local want
  want="$(install_stamp)"
  if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want" ] && [ -d "$ATP_HOME/node_modules/@atproto/dev-env" ] && sqlite_loads; then
    return 0
  fi
  say "installing @atproto/dev-env into $ATP_HOME (npm ci; a few minutes on a cold cache)"
  mkdir -p "$ATP_HOME"
  rm -f "$STAMP"
  cp "$HERE/package.json" "$HERE/package-lock.json" "$ATP_HOME/"
  (cd "$ATP_HOME" && env -u NODE_OPTIONS npm ci --no-audit --no-fund --loglevel=error) ||
    die "npm ci failed in $ATP_HOME"
  if ! sqlite_loads; then
    say "better-sqlite3 does not load: rebuilding it"
    (cd "$ATP_HOME" && env -u NODE_OPTIONS npm rebuild better-sqlite3 --loglevel=error) || die "npm rebuild better-sqlite3 failed"
    sqlite_loads || die "better-sqlite3 still does not load after a rebuild (build-essential and python3 are needed)"
  fi
  echo "$want" >"$STAMP"
  say "installed"
}

cmd_check() {
  command -v node >/dev/null || {
    echo "atproto: node is not installed" >&2
    return 1
  }
  command -v npm >/dev/null || {
    echo "atproto: npm is not installed" >&2
    return 1
  }
  pg_bin >/dev/null || {
    echo "atproto: PostgreSQL (initdb, pg_ctl under /usr/lib/postgresql/*/bin) is not installed" >&2
    return 1
  }
  if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
    echo "atproto: running as root but there is no postgres user" >&2
    return 1
  fi
  [ -d "$ATP_HOME/node_modules/@atproto/dev-env" ] || {
    echo "atproto: $ATP_HOME/node_modules is not installed (run: atproto.sh install)" >&2
    return 1
  }
  return 0
}

port_busy() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

node_running() {
  [ -f "$NODE_PID" ] && kill -0 "$(cat "$NODE_PID")" 2>/dev/null
}

cmd_start() {
  cmd_check || exit 1
  node_running && die "already running (pid $(cat "$NODE_PID")); run stop first"
  local p
  for p in "$ATP_PLC_PORT" "$ATP_PDS_PORT" "$ATP_APPVIEW_PORT" "$ATP_OZONE_PORT" "$ATP_PG_PORT"; do
    port_busy "$p" && die "port 127.0.0.1:$p is already in use (another network running? try stop)"
  done
  local bin
  bin="$(pg_bin)"
  # A fresh cluster on every start: the PLC is in memory, so old AppView/Ozone rows would point at dead DIDs.
  stop_postgres
  rm -rf "$PG_DIR" "$ATP_RUN/tmp" "$READY"
  mkdir -p "$ATP_RUN" "$PG_DIR" "$ATP_RUN/tmp"
  : >"$PG_LOG"
  if [ "$(id -u)" -eq 0 ]; then
    chmod 0755 "$ATP_RUN" # the postgres user must reach $ATP_RUN/pg
    chown postgres: "$PG_DIR" "$PG_LOG"
    runuser -u postgres -- test -w "$PG_DIR" ||
      die "the postgres user cannot write $PG_DIR (a parent directory is not searchable by others?)"
  fi
  as_pg "$bin/initdb" -D "$PG_DIR/data" -U postgres --auth=trust --no-sync --encoding=UTF8 --locale=C.UTF-8 >>"$PG_LOG" 2>&1 ||
    die "initdb failed: $(tail -n 5 "$PG_LOG")"
  as_pg "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_LOG" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $ATP_PG_PORT -c unix_socket_directories='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null || die "PostgreSQL did not start: $(tail -n 5 "$PG_LOG")"

  : >"$NODE_LOG"
  (
    cd "$HERE"
    export DB_POSTGRES_URL="postgresql://postgres@127.0.0.1:$ATP_PG_PORT/postgres"
    export REDIS_HOST="127.0.0.1:6379" # asserted by dev-env, never connected to
    export TMPDIR="$ATP_RUN/tmp"
    export NODE_OPTIONS="--require $HERE/loopback-only.js"
    exec setsid node "$HERE/start-network.js" </dev/null >>"$NODE_LOG" 2>&1
  ) &
  echo $! >"$NODE_PID"
  say "started (node pid $!, PostgreSQL on 127.0.0.1:$ATP_PG_PORT); logs in $ATP_RUN"
}

cmd_wait() {
  local deadline=$((SECONDS + ATP_WAIT_TIMEOUT))
  while [ "$SECONDS" -lt "$deadline" ]; do
    if ! node_running; then
      echo "atproto: the network process is not running; last lines of $NODE_LOG:" >&2
      tail -n 40 "$NODE_LOG" >&2 2>/dev/null || true
      exit 1
    fi
    if [ -s "$READY" ] && curl -fsS -m 2 "http://127.0.0.1:$ATP_PDS_PORT/xrpc/_health" >/dev/null 2>&1; then
      say "ready: $READY"
      return 0
    fi
    sleep 0.2
  done
  echo "atproto: not ready after ${ATP_WAIT_TIMEOUT} s; last lines of $NODE_LOG:" >&2
  tail -n 40 "$NODE_LOG" >&2 2>/dev/null || true
  exit 1
}

stop_postgres() {
  local bin
  [ -f "$PG_DIR/data/postmaster.pid" ] || return 0
  bin="$(pg_bin)" || return 0
  as_pg "$bin/pg_ctl" -D "$PG_DIR/data" -w -t 30 -m fast stop >/dev/null 2>&1 || true
  if [ -f "$PG_DIR/data/postmaster.pid" ]; then
    local pid
    pid="$(head -n 1 "$PG_DIR/data/postmaster.pid")"
    if [ -n "$pid" ]; then kill -KILL "$pid" 2>/dev/null || true; fi
  fi
}

cmd_stop() {
  if [ -f "$NODE_PID" ]; then
    local pid
    pid="$(cat "$NODE_PID")"
    if kill -TERM "$pid" 2>/dev/null; then
      for _ in $(seq 1 150); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
      done
      if kill -0 "$pid" 2>/dev/null; then
        say "node did not stop within 15 s: killing it"
        kill -KILL "$pid" 2>/dev/null || true
      fi
    fi
    rm -f "$NODE_PID"
  fi
  stop_postgres
  rm -rf "$PG_DIR" "$ATP_RUN/tmp" "$READY" "$READY".*.tmp
  return 0
}

json_get() { # json_get <file> <js expression on j>
  node -e "const j=JSON.parse(require('fs').readFileSync(process.argv[1],'utf8')); console.log($2)" "$1"
}

cmd_smoke() {
  [ -s "$READY" ] || die "not running ($READY is missing)"
  local pds
  pds="$(json_get "$READY" j.pds)"
  tmp="$(mktemp -d)" # global: the EXIT trap runs after this function returns
  trap 'rm -rf "$tmp"' EXIT
  curl -fsS "$pds/xrpc/_health" >/dev/null || die "smoke: PDS health failed"
  curl -fsS "$(json_get "$READY" j.appview)/xrpc/_health" >/dev/null || die "smoke: AppView health failed"
  curl -fsS "$pds/xrpc/com.atproto.identity.resolveHandle?handle=alice.test" >"$tmp/resolve.json" ||
    die "smoke: resolveHandle failed"
  [ "$(json_get "$tmp/resolve.json" j.did)" = "$(json_get "$READY" j.users.alice.did)" ] ||
    die "smoke: alice.test resolves to another DID"
  node -e "const j=JSON.parse(require('fs').readFileSync(process.argv[1],'utf8'));
    process.stdout.write(JSON.stringify({identifier:j.users.alice.handle,password:j.users.alice.appPassword}))" \
    "$READY" >"$tmp/login.json"
  curl -fsS -X POST "$pds/xrpc/com.atproto.server.createSession" -H 'content-type: application/json' \
    --data-binary "@$tmp/login.json" >"$tmp/session.json" || die "smoke: createSession with the app password failed"
  local token
  token="$(json_get "$tmp/session.json" j.accessJwt)"
  curl -fsS -H "authorization: Bearer $token" \
    "$pds/xrpc/app.bsky.notification.listNotifications?limit=50&reasons=mention&reasons=reply&reasons=quote" \
    >"$tmp/notifications.json" || die "smoke: listNotifications failed"
  local reasons
  reasons="$(json_get "$tmp/notifications.json" "j.notifications.map(n=>n.reason).sort().join(',')")"
  [ "$reasons" = "mention,mention,quote,reply" ] || die "smoke: unexpected notifications: $reasons"
  say "smoke: ok (health, resolveHandle, app-password session, notifications $reasons)"
}

case "${1:-}" in
  install) cmd_install ;;
  check) cmd_check ;;
  start) cmd_start ;;
  wait) cmd_wait ;;
  stop) cmd_stop ;;
  smoke) cmd_smoke ;;
  *)
    sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
