#!/usr/bin/env bash
# A throwaway PostgreSQL server for the register's tests (docs/audit.md). The server refuses to run as root, so as
# root it runs as the `postgres` user Debian's package creates (or, without one, a system user `policycheck-pg`
# made here); as anyone else it runs as that user. `start DIR` initialises a cluster in DIR, starts it on 127.0.0.1
# at a free port and prints the URL to export as POLICYCHECK_TEST_POSTGRES_URL; `stop DIR` stops it and removes DIR.
set -euo pipefail

action=${1:?usage: test-postgres.sh start|stop DIR}
dir=${2:?usage: test-postgres.sh start|stop DIR}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bin" ] || { echo "test-postgres.sh: error: no PostgreSQL server under /usr/lib/postgresql" >&2; exit 2; }

owner=
if [ "$(id -u)" = 0 ]; then
  if id -u postgres >/dev/null 2>&1; then
    owner=postgres
  else
    owner=policycheck-pg
    id -u "$owner" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$owner"
  fi
fi

as_postgres() {
  if [ -n "$owner" ]; then
    # From /, which the server's user can read (a checkout under /root may not be).
    (cd / && runuser -u "$owner" -- "$@")
  else
    "$@"
  fi
}

case "$action" in
start)
  mkdir -p "$dir"
  [ -n "$owner" ] && chown "$owner": "$dir"
  as_postgres "$bin/initdb" -D "$dir/data" -U postgres -A trust --no-sync -E UTF8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 2; }
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=200" start >/dev/null \
    || { cat "$dir/server.log" >&2; exit 2; }
  as_postgres "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres policycheck_test
  echo "postgres://postgres@127.0.0.1:$port/policycheck_test"
  ;;
stop)
  [ -d "$dir/data" ] && as_postgres "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
  rm -rf "$dir"
  ;;
*)
  echo "test-postgres.sh: error: unknown action '$action' (start or stop)" >&2; exit 2 ;;
esac
