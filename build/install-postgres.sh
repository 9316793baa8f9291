#!/usr/bin/env bash
# Installs Debian's PostgreSQL server when its binaries are missing. Idempotent: a machine that
# already has them is left alone. NixCafe never uses the system cluster; it starts its own.
set -euo pipefail

if compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null; then
  sudo=(sudo)
else
  echo "install-postgres: PostgreSQL is missing and this user cannot install it (run as root, or install Debian's 'postgresql')" >&2
  exit 1
fi

echo "install-postgres: installing Debian's postgresql package" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends postgresql >/dev/null
# The package starts a system cluster on port 5432 that NixCafe does not use.
"${sudo[@]}" service postgresql stop >/dev/null 2>&1 || true
