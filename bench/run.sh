#!/usr/bin/env bash
# OrleansChat's benchmark: builds Release, runs the peers' suite (../shared/bench-peers) with OrleansChat beside
# signalr-bare and socketio (same machine, same driver, same run), then the scenarios the peers' driver lacks
# (acknowledged sends, start-up, 10,000 connections), and writes everything to bench/results/<stamp>.*
#
#   bench/run.sh                 # full: REPEAT=3 rounds, medians (~40 min on 2 cores)
#   REPEAT=1 bench/run.sh        # one round
#   QUICK=1 bench/run.sh         # smoke run with tiny sizes (~3 min)
#   PARTS="peers acked acked-postgres startup connections files search" bench/run.sh   # choose parts
#   SEARCH_MESSAGES=200000 PARTS=search bench/run.sh   # message search at a smaller size (default 1,000,000)
#   PARTS=scale bench/run.sh     # issue 16: a room of SCALE_MEMBERS (100,000) and of 1,000; SCALE_CONNECTIONS (50,000)
#   SCALE_MEMBERS=10000 SCALE_CONNECTIONS=15000 PARTS=scale bench/run.sh   # smaller sizes
#   SCALE_PARTS=connections PARTS=scale bench/run.sh   # one half of it: room | connections
#   SCALE_SIZES=1000,10000,20000 SCALE_PARTS=room PARTS=scale bench/run.sh   # the room measured at each of these sizes
#   SCALE_SEED_SECONDS=2100 ...  # stop seeding after this long (13,000 s) and measure the size reached
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
peers_src=${PEERS_DIR:-"$root/../shared/bench-peers"}
[ -d "$peers_src" ] || { echo "bench-peers not found at $peers_src" >&2; exit 1; }
PARTS=${PARTS:-"peers acked acked-postgres startup connections files search"}   # scale: only when asked (hours at 100,000)
REPEAT=${REPEAT:-3}
QUICK=${QUICK:-0}
stamp=$(date -u +%Y-%m-%dT%H%M%SZ)
results="$root/bench/results"; mkdir -p "$results"
out="$results/$stamp.jsonl"

echo "== build (Release)"
dotnet build -c Release WebGateway --nologo -v q
dotnet build -c Release Silo --nologo -v q
dotnet build -c Release Proxy --nologo -v q   # scripts/cluster.sh (acked-postgres) runs the proxy too
(cd bench && [ -d node_modules ] || npm ci --no-audit --no-fund)

# The peers' folder may be read-only (CI copies shared/ without write bits): work on a copy.
work=$(mktemp -d -t orleanschat-peers-XXXXXX)
cp -r "$peers_src" "$work/" && chmod -R u+w "$work"
peers="$work/bench-peers"
custom=(CUSTOM_NAME=orleanschat "CUSTOM_ADAPTER=$root/bench/adapter.js" "CUSTOM_CMD=$root/bench/serve.sh {PORT}" CUSTOM_HEALTH=/health)

if [[ " $PARTS " == *" peers "* ]]; then
  echo "== peers suite: fanout, rooms, ramp (REPEAT=$REPEAT)"
  env "${custom[@]}" SYSTEMS="${SYSTEMS:-signalr-bare socketio orleanschat}" REPEAT="$REPEAT" QUICK="$QUICK" OUT="$out" "$peers/run-all.sh"
fi

if [[ " $PARTS " == *" connections "* ]]; then
  echo "== connections: 10,000 clients in rooms of 10, light traffic"
  rooms=1000; [ "$QUICK" = 1 ] && rooms=50
  env "${custom[@]}" SYSTEMS="signalr-bare orleanschat" SCENARIOS=rooms ROOMS=$rooms ROOM_SIZE=10 ROOM_RATE=0.2 ROOMS_DURATION=20 \
    REPEAT=1 QUICK=0 OUT="$results/$stamp-connections.jsonl" "$peers/run-all.sh"
fi

# Waits (at most 30 s) for an HTTP endpoint to answer.
wait_http() { for _ in $(seq 1 150); do curl -sf "$1" >/dev/null 2>&1 && return 0; sleep 0.2; done; echo "no answer from $1" >&2; return 1; }

ack_rooms=1000; ack_duration=20; ack_warmup=10
[ "$QUICK" = 1 ] && { ack_rooms=50; ack_duration=3; ack_warmup=2; }
# ack_run LABEL URL PIDS [driver args...]: every acked-send run goes through the same driver settings.
ack_run() {
  node bench/ack-driver.js --url "$2" --rooms "$ack_rooms" --inflight 1 --duration "$ack_duration" --warmup "$ack_warmup" \
    --server-pid "$3" --label "$1" --out "$out" "${@:4}" || echo "ack driver failed ($?)" >&2
}

if [[ " $PARTS " == *" acked "* ]]; then
  echo "== acknowledged sends: OrleansChat on SQLite, and bare SignalR (no storage) as the ceiling, 1,000 rooms"
  peers_sr="$peers/signalr-bare"
  [ -f "$peers_sr/bin/publish/SignalrBare.dll" ] || (cd "$peers_sr" && dotnet publish -c Release -o bin/publish --nologo -v q)
  for round in $(seq 1 "$REPEAT"); do
    for connections in "$ack_rooms" $((ack_rooms / 5)); do
      port=5097
      bench/serve.sh "$port" >"$results/$stamp-acked-server.log" 2>&1 &
      server=$!
      wait_http "http://127.0.0.1:$port/health"
      ack_run "sqlite" "http://127.0.0.1:$port" "$server" --connections "$connections"
      kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true

      port=3197
      dotnet "$peers_sr/bin/publish/SignalrBare.dll" --urls "http://127.0.0.1:$port" >"$results/$stamp-acked-bare.log" 2>&1 &
      server=$!
      wait_http "http://127.0.0.1:$port/health"
      ack_run "none" "http://127.0.0.1:$port" "$server" --connections "$connections" --system signalr-bare
      kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true
    done
  done
fi

if [[ " $PARTS " == *" acked-postgres "* ]]; then
  echo "== acknowledged sends: OrleansChat on PostgreSQL (one silo, one gateway), 1,000 rooms"
  cluster_state=$(mktemp -d -t orleanschat-bench-cluster-XXXXXX)
  cluster=(CLUSTER_STATE="$cluster_state" CLUSTER_SILOS=1 CLUSTER_GATEWAYS=1 CLUSTER_SKIP_BUILD=1 PG_PORT=55497
    CLUSTER_HTTP=5190 CLUSTER_SILO_HTTP=8190 CLUSTER_SILO_PORT=11190 CLUSTER_GATEWAY_PORT=30190
    Chat__Rooms__SendBurst=1000000 Chat__Rooms__SendRatePerSecond=1000000
    Chat__Users__SendBurst=1000000 Chat__Users__SendRatePerSecond=1000000 Chat__Users__MaxConnections=1000000 Chat__Http__SessionsPerWindow=1000000
    Logging__LogLevel__Default=Warning)
  for round in $(seq 1 "$REPEAT"); do
    env "${cluster[@]}" bash scripts/cluster.sh start >"$results/$stamp-acked-cluster.log" 2>&1 || { cat "$results/$stamp-acked-cluster.log" >&2; break; }
    pids="$(cat "$cluster_state/pids/gateway1.pid"),$(cat "$cluster_state/pids/silo1.pid")"
    ack_run "postgres" "http://127.0.0.1:5191" "$pids" --connections "$ack_rooms" --also-user postgres
    env "${cluster[@]}" bash scripts/cluster.sh stop >>"$results/$stamp-acked-cluster.log" 2>&1
    # A fresh database per round, like the fresh SQLite file of the all-in-one runs.
    rm -rf "$(cat "$cluster_state/pg.location" 2>/dev/null || echo "$cluster_state/pg")" "$cluster_state/pg.location"
  done
  rm -rf "$cluster_state"
fi

if [[ " $PARTS " == *" files "* ]]; then
  echo "== files: upload and download of a 10 MB file, SQLite (all-in-one) and PostgreSQL (one silo, one gateway)"
  file_rounds=5; [ "$QUICK" = 1 ] && file_rounds=2
  port=5099
  bench/serve.sh "$port" >"$results/$stamp-files-server.log" 2>&1 &
  server=$!
  wait_http "http://127.0.0.1:$port/health"
  node bench/files.js --url "http://127.0.0.1:$port" --size 10 --rounds "$file_rounds" --label sqlite --out "$out" || echo "files driver failed ($?)" >&2
  kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true

  cluster_state=$(mktemp -d -t orleanschat-bench-files-XXXXXX)
  cluster=(CLUSTER_STATE="$cluster_state" CLUSTER_SILOS=1 CLUSTER_GATEWAYS=1 CLUSTER_SKIP_BUILD=1 PG_PORT=55498
    CLUSTER_HTTP=5290 CLUSTER_SILO_HTTP=8290 CLUSTER_SILO_PORT=11290 CLUSTER_GATEWAY_PORT=30290 Logging__LogLevel__Default=Warning)
  if env "${cluster[@]}" bash scripts/cluster.sh start >"$results/$stamp-files-cluster.log" 2>&1; then
    node bench/files.js --url "http://127.0.0.1:5291" --size 10 --rounds "$file_rounds" --label postgres --out "$out" || echo "files driver failed ($?)" >&2
  else
    cat "$results/$stamp-files-cluster.log" >&2
  fi
  env "${cluster[@]}" bash scripts/cluster.sh stop >>"$results/$stamp-files-cluster.log" 2>&1 || true
  rm -rf "$(cat "$cluster_state/pg.location" 2>/dev/null || echo "$cluster_state/pg")" "$cluster_state"
fi

if [[ " $PARTS " == *" startup "* ]]; then
  echo "== start-up"
  node bench/startup.js --port 5098 --rounds 3 --out "$out"
fi

if [[ " $PARTS " == *" search "* ]]; then
  # Seeds the stores directly (bench/SearchBench: through each store's group commit), then times word searches of a
  # user in 50 of the 1,000 rooms, and reports the table and index sizes.
  search_messages=${SEARCH_MESSAGES:-1000000}; [ "$QUICK" = 1 ] && search_messages=50000
  echo "== message search: $search_messages messages in 1,000 rooms, a user in 50, on SQLite and PostgreSQL"
  dotnet build -c Release bench/SearchBench --nologo -v q
  search_bench=(dotnet bench/SearchBench/bin/Release/net10.0/OrleansChat.SearchBench.dll --messages "$search_messages")
  search_db=$(mktemp -d -t orleanschat-bench-search-XXXXXX)
  "${search_bench[@]}" --store sqlite --path "$search_db/search.db" >>"$out" 2>"$results/$stamp-search-sqlite.log" || echo "search bench (sqlite) failed" >&2
  rm -rf "$search_db"
  # PostgreSQL alone: the cluster script with no silo and no gateway.
  pg_state=$(mktemp -d -t orleanschat-bench-search-pg-XXXXXX)
  pg_only=(CLUSTER_STATE="$pg_state" CLUSTER_SILOS=0 CLUSTER_GATEWAYS=0 CLUSTER_SKIP_BUILD=1 PG_PORT=55498)
  if env "${pg_only[@]}" bash scripts/cluster.sh start >"$results/$stamp-search-pg.log" 2>&1; then
    "${search_bench[@]}" --store postgres --connection "Host=127.0.0.1;Port=55498;Username=postgres;Database=orleanschat" \
      >>"$out" 2>"$results/$stamp-search-postgres.log" || echo "search bench (postgres) failed" >&2
    env "${pg_only[@]}" bash scripts/cluster.sh stop >>"$results/$stamp-search-pg.log" 2>&1
  else
    cat "$results/$stamp-search-pg.log" >&2
  fi
  rm -rf "$(cat "$pg_state/pg.location" 2>/dev/null || echo "$pg_state/pg")" "$pg_state"
fi

if [[ " $PARTS " == *" scale "* ]]; then
  # Issue 16. (a) One room grown through the API to 1,000 and then SCALE_MEMBERS members (guests: POST /api/session,
  # connect, JoinRoom, disconnect, 32 at once; bench/serve.sh lifts the guests-per-address limit, the only limit seeding
  # meets), measured at each size: joins, member pages, CPU per presence change (bench/scale.js room).
  # (b) Connections: the peers' driver's `rooms` scenario (rooms of 10, 0.2 msg/s each, every delivery counted) with
  # 5,000 and 10,000 connections against OrleansChat and signalr-bare (memory per connection: (peak - idle RSS) /
  # connections, and the slope between the two sizes),
  # then SCALE_CONNECTIONS against OrleansChat, capped (and said so in the result) by the open-file limit of one process
  # and the ephemeral port range when this machine cannot hold them.
  scale_members=${SCALE_MEMBERS:-100000}; scale_connections=${SCALE_CONNECTIONS:-50000}; scale_base=10000
  room_args=(--joiners 200 --pages 500 --filtered 100 --watchers 50 --changers 300 --seed-max-seconds "${SCALE_SEED_SECONDS:-13000}")
  conn_args=(--duration 60 --room-rate 0.2)   # 60 s of traffic: the settled figure comes after the connect burst's user grains left (30-45 s)
  if [ "$QUICK" = 1 ]; then
    scale_members=200; scale_connections=400; scale_base=200
    room_args=(--joiners 20 --pages 40 --filtered 10 --watchers 5 --changers 10); conn_args=(--duration 3 --room-rate 1 --warmup 1)
  fi
  small=1000; [ "$scale_members" -le "$small" ] && small=$((scale_members / 4))
  scale_parts=${SCALE_PARTS:-"room connections"}
fi
if [[ " $PARTS " == *" scale "* && " $scale_parts " == *" room "* ]]; then
  echo "== scale (a): one room of $small and of $scale_members members"
  port=5095
  bench/serve.sh "$port" >"$results/$stamp-scale-room-server.log" 2>&1 &
  server=$!
  wait_http "http://127.0.0.1:$port/health"
  node bench/scale.js room --url "http://127.0.0.1:$port" --server-pid "$server" --sizes "${SCALE_SIZES:-$small,$scale_members}" "${room_args[@]}" \
    --max-seconds 14400 --label "scale" --out "$out" 2> >(tee "$results/$stamp-scale-room.log" >&2) || echo "scale room driver failed ($?)" >&2
  kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true
fi
if [[ " $PARTS " == *" scale "* && " $scale_parts " == *" connections "* ]]; then
  echo "== scale (b): connections: $scale_base on OrleansChat and signalr-bare, then $scale_connections on OrleansChat"
  peers_sr="$peers/signalr-bare"
  [ -f "$peers_sr/bin/publish/SignalrBare.dll" ] || (cd "$peers_sr" && dotnet publish -c Release -o bin/publish --nologo -v q)
  # One socket per connection in the driver and in the server: raise the open-file limit as far as allowed (without
  # CAP_SYS_RESOURCE the hard limit stays), and widen the ephemeral ports to the server's address if they are fewer
  # than the connections (restored afterwards).
  ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
  ulimit -Hn $((scale_connections + 5000)) 2>/dev/null && ulimit -n $((scale_connections + 5000)) 2>/dev/null || true
  ports_before=$(sysctl -n net.ipv4.ip_local_port_range 2>/dev/null | tr -s '\t ' ' ')
  read -r plo phi <<<"$ports_before"
  if [ -n "$ports_before" ] && [ $((phi - plo)) -lt $((scale_connections + 2000)) ]; then
    sysctl -qw net.ipv4.ip_local_port_range="10000 65535" 2>/dev/null || echo "could not widen the ephemeral port range" >&2
  fi
  # conn_run SYSTEM CONNECTIONS: a fresh server, its idle RSS, then the peers' driver through bench/scale.js.
  conn_run() {
    local system=$1 connections=$2 cmd
    if [ "$system" = orleanschat ]; then port=5096; cmd=(bench/serve.sh "$port")
    else port=3196; cmd=(dotnet "$peers_sr/bin/publish/SignalrBare.dll" --urls "http://127.0.0.1:$port"); fi
    "${cmd[@]}" >"$results/$stamp-scale-conn-$system-$connections.log" 2>&1 &
    server=$!
    wait_http "http://127.0.0.1:$port/health"
    sleep 3
    local adapter=(); [ "$system" = orleanschat ] && adapter=(--adapter "$root/bench/adapter.js")
    node bench/scale.js connections --system "$system" "${adapter[@]}" --url "http://127.0.0.1:$port" --server-pid "$server" \
      --connections "$connections" --peers "$peers" "${conn_args[@]}" --label "scale" --out "$out" || echo "scale connections ($system) failed ($?)" >&2
    kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true
  }
  # Half the connections first, on both: the slope between the two sizes is what one more connection costs, without
  # what a process grows by once whatever the count (JIT code, caches; bench/report.js).
  conn_run signalr-bare $((scale_base / 2))
  conn_run signalr-bare "$scale_base"
  conn_run orleanschat $((scale_base / 2))
  conn_run orleanschat "$scale_base"
  conn_run orleanschat "$scale_connections"
  [ -n "$ports_before" ] && sysctl -qw net.ipv4.ip_local_port_range="$ports_before" 2>/dev/null || true
fi

echo "== table"
node bench/report.js "$out" "$results/$stamp-connections.jsonl" | tee "$results/$stamp.md"
rm -rf "$work"
