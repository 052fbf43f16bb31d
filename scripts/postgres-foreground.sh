#!/usr/bin/env bash
# Runs a throwaway PostgreSQL 15 server in the foreground (for an orchestrator such as the Aspire AppHost, which
# starts, watches and stops it like any process): creates DIR/data and the database `orleanschat` on the first run,
# then replaces itself with `postgres`, listening on 127.0.0.1:PORT. As root, the server runs as the postgres user
# (initdb refuses root).
#
#   bash scripts/postgres-foreground.sh DIR PORT
#
# The server accepts TCP connections only once the database exists, so "the port answers" means "ready".
set -euo pipefail
dir=$1
port=$2
pg_bin=${PG_BIN:-/usr/lib/postgresql/15/bin}

as_pg() {
  if [ "$(id -u)" -eq 0 ]; then setpriv --reuid=postgres --regid=postgres --init-groups -- "$@"; else "$@"; fi
}

mkdir -p "$dir"
if [ "$(id -u)" -eq 0 ]; then
  chown postgres: "$dir"; chmod 700 "$dir"
  setpriv --reuid=postgres --regid=postgres --init-groups -- test -x "$dir" ||
    { echo "postgres-foreground: the postgres user cannot reach $dir (choose a directory outside root's home, e.g. under /tmp)" >&2; exit 1; }
fi
if [ ! -f "$dir/data/PG_VERSION" ]; then
  as_pg "$pg_bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
fi
# A first start on the Unix socket only, to create the database before anyone can connect over TCP.
if ! as_pg "$pg_bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
  as_pg "$pg_bin/pg_ctl" -D "$dir/data" -l "$dir/setup.log" -w -t 60 start -o "-p $port -k $dir -c listen_addresses=''" >/dev/null
fi
if ! as_pg "$pg_bin/psql" -h "$dir" -p "$port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'orleanschat'" postgres | grep -q 1; then
  as_pg "$pg_bin/createdb" -h "$dir" -p "$port" -U postgres orleanschat
fi
as_pg "$pg_bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
echo "postgres-foreground: database orleanschat ready in $dir; starting the server on 127.0.0.1:$port"
if [ "$(id -u)" -eq 0 ]; then
  exec setpriv --reuid=postgres --regid=postgres --init-groups -- "$pg_bin/postgres" -D "$dir/data" -p "$port" -k "$dir" -c listen_addresses=127.0.0.1
fi
exec "$pg_bin/postgres" -D "$dir/data" -p "$port" -k "$dir" -c listen_addresses=127.0.0.1
