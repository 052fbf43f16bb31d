#!/usr/bin/env bash
# Where OrleansChat allocates in the peers' `rooms` scenario (100 rooms of 10, 5 msg/s each): runs the scenario with a
# 60 s warm-up and 20 s measured against bench/serve.sh (Release), traces 25 s of its steady state with
# `dotnet-trace --profile gc-verbose` (allocation ticks with stacks, collections), and prints allocation by type and
# by frame, and each pause (bench/AllocTrace). docs/benchmarks.md, "Session 10", was measured this way.
# Needs dotnet-trace (`dotnet tool install -g dotnet-trace`). Usage: bench/alloc.sh [label]   (trace kept in bench/results)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
label=${1:-alloc}
trace_tool=${DOTNET_TRACE:-$(command -v dotnet-trace || echo "$HOME/.dotnet/tools/dotnet-trace")}
[ -x "$trace_tool" ] || { echo "dotnet-trace not found: dotnet tool install -g dotnet-trace" >&2; exit 1; }
peers_src=${PEERS_DIR:-"$root/../shared/bench-peers"}
work=$(mktemp -d -t orleanschat-alloc-XXXXXX)
cp -r "$peers_src" "$work/" && chmod -R u+w "$work"
(cd "$work/bench-peers/driver" && npm ci --no-audit --no-fund --silent)
(cd bench && [ -d node_modules ] || npm ci --no-audit --no-fund --silent)
dotnet build -c Release WebGateway --nologo -v q
dotnet build -c Release bench/AllocTrace --nologo -v q
mkdir -p bench/results
stamp=$(date -u +%Y%m%dT%H%M%SZ)
trace="bench/results/$stamp-$label.nettrace"

port=${PORT:-5097}
bench/serve.sh "$port" > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
until curl -sf "http://127.0.0.1:$port/health" > /dev/null; do sleep 0.5; done
pid=$(pgrep -P "$server" dotnet || echo "$server")
# The driver connects (~10 s) and warms up for 60 s: the trace covers the last part of the warm-up and the window.
( sleep 57; timeout -s INT 25 "$trace_tool" collect -p "$pid" --profile gc-verbose -o "$trace" > "$work/trace.log" 2>&1 ) &
tracer=$!
timeout 300 node "$work/bench-peers/driver/driver.js" --adapter "$root/bench/adapter.js" --url "http://127.0.0.1:$port" \
  --scenario rooms --rooms 100 --room-size 10 --room-rate 5 --warmup 60 --duration 20 --server-pid "$server" \
  --label "$label" --max-seconds 280 --out "bench/results/$stamp-$label.jsonl" > /dev/null
wait $tracer || true
tail -n 1 "bench/results/$stamp-$label.jsonl"
dotnet bench/AllocTrace/bin/Release/net10.0/OrleansChat.AllocTrace.dll "$trace" "${TOP:-30}"
