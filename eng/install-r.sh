#!/usr/bin/env bash
# Installs R and its SDMX client rsdmx from Debian's packages (r-cran-rsdmx), only when rsdmx is missing: the API's
# SDMX client test reads the local host's SDMX answers with it. Non-interactive and quiet; for .ci/run and developers'
# machines (needs root or sudo).
set -euo pipefail

if command -v Rscript >/dev/null 2>&1 && Rscript -e 'suppressPackageStartupMessages(library(rsdmx))' >/dev/null 2>&1; then
  echo "install-r: R and rsdmx are already installed."
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi

echo "install-r: installing r-cran-rsdmx with apt-get."
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends r-base-core r-cran-rsdmx >/dev/null
Rscript -e 'cat("rsdmx", as.character(packageVersion("rsdmx")), "\n")'
