#!/usr/bin/env bash
# Builds qi as one self-contained file per platform, for machines without .NET (provincial bureaus work on Windows):
#   out/qi/win-x64/qi.exe  and  out/qi/linux-x64/qi
# Usage: bash eng/publish-qi.sh [RID ...]   (default: win-x64 linux-x64; any .NET runtime identifier works)
# The runtime packs come from NuGet like any package. The Linux file is run once (qi --version) as a check when this
# machine can run it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
rids=("$@")
[ ${#rids[@]} -gt 0 ] || rids=(win-x64 linux-x64)

for rid in "${rids[@]}"; do
  out="$root/out/qi/$rid"
  echo "== publish-qi: $rid -> ${out#"$root"/}" >&2
  rm -rf "$out"
  # A tool package is framework-dependent; this build is not one. Compression keeps the file near 40 MB.
  dotnet publish src/QiIngest.Cli -c Release -r "$rid" --self-contained -nologo -v q -clp:ErrorsOnly \
    -p:PackAsTool=false -p:PublishSingleFile=true -p:IncludeNativeLibrariesForSelfExtract=true \
    -p:EnableCompressionInSingleFile=true -p:DebugType=none -o "$out"
  exe="$out/qi"
  [[ $rid == win-* ]] && exe="$out/qi.exe"
  if [ ! -f "$exe" ]; then
    echo "publish-qi: $exe was not written" >&2
    exit 1
  fi
  # Nothing beside the one file is needed (a .pdb or .xml would only be clutter).
  find "$out" -mindepth 1 ! -path "$exe" -delete
  echo "   $(du -h "$exe" | cut -f1) ${exe#"$root"/}" >&2
  if [ "$rid" = linux-x64 ] && [ "$(uname -s)-$(uname -m)" = Linux-x86_64 ]; then
    echo "   $("$exe" --version) (ran ${exe#"$root"/} --version)" >&2
  fi
done
