#!/usr/bin/env bash
# Runs the QiIngest performance figures (issue 6): bash bench/run.sh [--full] [--only NAME,...] [--out FILE]
# Quick mode (the default) takes under two minutes; --full takes tens of minutes. See bench/README.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# Azurite is started by the bench itself when nothing listens on 127.0.0.1:10000-10002; it needs the pinned copy.
if [[ ! -f eng/azurite/node_modules/azurite/dist/src/azurite.js ]]; then
  npm ci --prefix eng/azurite --no-audit --no-fund >&2
fi

dotnet build bench/QiIngest.Bench -c Release -nologo -v q -clp:ErrorsOnly >&2
exec dotnet bench/QiIngest.Bench/bin/Release/net10.0/QiIngest.Bench.dll "$@"
