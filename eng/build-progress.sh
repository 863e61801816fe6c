#!/usr/bin/env bash
# Source this file, then: build_with_progress LOG dotnet-build-arguments...
# Runs `dotnet build` with the arguments, the full output going to LOG, and prints on standard error one line per
# project as it is restored or built, and every error; returns the build's exit code. It changes no shell options.
build_with_progress() {
  local log=$1
  shift
  dotnet build "$@" -nologo -v m -clp:NoSummary 2>&1 \
    | tee "$log" \
    | awk '
        / -> / { sub(/^[[:space:]]+/, ""); split($0, a, " -> "); print "   built " a[1]; fflush(); next }
        /^[[:space:]]*Restored / { sub(/^[[:space:]]*Restored /, ""); sub(/ \(in .*\)\.?$/, ""); n = split($0, p, "/"); print "   restored " p[n]; fflush(); next }
        / error / { print; fflush() }' >&2
  return "${PIPESTATUS[0]}"
}
