#!/usr/bin/env bash
# The benchmarks: a release build of the host against a throw-away PostgreSQL and the fake Odoo.
# Prints the results table and writes it, with the details, to docs/benchmarks.md.
# Options: --only KEYS (rpcs,rename,burst,tick,drain-now,selector,drift,console,load,telemetry), --tenants N (1000),
# --synced N (1000000), --renames N (100), --tick-latencies MS,MS (150,20), --load-seconds N (120), --output FILE.
set -euo pipefail
cd "$(dirname "$0")/.."

bash build/install-postgres.sh
dotnet build tests/NixCafe.Benchmarks -c Release -v quiet -nologo
dotnet tests/NixCafe.Benchmarks/bin/Release/net10.0/NixCafe.Benchmarks.dll "$@"
