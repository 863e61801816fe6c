#!/usr/bin/env bash
# Azurite for local runs and tests, from the pinned eng/azurite/package-lock.json, on 127.0.0.1.
# Source this file, then:
#   start_azurite [--in-memory]   installs it if needed and starts it unless something already listens on
#                                 127.0.0.1:10000-10002 (then that one is used); returns non-zero on failure
#   stop_azurite                  stops it, if start_azurite started it
# It changes no shell options of the caller.

_qi_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
AZURITE_PID=""

_qi_listening() {
  local port
  for port in 10000 10001 10002; do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || return 1
  done
}

start_azurite() {
  local log="${TMPDIR:-/tmp}/qi-azurite.$$.log" args i
  if [ ! -f "$_qi_root/eng/azurite/node_modules/azurite/dist/src/azurite.js" ]; then
    echo "Installing Azurite from eng/azurite/package-lock.json ..." >&2
    npm ci --prefix "$_qi_root/eng/azurite" --no-audit --no-fund --loglevel=error >&2 || return 1
  fi

  if _qi_listening; then
    echo "Azurite is already listening on 127.0.0.1:10000-10002; using it." >&2
    return 0
  fi

  args=(--silent --disableTelemetry --skipApiVersionCheck --loose --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1)
  if [ "${1:-}" = "--in-memory" ]; then
    args+=(--inMemoryPersistence)
  else
    mkdir -p "$_qi_root/.azurite"
    args+=(--location "$_qi_root/.azurite")
  fi

  node "$_qi_root/eng/azurite/node_modules/azurite/dist/src/azurite.js" "${args[@]}" >"$log" 2>&1 &
  AZURITE_PID=$!
  for i in $(seq 1 150); do
    _qi_listening && break
    if ! kill -0 "$AZURITE_PID" 2>/dev/null; then
      cat "$log" >&2
      echo "Azurite did not start." >&2
      AZURITE_PID=""
      return 1
    fi
    sleep 0.2
  done
  if ! _qi_listening; then
    echo "Azurite did not open its ports in 30 s." >&2
    return 1
  fi
  echo "Started Azurite (pid $AZURITE_PID) on 127.0.0.1:10000-10002." >&2
}

stop_azurite() {
  if [ -n "${AZURITE_PID:-}" ]; then
    kill "$AZURITE_PID" 2>/dev/null || true
    wait "$AZURITE_PID" 2>/dev/null || true
    AZURITE_PID=""
    echo "Stopped Azurite." >&2
  fi
}
