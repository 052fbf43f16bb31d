#!/usr/bin/env bash
# Runs every test of OrleansChat (unit, grain, gateway, storage on SQLite and PostgreSQL, browser, and the page's state
# modules under `node --test`) and ends with a plain summary line "N passed, N failed, N skipped" counted from the
# test results.
# Needs: .NET 10 SDK, Node/npm, Chromium at /usr/bin/chromium, PostgreSQL 15 server binaries
# (/usr/lib/postgresql/15/bin). scripts/install-test-deps.sh installs the last two on Debian.
set -uo pipefail
cd "$(dirname "$0")/.."

results="TestResults"
rm -rf "$results"
mkdir -p "$results"

# The page's plain state modules (timeline, outbox, read markers, mentions): seconds, no browser.
node --test Tests/Page/ | tee "$results/node-tests.tap"
node_status=${PIPESTATUS[0]}

dotnet test OrleansChat.sln --logger "trx" --results-directory "$results" "$@"
status=$?
[ "$node_status" -eq 0 ] || status=1

passed=0; failed=0; total=0; executed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed)))
  total=$((total + $(get total)))
  executed=$((executed + $(get executed)))
done
skipped=$((total - executed))
tap() { grep -E "^# $1 [0-9]+" "$results/node-tests.tap" | grep -oE '[0-9]+' | head -n 1; }
if [ -f "$results/node-tests.tap" ]; then
  passed=$((passed + $(tap pass || echo 0)))
  failed=$((failed + $(tap fail || echo 0) + $(tap cancelled || echo 0)))
  skipped=$((skipped + $(tap skipped || echo 0) + $(tap todo || echo 0)))
  total=$((total + $(tap tests || echo 0)))
fi

# Figures measured by the process-level failure tests (Tests/Cluster), quoted in docs/operations.md.
if [ -f "$results/measurements.txt" ]; then
  echo "Measured:"
  sed 's/^/  /' "$results/measurements.txt"
fi
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$status" -eq 0 ] && [ "$total" -eq 0 ]; then
  echo "No test ran." >&2
  exit 1
fi
exit "$status"
