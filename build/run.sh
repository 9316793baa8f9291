#!/usr/bin/env bash
# Quick start, command 1: run the NixCafe host on http://127.0.0.1:5080 as a demo: a Starter and
# a Pro tenant, the Pro one connected to a fake Odoo started beside the host on 127.0.0.1:8069 —
# a 16 unless FAKE_ODOO_VERSION says 17, 18 or 19 (FAKE_ODOO_JSONRPC=off: a 19 without /jsonrpc,
# as Odoo 20 will be) — or to a real Odoo: set ODOO_URL, ODOO_DB, ODOO_LOGIN and ODOO_API_KEY.
# With no ConnectionStrings__Cafe it starts a private PostgreSQL under .nixcafe/ (kept across
# runs) and applies pending migrations at start-up.
set -euo pipefail
cd "$(dirname "$0")/.."

bash build/install-postgres.sh
dotnet build NixCafe.sln -c Release -v quiet -nologo

if [ -z "${ODOO_URL:-}" ]; then
  dotnet tests/NixCafe.FakeOdoo/bin/Release/net10.0/NixCafe.FakeOdoo.dll http://127.0.0.1:8069 fake-odoo-api-key &
  fake_odoo=$!
  trap 'kill $fake_odoo 2>/dev/null || true' EXIT
fi

export NixCafe__MigrateOnStartup="${NixCafe__MigrateOnStartup:-true}"
# The host's folder is not the checkout's: keep the data in the checkout's .nixcafe/.
export NixCafe__DataDirectory="${NixCafe__DataDirectory:-$PWD/.nixcafe/postgres}"
export NixCafe__OperatorKey="${NixCafe__OperatorKey:-demo-operator-key-change-me}"
export NixCafe__Demo__Enabled="${NixCafe__Demo__Enabled:-true}"
export NixCafe__Demo__OdooUrl="${ODOO_URL:-http://127.0.0.1:8069/}"
export NixCafe__Demo__OdooDatabase="${ODOO_DB:-odoo}"
export NixCafe__Demo__OdooLogin="${ODOO_LOGIN:-admin}"
export NixCafe__Demo__OdooApiKey="${ODOO_API_KEY:-fake-odoo-api-key}"
dotnet src/Host/NixCafe.Host/bin/Release/net10.0/NixCafe.Host.dll serve --urls "${NIXCAFE_URLS:-http://127.0.0.1:5080}" "$@"
