#!/usr/bin/env bash
# Installs Debian's prometheus package for its promtool when it is missing: the tests check the
# alert rules (docs/alerts.yml) with `promtool check rules` and `promtool test rules`.
# Idempotent: a machine with promtool on its PATH is left alone. Only the tool is used: Debian
# starts no service without an init system, and the tests start no Prometheus.
set -euo pipefail

if command -v promtool >/dev/null; then
  exit 0
fi

source "$(dirname "$0")/lib/apt-install.sh"
apt_install promtool prometheus
