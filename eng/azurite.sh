#!/usr/bin/env bash
# Installs the pinned Azurite (eng/azurite/package-lock.json) and starts it on 127.0.0.1 unless something already
# listens on its ports. Source it: it sets AZURITE_PID (empty when Azurite was already running) and stop_azurite.
#   source eng/azurite.sh [--in-memory]
set -euo pipefail
_qi_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

_qi_listening() {
  local port
  for port in 10000 10001 10002; do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || return 1
  done
}

if [ ! -f "$_qi_root/eng/azurite/node_modules/azurite/dist/src/azurite.js" ]; then
  echo "Installing Azurite from eng/azurite/package-lock.json ..." >&2
  npm ci --prefix "$_qi_root/eng/azurite" --no-audit --no-fund --loglevel=error >&2
fi

AZURITE_PID=""
if _qi_listening; then
  echo "Azurite is already listening on 127.0.0.1:10000-10002; using it." >&2
else
  _qi_args=(--silent --skipApiVersionCheck --loose --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1)
  if [ "${1:-}" = "--in-memory" ]; then
    _qi_args+=(--inMemoryPersistence)
  else
    mkdir -p "$_qi_root/.azurite"
    _qi_args+=(--location "$_qi_root/.azurite")
  fi
  node "$_qi_root/eng/azurite/node_modules/azurite/dist/src/azurite.js" "${_qi_args[@]}" >"${TMPDIR:-/tmp}/qi-azurite.log" 2>&1 &
  AZURITE_PID=$!
  for _ in $(seq 1 150); do
    _qi_listening && break
    kill -0 "$AZURITE_PID" 2>/dev/null || { cat "${TMPDIR:-/tmp}/qi-azurite.log" >&2; echo "Azurite did not start." >&2; exit 1; }
    sleep 0.2
  done
  _qi_listening || { echo "Azurite did not open its ports in 30 s." >&2; exit 1; }
  echo "Started Azurite (pid $AZURITE_PID) on 127.0.0.1:10000-10002." >&2
fi

stop_azurite() {
  if [ -n "${AZURITE_PID:-}" ]; then
    kill "$AZURITE_PID" 2>/dev/null || true
    wait "$AZURITE_PID" 2>/dev/null || true
    echo "Stopped Azurite." >&2
  fi
}
