# Sourced by scripts/backup.sh and scripts/restore.sh: `gateway ARGS...` runs the gateway's data commands (backup,
# restore) — a published gateway when GATEWAY_DLL is set, else `dotnet run --project WebGateway`. Needs $root.
gateway() {
  if [ -n "${GATEWAY_DLL:-}" ]; then dotnet "$GATEWAY_DLL" "$@"
  else dotnet run --project "$root/WebGateway" -c "${CONFIGURATION:-Release}" --no-launch-profile -- "$@"; fi
}
