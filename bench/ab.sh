#!/usr/bin/env bash
# Several builds, alternated round by round in one window, so that the machine's drift falls on every build alike
# (docs/benchmarks.md, "Session 5"). Each build is a commit checked out into a worktree of its own under a temporary
# folder and built in Release; each round starts that build's server (bench/serve.sh), runs one part against it and
# stops it. One JSON line per run goes to the results file.
#   AB_PART=acked (default): acknowledged sends, bench/ack-driver.js, 1,000 rooms and connections, one send in flight each
#   AB_PART=rooms: the peers' `rooms` scenario (100 rooms of 10, 5 msg/s each, 20 s; ../shared/bench-peers driver)
#   AB_PART=ramp: the peers' `ramp` scenario (a room of 100, 10 senders, the rate ×1.5 every 4 s until p99 > 250 ms)
# Usage: bench/ab.sh ROUNDS COMMIT [COMMIT ...]     e.g. bench/ab.sh 5 898f679 main;  AB_PART=rooms bench/ab.sh 3 A B
# Bounded: every server start waits at most 60 s, every driver run at most 120 s (rooms: 300 s).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
rounds=$1; shift
part=${AB_PART:-acked}
peers=${PEERS_DIR:-"$root/../shared/bench-peers"}
[ "$#" -ge 1 ] || { echo "usage: bench/ab.sh ROUNDS COMMIT [COMMIT ...]" >&2; exit 2; }
work=$(mktemp -d -t orleanschat-ab-XXXXXX)
results="$root/bench/results/ab-$(date -u +%Y%m%dT%H%M%SZ).jsonl"
mkdir -p "$root/bench/results"
cleanup() { for c in "$@"; do git -C "$root" worktree remove --force "$work/$c" >/dev/null 2>&1 || true; done; }
trap 'cleanup "$@"' EXIT
if [ "$part" != acked ]; then
  # The peers' folder may be read-only: its driver runs from a copy.
  cp -r "$peers" "$work/peers" && chmod -R u+w "$work/peers"
  (cd "$work/peers/driver" && { [ -d node_modules ] || npm ci --no-audit --no-fund >/dev/null; })
fi

for commit in "$@"; do
  git -C "$root" worktree add --detach "$work/$commit" "$commit" >/dev/null
  dotnet build "$work/$commit/WebGateway" -c Release -v quiet -nologo >/dev/null
done

for round in $(seq 1 "$rounds"); do
  for commit in "$@"; do
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    "$work/$commit/bench/serve.sh" "$port" >"$work/server-$commit.log" 2>&1 &
    pid=$!
    for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/" >/dev/null 2>&1 && break; sleep 0.5; done
    load=$(cut -d' ' -f1 /proc/loadavg)
    if [ "$part" != acked ]; then
      case "$part" in
        rooms) scenario=(--scenario rooms --rooms 100 --room-size 10 --room-rate 5 --duration 20) ;;
        ramp) scenario=(--scenario ramp --members 100 --senders 10 --ramp-start 50 --ramp-factor 1.5 --ramp-step-s 4 --ramp-max-steps 14 --p99-limit-ms 250) ;;
        *) echo "unknown AB_PART $part" >&2; exit 2 ;;
      esac
      result=$(cd "$work/peers" && timeout 300 node driver/driver.js --system orleanschat --adapter "$root/bench/adapter.js" \
        --url "http://127.0.0.1:$port" "${scenario[@]}" --warmup 3 --workers 2 --server-pid "$pid" --max-seconds 280 2>/dev/null | tail -n 1)
    else
      result=$(cd "$root" && timeout 120 node bench/ack-driver.js --url "http://127.0.0.1:$port" --rooms 1000 --connections 1000 \
        --inflight 1 --duration 20 --warmup 10 --server-pid "$pid" 2>/dev/null | tail -n 1)
    fi
    kill "$pid"; wait "$pid" 2>/dev/null || true
    echo "{\"part\":\"$part\",\"round\":$round,\"commit\":\"$commit\",\"load\":$load,\"result\":${result:-null}}" | tee -a "$results" |
      python3 -c '
import json, sys
d = json.loads(sys.stdin.read()); r = d["result"] or {}
if d["part"] == "ramp":
    print(d["round"], d["commit"], "load", d["load"], "sustainable", r.get("sustainable_rate"), "msg/s, p99", r.get("p99_ms"), "ms")
elif d["part"] == "rooms":
    print(d["round"], d["commit"], "load", d["load"], "p50", r.get("p50_ms"), "p99", r.get("p99_ms"), "max", r.get("max_ms"), "ms,", r.get("server_cpu_us_per_delivery"), "us CPU/delivery, lost", r.get("lost"))
else:
    print(d["round"], d["commit"], "load", d["load"], r.get("acked_per_s"), "acked/s", round(r.get("server_cpu_pct", 0) * 1e4 / max(r.get("acked_per_s", 1), 1), 1), "us CPU/ack")'
  done
done
echo "results: $results"
