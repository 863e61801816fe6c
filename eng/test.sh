#!/usr/bin/env bash
# The test command (README): restore, build with warnings as errors, check formatting and the Bicep, start Azurite
# (pinned, in memory, on 127.0.0.1) and headless Chromium's package if missing, run every test, stop Azurite, and print
# one line "N passed, N failed[, N skipped]".
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
results="$root/TestResults"
rm -rf "$results"
mkdir -p "$results"

summary() {
  local passed=0 failed=0 skipped=0 f p x s
  for f in $(find "$results" -name '*.trx' 2>/dev/null); do
    p=$(grep -o '<Counters [^>]*' "$f" | grep -o ' passed="[0-9]*"' | grep -o '[0-9]*' || echo 0)
    x=$(grep -o '<Counters [^>]*' "$f" | grep -o ' failed="[0-9]*"' | grep -o '[0-9]*' || echo 0)
    s=$(grep -o '<Counters [^>]*' "$f" | grep -o ' notExecuted="[0-9]*"' | grep -o '[0-9]*' || echo 0)
    passed=$((passed + p)); failed=$((failed + x)); skipped=$((skipped + s))
  done
  failed=$((failed + ${1:-0}))
  # A test host that crashed writes no failures into its report: count the run as failed.
  if [ "${2:-0}" -ne 0 ] && [ "$failed" -eq 0 ]; then
    echo "dotnet test exited with $2 although no test reported a failure (a test host crashed?)." >&2
    failed=1
  fi
  if [ "$skipped" -gt 0 ]; then
    echo "$passed passed, $failed failed, $skipped skipped"
  else
    echo "$passed passed, $failed failed"
  fi
  [ "$failed" -eq 0 ]
}

step() { echo "== $*" >&2; }

step "Restore and build (warnings are errors)"
if ! dotnet build QiIngest.sln -c Debug -nologo -v q -clp:ErrorsOnly; then
  echo "The build failed." >&2
  summary 1; exit 1
fi

step "Formatting (dotnet format --verify-no-changes)"
if ! dotnet format QiIngest.sln --verify-no-changes --no-restore -v q; then
  echo "Formatting differs: run 'dotnet format QiIngest.sln'." >&2
  summary 1; exit 1
fi

step "Bicep build and lint"
if ! bash eng/bicep.sh; then
  summary 1; exit 1
fi

if [ -f eng/install-chromium.sh ]; then
  step "Headless Chromium for the dashboard test"
  bash eng/install-chromium.sh || echo "Could not install chromium; the dashboard test will fail." >&2
fi

step "Azurite"
# shellcheck source=eng/azurite.sh
source eng/azurite.sh
trap stop_azurite EXIT
if ! start_azurite --in-memory; then
  summary 1; exit 1
fi

step "Tests"
dotnet test QiIngest.sln --no-build -nologo -v q --logger "trx" --results-directory "$results" -- RunConfiguration.TreatNoTestsAsError=false >"$results/dotnet-test.log" 2>&1
status=$?
grep -E "^(Passed|Failed)!|^\s+Failed |Error Message" -A3 "$results/dotnet-test.log" | head -200 >&2 || true
stop_azurite
if [ $status -ne 0 ] && [ -z "$(find "$results" -name '*.trx')" ]; then
  cat "$results/dotnet-test.log" >&2
  summary 1; exit 1
fi
summary 0 "$status"
