#!/usr/bin/env bash
# Starts OrleansChat for a benchmark run as users run it: all-in-one, durable SQLite storage, Release build.
# A fresh data directory per start; the per-user send rate limit is lifted (the driver's senders post up to hundreds
# of messages per second each, which the default limit of 5/s per user and room would refuse), and so is the limit of
# new guests per client address (every driver connection is a guest from 127.0.0.1).
# Usage: bench/serve.sh PORT
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
data=$(mktemp -d -t orleanschat-bench-XXXXXX)
export Chat__Rooms__SendBurst=1000000 Chat__Rooms__SendRatePerSecond=1000000 Chat__Http__SessionsPerWindow=1000000
export Chat__Users__SendBurst=1000000 Chat__Users__SendRatePerSecond=1000000 Chat__Users__MaxConnections=1000000
export Logging__LogLevel__Default=Warning
# The content root is the project folder, as with `dotnet run --project WebGateway`: the page is served from its wwwroot.
cd "$root/WebGateway"
exec dotnet "$root/WebGateway/bin/Release/net10.0/OrleansChat.WebGateway.dll" \
  --urls "http://127.0.0.1:$1" --Chat:DataDirectory="$data" "${@:2}"
