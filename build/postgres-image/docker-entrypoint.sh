#!/bin/sh
# Entry point of the tests' local PostgreSQL image (build/lib/docker-engine.sh builds it where the
# stock postgres image cannot be pulled). It behaves as the official image does for what the tests
# and Testcontainers use: POSTGRES_USER / POSTGRES_PASSWORD / POSTGRES_DB, initdb on the first
# start, a server listening on all addresses with password logins over TCP, and extra arguments
# (`-c fsync=off`) handed to postgres.
set -eu

if [ "${1#-}" != "$1" ]; then
  set -- postgres "$@"
fi

if [ "$1" != postgres ]; then
  exec "$@"
fi

: "${PGDATA:=/var/lib/postgresql/data}"
export PGDATA
user=${POSTGRES_USER:-postgres}
database=${POSTGRES_DB:-$user}

if [ "$(id -u)" = 0 ]; then
  # initdb and postgres refuse to run as root.
  mkdir -p "$PGDATA" /var/run/postgresql
  chown postgres:postgres "$PGDATA" /var/run/postgresql
  chmod 700 "$PGDATA"
  exec setpriv --reuid=postgres --regid=postgres --init-groups "$0" "$@"
fi

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  if [ -z "${POSTGRES_PASSWORD:-}" ]; then
    echo "docker-entrypoint: POSTGRES_PASSWORD is not set" >&2
    exit 1
  fi
  pwfile=$(mktemp)
  printf '%s\n' "$POSTGRES_PASSWORD" > "$pwfile"
  initdb --username="$user" --pwfile="$pwfile" --auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 --no-instructions >/dev/null
  rm -f "$pwfile"
  echo "host all all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
  if [ "$database" != postgres ]; then
    # A server on the socket only, so no client (nor pg_isready over TCP) sees it before it is ready.
    pg_ctl --wait --silent --options="-c listen_addresses=''" start
    psql --quiet --username="$user" --dbname=postgres --set ON_ERROR_STOP=1 --command="CREATE DATABASE \"$database\""
    pg_ctl --wait --silent --mode=fast stop
  fi
  echo "docker-entrypoint: PostgreSQL init process complete; ready for start up."
fi

# Before the caller's arguments, so a `-c listen_addresses=...` of theirs still wins.
shift
postgres -c listen_addresses='*' "$@" &
server=$!
# As the official image (STOPSIGNAL SIGINT), docker stop ends with a fast shutdown, not one that
# waits for every client to leave; docker import cannot set STOPSIGNAL, so it is done here.
trap 'kill -INT "$server"' INT TERM
status=0
wait "$server" || status=$?
# The trapped signal ends the first wait while the server is still shutting down.
while kill -0 "$server" 2>/dev/null; do
  status=0
  wait "$server" || status=$?
done
exit "$status"
