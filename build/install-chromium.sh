#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests when it is missing. Idempotent: a machine that
# already has /usr/bin/chromium is left alone. Playwright cannot download its own browsers here
# (the network is closed), so the tests launch this one.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  exit 0
fi

source "$(dirname "$0")/lib/apt-install.sh"
apt_install chromium chromium
