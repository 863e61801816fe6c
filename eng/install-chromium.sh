#!/usr/bin/env bash
# Installs headless Chromium (and a CJK font, so the dashboard screenshot shows Chinese) from Debian's packages,
# only when they are missing. Non-interactive and quiet; for .ci/run and developers' machines (needs root or sudo).
set -euo pipefail

packages=()
[ -x /usr/bin/chromium ] || packages+=(chromium)
if ! { command -v fc-list >/dev/null 2>&1 && fc-list :lang=zh family | grep -q .; }; then
  packages+=(fonts-noto-cjk)
fi

if [ ${#packages[@]} -eq 0 ]; then
  echo "install-chromium: chromium and a CJK font are already installed."
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi

echo "install-chromium: installing ${packages[*]} with apt-get."
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
/usr/bin/chromium --version
