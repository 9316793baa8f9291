#!/usr/bin/env bash
# Installs Debian's Docker engine (docker.io: dockerd, containerd, runc) and debootstrap when
# dockerd is missing. Idempotent: a machine that already has dockerd is left alone. There is no
# route to Docker Hub here, so build/lib/docker-engine.sh builds the tests' PostgreSQL image
# itself with debootstrap from Debian's mirror.
set -euo pipefail

if command -v dockerd >/dev/null; then
  exit 0
fi

source "$(dirname "$0")/lib/apt-install.sh"
apt_install docker docker.io debootstrap
