# Sourced by build/test.sh: the Docker engine and PostgreSQL image the tests' Testcontainers use.
#   docker_engine_start   use the engine that answers `docker info`, or start Debian's dockerd in
#                         the background (there is no systemd) and wait until it answers; then
#                         pick the PostgreSQL image and export what Testcontainers needs.
#   docker_engine_stop    stop the dockerd that docker_engine_start started, and only that one.
# Both remove test containers (label nixcafe.tests=true) whose test process is gone, so a killed
# run leaves nothing for the next one to trip on.

docker_engine_dir=/var/tmp/nixcafe-dockerd
docker_engine_pid=""
docker_engine_stock_image=postgres:15
docker_engine_local_image=nixcafe-postgres:15

docker_engine_start() {
  if docker info >/dev/null 2>&1; then
    docker_engine_adopt_orphan || true
  else
    docker_engine_launch
  fi
  docker_engine_remove_orphan_containers

  # Testcontainers 4.16 speaks Docker API 1.44; Debian 12's engine (20.10) answers at most 1.41.
  local api
  api=$(docker version --format '{{.Server.APIVersion}}')
  if [ "$(printf '%s\n' "$api" 1.44 | sort -V | head -n 1)" != 1.44 ]; then
    export DOCKER_API_VERSION="${DOCKER_API_VERSION:-$api}"
  fi
  # Published ports of a local engine are on this machine's loopback; without this, Testcontainers
  # run inside a container (as on CI) would look for them at the container's gateway.
  case "${DOCKER_HOST:-unix://}" in
    unix://*) export TESTCONTAINERS_HOST_OVERRIDE="${TESTCONTAINERS_HOST_OVERRIDE:-127.0.0.1}" ;;
  esac

  if [ -n "${NIXCAFE_TEST_POSTGRES_IMAGE:-}" ]; then
    return
  fi
  if docker image inspect "$docker_engine_stock_image" >/dev/null 2>&1 \
    || timeout 300 docker pull -q "$docker_engine_stock_image" >/dev/null 2>&1; then
    export NIXCAFE_TEST_POSTGRES_IMAGE=$docker_engine_stock_image
    return
  fi
  # No Docker Hub: no stock image, and no Ryuk reaper image either. The tests dispose their
  # container themselves, and docker_engine_remove_orphan_containers sweeps after killed runs.
  export TESTCONTAINERS_RYUK_DISABLED="${TESTCONTAINERS_RYUK_DISABLED:-true}"
  export NIXCAFE_TEST_POSTGRES_IMAGE=$docker_engine_local_image
  if ! docker image inspect "$docker_engine_local_image" >/dev/null 2>&1; then
    docker_engine_build_postgres_image
  fi
}

# Runs from an EXIT trap: nothing in it may fail before the dockerd is stopped.
docker_engine_stop() {
  if docker info >/dev/null 2>&1; then
    docker_engine_remove_orphan_containers || true
    # A test process removes its container as it exits; let a removal in progress finish.
    local removing=0
    while [ -n "$(docker ps -aq --filter label=nixcafe.tests=true --filter status=removing 2>/dev/null)" ] && [ "$removing" -lt 40 ]; do
      sleep 0.5
      removing=$((removing + 1))
    done
  fi
  if [ -z "$docker_engine_pid" ]; then
    return
  fi

  echo "docker-engine: stopping dockerd (pid $docker_engine_pid)" >&2
  kill -TERM "$docker_engine_pid" 2>/dev/null || true
  # dockerd stops its containers and its containerd before it exits.
  local waited=0
  while kill -0 "$docker_engine_pid" 2>/dev/null && [ "$waited" -lt 60 ]; do
    sleep 0.5
    waited=$((waited + 1))
  done
  if kill -0 "$docker_engine_pid" 2>/dev/null; then
    echo "docker-engine: dockerd did not stop in 30 s; killing it" >&2
    kill -KILL "$docker_engine_pid" 2>/dev/null || true
  fi
  rm -f "$docker_engine_dir/dockerd.pid"
  docker_engine_pid=""
}

# A dockerd that an earlier run started and could not stop (its script was killed) is taken over,
# so this run stops it. One whose starting run is still going is left to that run.
docker_engine_adopt_orphan() {
  local dockerd owner
  read -r dockerd owner 2>/dev/null < "$docker_engine_dir/dockerd.pid" || return 1
  if kill -0 "$owner" 2>/dev/null || ! docker_engine_is_dockerd "$dockerd"; then
    return 1
  fi
  echo "docker-engine: taking over dockerd (pid $dockerd) of a run that ended without stopping it" >&2
  docker_engine_pid=$dockerd
  echo "$dockerd $$" > "$docker_engine_dir/dockerd.pid"
}

docker_engine_is_dockerd() {
  [ "$(cat "/proc/$1/comm" 2>/dev/null)" = dockerd ]
}

docker_engine_launch() {
  bash "$(dirname "${BASH_SOURCE[0]}")/../install-docker.sh"
  mkdir -p "$docker_engine_dir"

  # What a dead dockerd leaves behind: its pid file (a new dockerd refuses to start while the PID
  # in it runs, and the PID may have been reused) and its socket.
  local stale
  stale=$(cat /var/run/docker.pid 2>/dev/null || true)
  if [ -n "$stale" ] && ! docker_engine_is_dockerd "$stale"; then
    rm -f /var/run/docker.pid
  fi
  if [ -S /var/run/docker.sock ] && ! pgrep -x dockerd >/dev/null; then
    rm -f /var/run/docker.sock
  fi

  local started=$EPOCHREALTIME
  echo "docker-engine: starting dockerd (log: $docker_engine_dir/dockerd.log)" >&2
  # setsid: the engine keeps running when the terminal's Ctrl-C hits the tests; the trap stops it.
  setsid dockerd >>"$docker_engine_dir/dockerd.log" 2>&1 < /dev/null &
  docker_engine_pid=$!
  echo "$docker_engine_pid $$" > "$docker_engine_dir/dockerd.pid"
  until docker info >/dev/null 2>&1; do
    if ! kill -0 "$docker_engine_pid" 2>/dev/null; then
      echo "docker-engine: dockerd exited at start; the end of its log:" >&2
      tail -n 20 "$docker_engine_dir/dockerd.log" >&2
      docker_engine_pid=""
      return 1
    fi
    if [ "$(docker_engine_seconds_since "$started")" -gt 60 ]; then
      echo "docker-engine: dockerd did not answer within 60 s (log: $docker_engine_dir/dockerd.log)" >&2
      docker_engine_stop
      return 1
    fi
    sleep 0.2
  done
  echo "docker-engine: dockerd (pid $docker_engine_pid) answered after $(docker_engine_seconds_since "$started" 1) s" >&2
}

docker_engine_import_postgres_image() {
  local rootfs=$1
  # The package's own cluster and the downloaded packages are dead weight in the image.
  rm -rf "$rootfs"/var/lib/postgresql/15 "$rootfs"/etc/postgresql/15 "$rootfs"/var/cache/apt/archives/*.deb \
    "$rootfs"/var/lib/apt/lists/* "$rootfs"/usr/share/doc "$rootfs"/usr/share/man "$rootfs"/usr/share/locale
  install -m 0755 "$(dirname "${BASH_SOURCE[0]}")/../postgres-image/docker-entrypoint.sh" "$rootfs/usr/local/bin/docker-entrypoint.sh"
  # (docker import takes no STOPSIGNAL: the entry point turns docker stop's SIGTERM into SIGINT.)
  tar -C "$rootfs" -c . | docker import \
    --change 'ENV PATH=/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV PGDATA=/var/lib/postgresql/data' \
    --change 'ENTRYPOINT ["docker-entrypoint.sh"]' \
    --change 'CMD ["postgres"]' \
    --change 'EXPOSE 5432' \
    - "$docker_engine_local_image" >/dev/null
}

# Seconds since an $EPOCHREALTIME, with $2 decimals (none by default).
docker_engine_seconds_since() {
  awk -v since="$1" -v now="$EPOCHREALTIME" -v decimals="${2:-0}" 'BEGIN { printf "%.*f", decimals, now - since }'
}

# Test containers carry the PID of the test process that started them (TestPostgres labels them).
docker_engine_remove_orphan_containers() {
  local id state pid
  docker ps -a --filter label=nixcafe.tests=true --format '{{.ID}} {{.State}} {{.Label "nixcafe.tests.pid"}}' |
    while read -r id state pid; do
      if [ "$state" != removing ] && { [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; }; then
        echo "docker-engine: removing test container $id left by a run that ended" >&2
        # Its test process may have begun the removal as it exited: then docker refuses a second.
        docker rm -f -v "$id" >/dev/null 2>&1 || true
      fi
    done
}

# Once per machine where the stock image cannot be pulled: Debian's PostgreSQL 15 in a minimal
# Debian root from the mirror, with an entry point that behaves like the official image's.
docker_engine_build_postgres_image() {
  if ! command -v debootstrap >/dev/null; then
    source "$(dirname "${BASH_SOURCE[0]}")/apt-install.sh"
    apt_install docker-image debootstrap
  fi

  local started=$EPOCHREALTIME
  echo "docker-engine: building $docker_engine_local_image (debootstrap; once per machine)" >&2
  (
    rootfs=$(mktemp -d /var/tmp/nixcafe-postgres-rootfs.XXXXXX)
    trap 'rm -rf "$rootfs"' EXIT
    if ! debootstrap --variant=minbase --include=postgresql-15 bookworm "$rootfs" >"$docker_engine_dir/debootstrap.log" 2>&1; then
      echo "docker-engine: debootstrap failed; the end of its log:" >&2
      tail -n 20 "$docker_engine_dir/debootstrap.log" >&2
      exit 1
    fi
    docker_engine_import_postgres_image "$rootfs"
  )
  echo "docker-engine: built $docker_engine_local_image in $(docker_engine_seconds_since "$started") s" >&2
}
