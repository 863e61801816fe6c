#!/usr/bin/env bash
# The test command (README): restore, build with warnings as errors, check formatting and the Bicep, start Azurite
# (pinned, in memory, on 127.0.0.1) and headless Chromium's package if missing, run every test, stop Azurite, and print
# one line "N passed, N failed[, N skipped]". Each step says what it does as it starts; the build names each project
# as it is built, the test run each test project as it finishes, and every failed test is listed with its reason
# above the summary line. Works with NUGET_PACKAGES set (with or without a trailing slash).
#
# To add a step (an installer, a linter), add one block below: `step "What it does"`, then the command, then
# `|| fail "what went wrong"` if it must stop the run. New test projects need nothing here: they run when they are
# in QiIngest.sln.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
results="$root/TestResults"
rm -rf "$results"
mkdir -p "$results"
started=$SECONDS

step() { echo "== [$((SECONDS - started)) s] $*" >&2; }

# The failed tests of the test reports (trx), each with the first lines of its error message, on standard error.
failures() {
  local f
  for f in $(find "$results" -name '*.trx' 2>/dev/null); do
    awk '
      /<UnitTestResult / && /outcome="Failed"/ { name = $0; sub(/.*testName="/, "", name); sub(/".*/, "", name); gsub(/&quot;/, "\"", name); next }
      name != "" && /<Message>/ { print "FAILED " name ":"; inside = 1; lines = 0; sub(/.*<Message>/, "") }
      inside {
        done = sub(/<\/Message>.*/, "")
        gsub(/&quot;/, "\""); gsub(/&lt;/, "<"); gsub(/&gt;/, ">"); gsub(/&amp;/, "\\&")
        if (lines < 8) { print "  " $0 }; lines++
        if (done) { inside = 0; name = "" }
      }
    ' "$f" >&2
  done
}

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

# Ends the run before the tests: the reason, then the summary line.
fail() {
  echo "$*" >&2
  summary 1
  exit 1
}

step "Restore and build (warnings are errors)"
# shellcheck source=eng/build-progress.sh
source eng/build-progress.sh
build_with_progress "$results/build.log" QiIngest.sln -c Debug || fail "The build failed (the full log is $results/build.log)."

step "Formatting (dotnet format --verify-no-changes)"
dotnet format QiIngest.sln --verify-no-changes --no-restore -v q || fail "Formatting differs: run 'dotnet format QiIngest.sln'."

step "Bicep build and lint"
bash eng/bicep.sh || fail "The Bicep templates do not build or lint cleanly."

if [ -f eng/install-chromium.sh ]; then
  step "Headless Chromium for the dashboard test"
  bash eng/install-chromium.sh || echo "Could not install chromium; the dashboard test will fail." >&2
fi

step "R and rsdmx for the SDMX client test"
bash eng/install-r.sh || echo "Could not install rsdmx; the SDMX client test will fail." >&2

step "Azurite"
# shellcheck source=eng/azurite.sh
source eng/azurite.sh
trap stop_azurite EXIT
start_azurite --in-memory || fail "Azurite did not start."

step "Tests (each test project is listed as it finishes)"
dotnet test QiIngest.sln --no-build -nologo -v q --logger "trx" --results-directory "$results" -- RunConfiguration.TreatNoTestsAsError=false 2>&1 \
  | tee "$results/dotnet-test.log" \
  | awk '/^(Passed|Failed)!/ { sub(/ \(net[0-9.]+\)$/, ""); print "   " $0; fflush() }' >&2
status=${PIPESTATUS[0]}
stop_azurite
if [ "$status" -ne 0 ] && [ -z "$(find "$results" -name '*.trx')" ]; then
  cat "$results/dotnet-test.log" >&2
  summary 1; exit 1
fi
failures
step "Done"
summary 0 "$status"
