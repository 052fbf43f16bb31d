#!/usr/bin/env bash
# An online backup of OrleansChat's data, taken while it serves (docs/operations.md, "Back up and restore").
#
#   bash scripts/backup.sh all-in-one DEST [DATA_DIR]   the all-in-one gateway's SQLite database (VACUUM INTO, one
#                                                      consistent snapshot, the WAL included) and its token.key;
#                                                      DATA_DIR defaults to WebGateway/data
#   bash scripts/backup.sh postgres DEST CONNINFO       the cluster's PostgreSQL database (pg_dump, one snapshot);
#                                                      CONNINFO as for psql, e.g. "host=127.0.0.1 port=55432 user=postgres dbname=orleanschat"
#
# DEST is a directory that must not exist yet; it is created with owner-only permissions. GATEWAY_DLL runs a published
# gateway (dotnet GATEWAY_DLL backup ...) instead of `dotnet run --project WebGateway`.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

usage() { sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
[ $# -ge 2 ] || usage
kind=$1
dest=$(realpath -m "$2")
if [ -e "$dest" ]; then echo "backup: $dest exists already" >&2; exit 1; fi

# shellcheck source=scripts/gateway-command.sh
source "$root/scripts/gateway-command.sh"

case "$kind" in
  all-in-one)
    data=$(realpath -m "${3:-$root/WebGateway/data}")
    (umask 077; mkdir -p "$dest")
    gateway backup "$dest/orleanschat.db" "--Chat:DataDirectory=$data"
    if [ -f "$data/token.key" ]; then cp -p "$data/token.key" "$dest/token.key"; fi
    ;;
  postgres)
    [ $# -ge 3 ] || usage
    (umask 077; mkdir -p "$dest")
    # Orleans' membership rows describe the silos running now, not those that will start after a restore: left out.
    pg_dump --format=custom --no-owner --exclude-table-data=orleans_membership \
      --exclude-table-data=orleans_membership_version --file="$dest/orleanschat.pgdump" "$3"
    echo "Backed up the PostgreSQL database to $dest/orleanschat.pgdump."
    ;;
  *) usage ;;
esac
