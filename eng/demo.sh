#!/usr/bin/env bash
# The README's first command: the pipeline end to end on this machine with the sample returns.
# Installs the pinned Azurite if needed, then runs `qi demo`, which starts Azurite (data in .azurite/) unless it is
# already running, starts the local host, uploads samples/uploads, waits for the receipts, rolls up, prints the
# national tables and writes out/dashboard-2023.html. Extra arguments go to `qi demo` (e.g. --keep-running).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
if [ ! -f eng/azurite/node_modules/azurite/dist/src/azurite.js ]; then
  echo "Installing Azurite from eng/azurite/package-lock.json ..." >&2
  npm ci --prefix eng/azurite --no-audit --no-fund --loglevel=error >&2
fi
exec dotnet run --project src/QiIngest.Cli -c Release -- demo "$@"
