#!/usr/bin/env bash
# Quick start, command 1: run the NixCafe host on http://127.0.0.1:5080 as a demo: a Starter and
# a Pro tenant, the Pro one connected to a fake Odoo started beside the host on 127.0.0.1:8069
# (FAKE_ODOO_PORT moves it) — a 16 unless FAKE_ODOO_VERSION says 17, 18 or 19
# (FAKE_ODOO_JSONRPC=off: a 19 without /jsonrpc, as Odoo 20 will be) — or to a real Odoo: set
# ODOO_URL, ODOO_DB, ODOO_LOGIN and ODOO_API_KEY. With no ConnectionStrings__Cafe it starts a
# private PostgreSQL under .nixcafe/ (kept across runs) and applies pending migrations at start-up.
#
# Everything it starts stops with it: on Ctrl+C, on a SIGTERM to the script, or when the host or
# the fake exits, it stops the host (which stops its PostgreSQL) and the fake, and returns only
# once they are gone, their ports free. Both run in the background so that bash can act on a
# signal at once (it runs no trap while a foreground child runs, and forwards no SIGTERM);
# background children ignore SIGINT, so Ctrl+C reaches them only as the SIGTERM sent here.
#
# NIXCAFE_RUN_BUILT=Debug (or Release) skips the install and the build and runs what that
# configuration already built: the tests use it to exercise this script in seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

configuration="${NIXCAFE_RUN_BUILT:-Release}"
if [ -z "${NIXCAFE_RUN_BUILT:-}" ]; then
  bash build/install-postgres.sh
  dotnet build NixCafe.sln -c Release -v quiet -nologo
fi

fake_odoo_port="${FAKE_ODOO_PORT:-8069}"
export NixCafe__MigrateOnStartup="${NixCafe__MigrateOnStartup:-true}"
# The host's folder is not the checkout's: keep the data in the checkout's .nixcafe/.
export NixCafe__DataDirectory="${NixCafe__DataDirectory:-$PWD/.nixcafe/postgres}"
export NixCafe__OperatorKey="${NixCafe__OperatorKey:-demo-operator-key-change-me}"
# The fake Odoo carries Odoo's demo shops, which would hold the demo tenant's registers for adoption.
export NixCafe__OdooSync__HoldCreatesForAdoption="${NixCafe__OdooSync__HoldCreatesForAdoption:-false}"
export NixCafe__Demo__Enabled="${NixCafe__Demo__Enabled:-true}"
export NixCafe__Demo__OdooUrl="${ODOO_URL:-http://127.0.0.1:$fake_odoo_port/}"
export NixCafe__Demo__OdooDatabase="${ODOO_DB:-odoo}"
export NixCafe__Demo__OdooLogin="${ODOO_LOGIN:-admin}"
export NixCafe__Demo__OdooApiKey="${ODOO_API_KEY:-fake-odoo-api-key}"

host=
fake_odoo=

# Waits up to $1 seconds for the processes to exit, then kills what is left.
wait_gone() {
  local seconds=$1
  shift
  for _ in $(seq $((seconds * 10))); do
    kill -0 "$@" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL "$@" 2>/dev/null || true
}

# A host that died without stopping its PostgreSQL (killed, crashed) leaves it running on the
# data directory: stop it, fast shutdown, as the host would have.
stop_orphaned_postgres() {
  local pid
  [ -z "${ConnectionStrings__Cafe:-}" ] && read -r pid 2>/dev/null <"$NixCafe__DataDirectory/data/postmaster.pid" \
    && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = postgres ] || return 0
  kill -INT "$pid" 2>/dev/null || true
  wait_gone 30 "$pid"
}

stop() {
  local status=$?
  trap - EXIT INT TERM
  if [ -n "$host$fake_odoo" ]; then
    # shellcheck disable=SC2086 # unquoted on purpose: either may be empty
    kill -TERM $host $fake_odoo 2>/dev/null || true
    # The host's own shutdown timeout is 30 s.
    # shellcheck disable=SC2086
    wait_gone 40 $host $fake_odoo
    # shellcheck disable=SC2086
    wait $host $fake_odoo 2>/dev/null || true
  fi
  stop_orphaned_postgres
  exit "$status"
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ -z "${ODOO_URL:-}" ]; then
  # A fake left running by an earlier run would answer in this one's place.
  if (exec 3<>"/dev/tcp/127.0.0.1/$fake_odoo_port") 2>/dev/null; then
    echo "build/run.sh: 127.0.0.1:$fake_odoo_port is taken (a fake Odoo left by an earlier run?): stop it, or set FAKE_ODOO_PORT." >&2
    exit 1
  fi
  dotnet "tests/NixCafe.FakeOdoo/bin/$configuration/net10.0/NixCafe.FakeOdoo.dll" "http://127.0.0.1:$fake_odoo_port" fake-odoo-api-key &
  fake_odoo=$!
fi

# A young generation of 64 MiB instead of the runtime's few: README, "Configuration".
DOTNET_GCgen0size="${DOTNET_GCgen0size:-0x4000000}" dotnet "src/Host/NixCafe.Host/bin/$configuration/net10.0/NixCafe.Host.dll" serve --urls "${NIXCAFE_URLS:-http://127.0.0.1:5080}" "$@" &
host=$!
# Whichever exits first ends the run: a fake that could not bind its port is no demo either.
# shellcheck disable=SC2086
wait -n $host $fake_odoo
