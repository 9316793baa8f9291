#!/usr/bin/env bash
# Installs Debian's PostgreSQL server when its binaries are missing. Idempotent: a machine that
# already has them is left alone. NixCafe never uses the system cluster; it starts its own.
set -euo pipefail

if compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
  exit 0
fi

source "$(dirname "$0")/lib/apt-install.sh"
apt_install postgres postgresql
# The package starts a system cluster on port 5432 that NixCafe does not use.
"${sudo[@]}" service postgresql stop >/dev/null 2>&1 || true
