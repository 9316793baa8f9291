#!/usr/bin/env bash
# Quick start, command 2: run every test. Installs what it needs (PostgreSQL and Chromium from
# Debian's packages, the NuGet packages), then runs the whole suite against a real PostgreSQL that
# the tests start themselves (or the server named by NIXCAFE_TEST_DATABASE); the browser tests
# drive that Chromium headless.
set -euo pipefail
cd "$(dirname "$0")/.."

bash build/install-postgres.sh
bash build/install-chromium.sh
dotnet restore NixCafe.sln
dotnet build NixCafe.sln --no-restore -c Debug

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test NixCafe.sln --no-build -c Debug --blame-hang-timeout 10m --logger "console;verbosity=normal" 2>&1 | tee "$log" || status=$?

# One plain closing line over every test assembly, whatever the runner printed above.
# The console logger closes each test assembly with "Total tests: / Passed: / Failed: / Skipped:" lines.
awk '/^ *Passed: *[0-9]+ *$/  { passed += $2 }
     /^ *Failed: *[0-9]+ *$/  { failed += $2 }
     /^ *Skipped: *[0-9]+ *$/ { skipped += $2 }
     END { printf "tests: %d passed, %d failed, %d skipped\n", passed, failed, skipped }' "$log"
exit "$status"
