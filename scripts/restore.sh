#!/usr/bin/env bash
# Restores a backup of scripts/backup.sh (docs/operations.md, "Back up and restore"). Every OrleansChat process that
# uses the data must be stopped first; the restore checks and refuses otherwise. The restore records a sequence floor:
# every room continues above every number issued before, so that clients never drop new messages as duplicates.
#
#   bash scripts/restore.sh all-in-one BACKUP_DIR [DATA_DIR]   DATA_DIR defaults to WebGateway/data
#   bash scripts/restore.sh postgres BACKUP_DIR CONNINFO        CONNINFO as for psql; the database must exist
#
# GATEWAY_DLL runs a published gateway (dotnet GATEWAY_DLL restore ...) instead of `dotnet run --project WebGateway`.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

usage() { sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
[ $# -ge 2 ] || usage
kind=$1
backup=$(realpath -m "$2")

# shellcheck source=scripts/gateway-command.sh
source "$root/scripts/gateway-command.sh"

case "$kind" in
  all-in-one)
    data=$(realpath -m "${3:-$root/WebGateway/data}")
    gateway restore "$backup/orleanschat.db" "--Chat:DataDirectory=$data"
    if [ -f "$backup/token.key" ]; then cp -p "$backup/token.key" "$data/token.key"; fi
    ;;
  postgres)
    [ $# -ge 3 ] || usage
    conninfo=$3
    if [ ! -f "$backup/orleanschat.pgdump" ]; then echo "restore: no orleanschat.pgdump in $backup" >&2; exit 1; fi
    others=$(psql -X -tA -d "$conninfo" -c "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")
    if [ "$others" != 0 ]; then
      echo "restore: $others other connection(s) to the database: stop every silo and gateway first" >&2
      exit 1
    fi
    # The highest number the replaced database issued, if it is there: the floor goes above it too.
    replaced=$(psql -X -tA -d "$conninfo" -c "SELECT GREATEST(
        CASE WHEN to_regclass('room_events') IS NULL THEN 0 ELSE (SELECT COALESCE(MAX(seq), 0) FROM room_events) END,
        CASE WHEN to_regclass('sequence_floor') IS NULL THEN 0 ELSE (SELECT COALESCE(MAX(floor), 0) FROM sequence_floor) END)")
    pg_restore --clean --if-exists --no-owner --single-transaction --exit-on-error -d "$conninfo" "$backup/orleanschat.pgdump"
    # The floor: the time in microseconds since 1970 (a count no backup takes back), and above every number and floor
    # of the backup and of the replaced database (as SqliteBackup.NextFloor does for SQLite).
    floor=$(psql -X -tA -v ON_ERROR_STOP=1 -d "$conninfo" -v replaced="$replaced" <<'SQL'
BEGIN;
CREATE TABLE IF NOT EXISTS sequence_floor (id integer PRIMARY KEY CHECK (id = 1), floor bigint NOT NULL);
INSERT INTO sequence_floor (id, floor)
SELECT 1, GREATEST((extract(epoch FROM clock_timestamp()) * 1000000)::bigint,
                   GREATEST(:replaced, (SELECT COALESCE(MAX(seq), 0) FROM room_events),
                            (SELECT COALESCE(MAX(floor), 0) FROM sequence_floor)) + 1)
ON CONFLICT (id) DO UPDATE SET floor = excluded.floor
RETURNING floor;
COMMIT;
SQL
)
    echo "Restored $backup/orleanschat.pgdump; rooms continue above sequence number $(echo "$floor" | head -1)."
    ;;
  *) usage ;;
esac
