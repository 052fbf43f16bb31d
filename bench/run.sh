#!/usr/bin/env bash
# OrleansChat's benchmark: builds Release, runs the peers' suite (../shared/bench-peers) with OrleansChat beside
# signalr-bare and socketio (same machine, same driver, same run), then the scenarios the peers' driver lacks
# (acknowledged sends, start-up, 10,000 connections), and writes everything to bench/results/<stamp>.*
#
#   bench/run.sh                 # full: REPEAT=3 rounds, medians (~40 min on 2 cores)
#   REPEAT=1 bench/run.sh        # one round
#   QUICK=1 bench/run.sh         # smoke run with tiny sizes (~3 min)
#   PARTS="peers acked startup connections" bench/run.sh   # choose parts
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
peers_src=${PEERS_DIR:-"$root/../shared/bench-peers"}
[ -d "$peers_src" ] || { echo "bench-peers not found at $peers_src" >&2; exit 1; }
PARTS=${PARTS:-"peers acked startup connections"}
REPEAT=${REPEAT:-3}
QUICK=${QUICK:-0}
stamp=$(date -u +%Y-%m-%dT%H%M%SZ)
results="$root/bench/results"; mkdir -p "$results"
out="$results/$stamp.jsonl"

echo "== build (Release)"
dotnet build -c Release WebGateway --nologo -v q
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

if [[ " $PARTS " == *" acked "* ]]; then
  echo "== acknowledged sends (SQLite), 1,000 rooms"
  port=5097
  rooms=1000; duration=20; [ "$QUICK" = 1 ] && { rooms=50; duration=3; }
  bench/serve.sh "$port" >"$results/$stamp-acked-server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 150); do curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 0.2; done
  node bench/ack-driver.js --url "http://127.0.0.1:$port" --rooms "$rooms" --connections "$rooms" --inflight 1 \
    --duration "$duration" --warmup 3 --server-pid "$server" --label sqlite --out "$out" || echo "ack driver failed ($?)" >&2
  kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true
fi

if [[ " $PARTS " == *" startup "* ]]; then
  echo "== start-up"
  node bench/startup.js --port 5098 --rounds 3 --out "$out"
fi

echo "== table"
node bench/report.js "$out" "$results/$stamp-connections.jsonl" | tee "$results/$stamp.md"
rm -rf "$work"
