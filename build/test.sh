#!/usr/bin/env bash
# Quick start, command 2: run every test. Installs what it needs (Chromium, promtool for the alert
# rules and, where no Docker engine answers, Debian's docker.io, from Debian's packages; the NuGet
# packages), starts a Docker engine unless one runs, then runs the whole suite: each test assembly starts its own PostgreSQL
# container through Testcontainers (or uses the server named by NIXCAFE_TEST_DATABASE); the
# browser tests drive that Chromium headless. The engine it started is stopped when it ends.
# Arguments, if any, choose what `dotnet test` runs instead of the whole solution, e.g.
#   bash build/test.sh tests/NixCafe.IntegrationTests --filter "FullyQualifiedName~Foundation"
set -euo pipefail
cd "$(dirname "$0")/.."
source build/lib/docker-engine.sh

bash build/install-chromium.sh
bash build/install-promtool.sh
dotnet restore NixCafe.sln
dotnet build NixCafe.sln --no-restore -c Debug

log=$(mktemp)
trap 'docker_engine_stop; rm -f "$log"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
if [ -z "${NIXCAFE_TEST_DATABASE:-}" ]; then
  docker_engine_start
fi
status=0
dotnet test "${@:-NixCafe.sln}" --no-build -c Debug --blame-hang-timeout 10m --logger "console;verbosity=detailed" 2>&1 | tee "$log" || status=$?

# One plain closing line over every test assembly, whatever the runner printed above.
# The console logger closes each test assembly with "Total tests: / Passed: / Failed: / Skipped:" lines.
awk '/^ *Passed: *[0-9]+ *$/  { passed += $2 }
     /^ *Failed: *[0-9]+ *$/  { failed += $2 }
     /^ *Skipped: *[0-9]+ *$/ { skipped += $2 }
     END { printf "tests: %d passed, %d failed, %d skipped\n", passed, failed, skipped }' "$log"
# The failures by name, each with the start of its message, last, so that the tail of a red run
# says which tests to look at and why.
awk '/^ +Failed [A-Za-z_][A-Za-z0-9_]*\.[A-Za-z0-9_.]+/ { sub(/^ +Failed /, "failed: "); print; failure = 1; next }
     failure && /^ +Error Message:/ { message = 1; lines = 0; next }
     message && (/^ +Stack Trace:/ || lines == 6) { message = 0; failure = 0; next }
     message { sub(/^ +/, ""); print "  " substr($0, 1, 300); lines++ }' "$log"
exit "$status"
