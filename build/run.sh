#!/usr/bin/env bash
# Quick start, command 1: run the NixCafe host on http://127.0.0.1:5080.
# With no ConnectionStrings__Cafe it starts a private PostgreSQL under .nixcafe/ (kept across runs)
# and applies pending migrations at start-up.
set -euo pipefail
cd "$(dirname "$0")/.."

bash build/install-postgres.sh
export NixCafe__MigrateOnStartup="${NixCafe__MigrateOnStartup:-true}"
# dotnet run starts the host in the project's folder: keep the data in the checkout's .nixcafe/.
export NixCafe__DataDirectory="${NixCafe__DataDirectory:-$PWD/.nixcafe/postgres}"
exec dotnet run --project src/Host/NixCafe.Host -c Release -- serve --urls "${NIXCAFE_URLS:-http://127.0.0.1:5080}" "$@"
