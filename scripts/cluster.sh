#!/usr/bin/env bash
# A throwaway local OrleansChat cluster on 127.0.0.1: one PostgreSQL server, 3 silos, 2 gateways and the reverse proxy
# in front of them (the one address people open).
#
#   bash scripts/cluster.sh start            build, start everything, print the URL
#   bash scripts/cluster.sh status           what runs, and whether it is ready
#   bash scripts/cluster.sh restart NAME     graceful stop and start of one process (silo2, gateway1, proxy ...)
#   bash scripts/cluster.sh rolling-restart  every silo, then every gateway, one at a time, as an upgrade does it
#   bash scripts/cluster.sh stop             stop exactly what `start` started (proxy, gateways, silos, PostgreSQL)
#
# Everything lives in the state directory (CLUSTER_STATE, default ./.cluster): the database files, one log and one pid
# file per process. Logs are appended to (a restarted process's earlier log, a crash's last words included, stays).
# `stop` keeps the database; delete the directory to start from scratch.
# Ports (environment overrides in brackets): PostgreSQL 55432 [PG_PORT]; silo i (1-3): Orleans 11110+i [CLUSTER_SILO_PORT]
# and 30000+i [CLUSTER_GATEWAY_PORT], health and metrics http://127.0.0.1:8080+i [CLUSTER_SILO_HTTP]; gateway j (1-2):
# http://127.0.0.1:5000+j [CLUSTER_HTTP]; the proxy http://127.0.0.1:5000 [CLUSTER_HTTP]. CLUSTER_SILOS and
# CLUSTER_GATEWAYS (3, 2) set the sizes (stop and status need the same values). CLUSTER_CONFIGURATION (Release) picks the
# build; CLUSTER_SKIP_BUILD=1 uses an existing build. CLUSTER_READY_TIMEOUT (90) is how long a start or restart waits for
# a process to be ready.
# Needs the .NET SDK and the PostgreSQL 15 server binaries.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
state=${CLUSTER_STATE:-$root/.cluster}
pg_port=${PG_PORT:-55432}
pg_bin=${PG_BIN:-/usr/lib/postgresql/15/bin}
silos=${CLUSTER_SILOS:-3}
gateways=${CLUSTER_GATEWAYS:-2}
configuration=${CLUSTER_CONFIGURATION:-Release}
silo_port=${CLUSTER_SILO_PORT:-11110}
silo_gateway_port=${CLUSTER_GATEWAY_PORT:-30000}
silo_http=${CLUSTER_SILO_HTTP:-8080}
gateway_http=${CLUSTER_HTTP:-5000}
ready_timeout=${CLUSTER_READY_TIMEOUT:-90}
connection="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=orleanschat"
silo_dir="$root/Silo/bin/$configuration/net10.0"
gateway_dir="$root/WebGateway/bin/$configuration/net10.0"
proxy_dir="$root/Proxy/bin/$configuration/net10.0"

log() { echo "cluster: $*"; }

# Runs a PostgreSQL tool; initdb refuses to run as root, so root runs the tools as the postgres user.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then
    su -s /bin/sh postgres -c "$(printf '%q ' "$@")"
  else
    "$@"
  fi
}

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# Where the PostgreSQL files live: $state/pg, unless the postgres user cannot reach the state directory (a checkout
# in root's home, say); then a directory under /tmp, remembered in $state/pg.location so that stop finds it.
pg_dir() {
  if [ -f "$state/pg.location" ]; then cat "$state/pg.location"; return; fi
  local dir="$state/pg"
  if [ ! -d "$state" ]; then echo "$dir"; return; fi
  if [ "$(id -u)" -eq 0 ] && ! su -s /bin/sh postgres -c "test -x '$state'" 2>/dev/null; then
    dir=$(mktemp -d /tmp/orleanschat-cluster-pg-XXXXXX)
  fi
  echo "$dir" >"$state/pg.location"
  echo "$dir"
}

# Waits (at most $2 seconds) until an HTTP endpoint answers 200.
wait_ready() {
  local url=$1 seconds=$2 name=$3 pidfile=$4
  for _ in $(seq 1 $((seconds * 4))); do
    if curl -fsS -o /dev/null "$url" 2>/dev/null; then return 0; fi
    if ! alive "$pidfile"; then log "$name exited; see $state/logs/$name.log"; return 1; fi
    sleep 0.25
  done
  log "$name was not ready within ${seconds}s; see $state/logs/$name.log"
  return 1
}

start_pg() {
  local pg
  pg=$(pg_dir)
  mkdir -p "$pg"
  if [ "$(id -u)" -eq 0 ]; then chown postgres: "$pg"; chmod 700 "$pg"; fi
  if [ ! -f "$pg/data/PG_VERSION" ]; then
    as_pg "$pg_bin/initdb" -D "$pg/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$state/logs/initdb.log"
  fi
  if ! as_pg "$pg_bin/pg_ctl" -D "$pg/data" status >/dev/null 2>&1; then
    as_pg "$pg_bin/pg_ctl" -D "$pg/data" -l "$pg/server.log" -w -t 60 start \
      -o "-p $pg_port -k $pg -c listen_addresses=127.0.0.1" >/dev/null
  fi
  if ! as_pg "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'orleanschat'" postgres 2>/dev/null | grep -q 1; then
    as_pg "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres orleanschat
  fi
  log "PostgreSQL on 127.0.0.1:$pg_port (database orleanschat)"
}

# start_process NAME DLL DIR ARGS...: starts the process from its own directory, records its pid. The log is appended
# to, so that a restart keeps what the previous run (or crash) wrote.
start_process() {
  local name=$1 dll=$2 dir=$3
  shift 3
  if alive "$state/pids/$name.pid"; then log "$name runs already"; return 0; fi
  echo "==== cluster.sh: starting $name at $(date -u +%Y-%m-%dT%H:%M:%SZ)" >>"$state/logs/$name.log"
  (cd "$dir" && exec nohup dotnet "$dll" "$@" >>"$state/logs/$name.log" 2>&1 </dev/null) &
  echo $! >"$state/pids/$name.pid"
}

silo_url() { echo "http://127.0.0.1:$((silo_http + $1))"; }
gateway_url() { echo "http://127.0.0.1:$((gateway_http + $1))"; }
proxy_url() { echo "http://127.0.0.1:$gateway_http"; }

start_silo() {
  start_process "silo$1" OrleansChat.Silo.dll "$silo_dir" \
    --Orleans:SiloPort=$((silo_port + $1)) --Orleans:GatewayPort=$((silo_gateway_port + $1)) --urls "$(silo_url "$1")"
}

# Gateways sit behind the proxy on 127.0.0.1: they take the client's address from its X-Forwarded-For (the per-address
# limits), which ASP.NET Core trusts from a loopback proxy only.
start_gateway() {
  Chat__TokenKey="$(cat "$state/token.key")" ASPNETCORE_FORWARDEDHEADERS_ENABLED=true \
    start_process "gateway$1" OrleansChat.WebGateway.dll "$gateway_dir" --Chat:Mode=Client --urls "$(gateway_url "$1")"
}

start_proxy() {
  local args=() j
  for j in $(seq 1 $gateways); do args+=("--ReverseProxy:Clusters:gateways:Destinations:gateway$j:Address=$(gateway_url "$j")/"); done
  start_process proxy OrleansChat.Proxy.dll "$proxy_dir" --urls "$(proxy_url)" "${args[@]}"
}

# ready_url NAME: the endpoint that says NAME is ready.
ready_url() {
  case "$1" in
    silo*) echo "$(silo_url "${1#silo}")/health/ready" ;;
    gateway*) echo "$(gateway_url "${1#gateway}")/health/ready" ;;
    proxy) echo "$(proxy_url)/proxy/health" ;;
  esac
}

start_named() {
  case "$1" in
    silo*) start_silo "${1#silo}" ;;
    gateway*) start_gateway "${1#gateway}" ;;
    proxy) start_proxy ;;
  esac
}

common_env() {
  export ASPNETCORE_ENVIRONMENT=Production
  export Chat__Storage__Provider=Postgres
  export ConnectionStrings__Chat="$connection"
  export Orleans__ClusterId=orleanschat-local
  export Orleans__ServiceId=orleanschat
  export Logging__Console__FormatterName=json
  # Each line then carries the trace id and span id of the request or call that wrote it.
  export Logging__Console__FormatterOptions__IncludeScopes=true
  export Logging__Console__FormatterOptions__TimestampFormat="yyyy-MM-ddTHH:mm:ss.fffZ"
  export Logging__Console__FormatterOptions__UseUtcTimestamp=true
}

start() {
  mkdir -p "$state/logs" "$state/pids"
  # The token key is a secret: readable by its owner only, and handed to the gateways through their environment
  # (readable by the owner and root only), never on a command line, where every local user sees it with `ps`.
  [ -f "$state/token.key" ] || (umask 077 && head -c 32 /dev/urandom | base64 >"$state/token.key")
  chmod 600 "$state/token.key"
  if [ "${CLUSTER_SKIP_BUILD:-0}" != 1 ]; then
    log "building ($configuration)"
    dotnet build OrleansChat.sln -c "$configuration" -v q -nologo >"$state/logs/build.log" 2>&1 || { log "build failed; see $state/logs/build.log"; exit 1; }
  fi
  start_pg
  common_env
  for i in $(seq 1 $silos); do start_silo "$i"; done
  for i in $(seq 1 $silos); do wait_ready "$(ready_url "silo$i")" "$ready_timeout" "silo$i" "$state/pids/silo$i.pid" || { stop; exit 1; }; done
  for j in $(seq 1 $gateways); do start_gateway "$j"; done
  for j in $(seq 1 $gateways); do wait_ready "$(ready_url "gateway$j")" "$ready_timeout" "gateway$j" "$state/pids/gateway$j.pid" || { stop; exit 1; }; done
  start_proxy
  wait_ready "$(ready_url proxy)" "$ready_timeout" proxy "$state/pids/proxy.pid" || { stop; exit 1; }
  log "ready: open $(proxy_url)/"
  for j in $(seq 1 $gateways); do log "  gateway$j  $(gateway_url "$j")/   (behind the proxy; metrics: /metrics)"; done
  for i in $(seq 1 $silos); do log "  silo$i     $(silo_url "$i")/health/ready   (metrics: /metrics, dashboard: /dashboard/)"; done
  log "logs in $state/logs; stop with: bash scripts/cluster.sh stop"
}

known() {
  case "$1" in
    proxy) return 0 ;;
    silo*) [[ "${1#silo}" =~ ^[0-9]+$ ]] && [ "${1#silo}" -ge 1 ] && [ "${1#silo}" -le "$silos" ] ;;
    gateway*) [[ "${1#gateway}" =~ ^[0-9]+$ ]] && [ "${1#gateway}" -ge 1 ] && [ "${1#gateway}" -le "$gateways" ] ;;
    *) return 1 ;;
  esac
}

# restart NAME: a graceful stop (SIGTERM; SIGKILL after 30 s), a start with the same settings and ports, and a wait
# until it is ready. A restart that is slow or fails is reported (exit 1) and leaves the rest of the cluster running.
restart() {
  local name=$1
  known "$name" || { echo "cluster: no process named '$name' (silo1..silo$silos, gateway1..gateway$gateways, proxy)" >&2; exit 2; }
  common_env
  stop_process "$name"
  start_named "$name"
  if ! wait_ready "$(ready_url "$name")" "$ready_timeout" "$name" "$state/pids/$name.pid"; then
    log "restart of $name failed; the rest of the cluster still runs"
    return 1
  fi
  log "restarted $name (pid $(cat "$state/pids/$name.pid")), ready at $(date -u +%H:%M:%S.%N | cut -c1-10)"
}

# Waits (at most $ready_timeout seconds) until the proxy takes NAME's new connections again (its probes passed).
wait_in_rotation() {
  local name=$1
  for _ in $(seq 1 $((ready_timeout * 4))); do
    if curl -fsS "$(proxy_url)/proxy/destinations" 2>/dev/null | grep -q "\"$name\":{[^}]*\"available\":true"; then return 0; fi
    sleep 0.25
  done
  log "the proxy did not take $name back within ${ready_timeout}s"
  return 1
}

# Every silo, then every gateway, one at a time: each is replaced only when the one before is ready again, and a
# gateway only when the proxy has taken the one before back into rotation (else the clients of the next one would
# have no gateway to go to).
rolling_restart() {
  local i j
  for i in $(seq 1 $silos); do restart "silo$i" || exit 1; done
  for j in $(seq 1 $gateways); do
    restart "gateway$j" || exit 1
    wait_in_rotation "gateway$j" || exit 1
  done
  log "rolling restart done"
}

# stop_process NAME: SIGTERM, then up to 30 s for a graceful stop, then SIGKILL.
stop_process() {
  local name=$1 pidfile="$state/pids/$1.pid"
  [ -f "$pidfile" ] || return 0
  local pid
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    if kill -0 "$pid" 2>/dev/null; then log "$name did not stop within 30 s: killing it"; kill -KILL "$pid" 2>/dev/null || true; fi
    log "stopped $name (pid $pid) at $(date -u +%H:%M:%S.%N | cut -c1-10)"
  fi
  rm -f "$pidfile"
}

stop() {
  # Orleans processes first: a silo asked to stop after its membership store is gone waits a long time.
  stop_process proxy
  for j in $(seq 1 $gateways); do stop_process "gateway$j"; done
  for i in $(seq 1 $silos); do stop_process "silo$i"; done
  local pg
  pg=$(pg_dir)
  if [ -f "$pg/data/PG_VERSION" ] && as_pg "$pg_bin/pg_ctl" -D "$pg/data" status >/dev/null 2>&1; then
    as_pg "$pg_bin/pg_ctl" -D "$pg/data" -m fast -w stop >/dev/null
    log "stopped PostgreSQL"
  fi
}

status() {
  local name url
  for i in $(seq 1 $silos); do show "silo$i" "http://127.0.0.1:$((silo_http + i))/health/ready"; done
  for j in $(seq 1 $gateways); do show "gateway$j" "http://127.0.0.1:$((gateway_http + j))/health/ready"; done
  show proxy "$(ready_url proxy)"
  if alive "$state/pids/proxy.pid"; then log "proxy sees $(curl -fsS "$(proxy_url)/proxy/destinations" 2>/dev/null || echo '(no answer)')"; fi
  local pg
  pg=$(pg_dir)
  if [ -f "$pg/data/PG_VERSION" ] && as_pg "$pg_bin/pg_ctl" -D "$pg/data" status >/dev/null 2>&1; then
    log "postgres   running on 127.0.0.1:$pg_port"
  else
    log "postgres   stopped"
  fi
}

show() {
  local name=$1 url=$2
  if alive "$state/pids/$name.pid"; then
    if curl -fsS -o /dev/null "$url" 2>/dev/null; then log "$name  running, ready ($url)"; else log "$name  running, NOT ready ($url)"; fi
  else
    log "$name  stopped"
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  restart) [ $# -eq 2 ] || { echo "usage: $0 restart silo<i>|gateway<j>|proxy" >&2; exit 2; }; restart "$2" ;;
  rolling-restart) rolling_restart ;;
  *) echo "usage: $0 start|stop|status|restart NAME|rolling-restart" >&2; exit 2 ;;
esac
