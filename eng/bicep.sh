#!/usr/bin/env bash
# Builds and lints the Bicep templates with the Bicep CLI restored from NuGet
# (Azure.Bicep.CommandLine.linux-x64, version from Directory.Packages.props). Works offline: the CLI
# ships the resource types. Fails on any error and on any warning, of the compiler or of the linter
# (infra/bicepconfig.json), and on any template that `bicep format` would change.
set -euo pipefail

root=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
package=azure.bicep.commandline.linux-x64
version=$(sed -n 's/.*<PackageVersion Include="Azure\.Bicep\.CommandLine\.linux-x64" Version="\([^"]*\)".*/\1/p' \
  "$root/Directory.Packages.props")
if [[ -z $version ]]; then
  echo "bicep.sh: no PackageVersion of Azure.Bicep.CommandLine.linux-x64 in Directory.Packages.props" >&2
  exit 2
fi

packages=${NUGET_PACKAGES:-}
if [[ -z $packages ]]; then
  packages=$(dotnet nuget locals global-packages --list | sed -n 's/^global-packages: //p')
fi
bicep="${packages%/}/$package/$version/tools/bicep"
if [[ ! -f $bicep ]]; then
  # The test project downloads the CLI (PackageDownload).
  dotnet restore "$root/tests/QiIngest.Infra.Tests/QiIngest.Infra.Tests.csproj" >&2
fi
if [[ ! -f $bicep ]]; then
  echo "bicep.sh: $bicep is missing after restore" >&2
  exit 2
fi
[[ -x $bicep ]] || chmod u+x "$bicep"

# Entry points are built; every template is linted (modules too, each on its own).
entries=(infra/main.bicep infra/eventgrid.bicep infra/modules/reporter-access.bicep)
mapfile -t templates < <(cd "$root" && find infra -name '*.bicep' | LC_ALL=C sort)

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
failed=0

run() {
  local log="$out/log"
  if ! "$bicep" "$@" >"$log" 2>&1; then
    failed=$((failed + 1))
    cat "$log"
  elif grep -E 'Warning|Error' "$log"; then
    failed=$((failed + 1))
  fi
}

for template in "${entries[@]}"; do
  run build "$root/$template" --outdir "$out"
done
for template in "${templates[@]}"; do
  run lint "$root/$template"
  "$bicep" format "$root/$template" --outfile "$out/formatted.bicep" >/dev/null
  if ! diff -u "$root/$template" "$out/formatted.bicep" >"$out/format.diff"; then
    failed=$((failed + 1))
    echo "$template is not formatted; run: bicep format $template"
    cat "$out/format.diff"
  fi
done

echo "bicep $version: built ${#entries[@]} templates, linted and format-checked ${#templates[@]}, $failed failed"
[[ $failed -eq 0 ]]
