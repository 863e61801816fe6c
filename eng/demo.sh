#!/usr/bin/env bash
# The README's first command: the pipeline end to end on this machine with the sample returns.
# Installs the pinned Azurite if needed, builds qi (saying which project it is at: the first build takes a while), then
# runs `qi demo`, which starts Azurite (data in .azurite/) unless it is already running, starts the local host, uploads
# samples/uploads, waits for the receipts, rolls up, prints the national tables and writes every report to out/.
# Extra arguments go to `qi demo` (e.g. --keep-running).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
if [ ! -f eng/azurite/node_modules/azurite/dist/src/azurite.js ]; then
  echo "== Installing Azurite from eng/azurite/package-lock.json ..." >&2
  npm ci --prefix eng/azurite --no-audit --no-fund --loglevel=error >&2
fi

echo "== Building qi (Release; the first build restores packages and takes a minute or two) ..." >&2
mkdir -p out
# shellcheck source=eng/build-progress.sh
source eng/build-progress.sh
if ! build_with_progress out/demo-build.log src/QiIngest.Cli -c Release; then
  echo "The build failed; the full log is out/demo-build.log." >&2
  exit 1
fi

echo "== Running qi demo $*" >&2
bin=src/QiIngest.Cli/bin/Release/net10.0
if [ -x "$bin/qi" ]; then
  exec "$bin/qi" demo "$@"
fi
exec dotnet "$bin/qi.dll" demo "$@"
