#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests when it is missing. Idempotent: a machine that
# already has /usr/bin/chromium is left alone. Playwright cannot download its own browsers here
# (the network is closed), so the tests launch this one.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null; then
  sudo=(sudo)
else
  echo "install-chromium: Chromium is missing and this user cannot install it (run as root, or install Debian's 'chromium')" >&2
  exit 1
fi

echo "install-chromium: installing Debian's chromium package" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends chromium >/dev/null
