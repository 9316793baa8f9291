#!/usr/bin/env bash
# Draws docs/screenshots/grafana-dashboard.svg: the panels of docs/grafana-dashboard.json over a
# demo run. No Grafana runs here, so: the demo (build/run.sh, on its own ports and a fresh
# database) is scraped by a real Prometheus (Debian's `prometheus`, as build/install-promtool.sh
# installs it) while registers are created and renamed through the API (the fake Odoo refuses
# nothing, so the dead-letter lines stay at 0); then each panel's own PromQL is evaluated by that Prometheus
# (query_range) and build/lib/render-dashboard.py lays the answers out on the dashboard's grid.
# Options: MINUTES (6) of load. NIXCAFE_RUN_BUILT=Debug uses the Debug build (as the tests do).
set -euo pipefail
cd "$(dirname "$0")/.."

minutes="${MINUTES:-6}"
work=$(mktemp -d)
# The embedded PostgreSQL runs as the postgres user, which must reach its data directory.
chmod 755 "$work"
host_port=5091
fake_port=8071
prometheus_port=9491
operator_key="dashboard-picture-operator-key"
run= prometheus=
stop() {
  # shellcheck disable=SC2086 # either may be empty
  kill -TERM $run $prometheus 2>/dev/null || true
  # shellcheck disable=SC2086
  wait $run $prometheus 2>/dev/null || true
  rm -rf "$work"
}
trap stop EXIT

NIXCAFE_URLS="http://127.0.0.1:$host_port" FAKE_ODOO_PORT=$fake_port NixCafe__OperatorKey=$operator_key \
  NixCafe__DataDirectory="$work/postgres" NixCafe__OdooSync__DueAgeWarning=00:10:00 \
  bash build/run.sh >"$work/run.log" 2>&1 &
run=$!
for _ in $(seq 600); do
  grep -q '^ *SHOP_PRO=' "$work/run.log" 2>/dev/null && curl -sf "http://127.0.0.1:$host_port/health" >/dev/null && break
  kill -0 $run 2>/dev/null || { cat "$work/run.log"; exit 1; }
  sleep 1
done
key=$(sed -n 's/^ *KEY_PRO=//p' "$work/run.log" | tail -1)
shop=$(sed -n 's/^ *SHOP_PRO=//p' "$work/run.log" | tail -1)

cat >"$work/prometheus.yml" <<EOF
global: { scrape_interval: 5s, evaluation_interval: 5s }
scrape_configs:
  - job_name: nixcafe
    authorization: { credentials: $operator_key }
    static_configs: [ { targets: ["127.0.0.1:$host_port"] } ]
EOF
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" \
  --web.listen-address="127.0.0.1:$prometheus_port" >"$work/prometheus.log" 2>&1 &
prometheus=$!
start=$(date +%s)

api="http://127.0.0.1:$host_port/api/cafe/settings/registers"
auth="Authorization: Bearer $key"
registers=()
end=$((start + minutes * 60))
round=0
while [ "$(date +%s)" -lt "$end" ]; do
  round=$((round + 1))
  # A burst of creates every half minute (the queue's depth shows), renames in between.
  if [ $((round % 15)) -eq 1 ]; then
    for n in $(seq 8); do
      location=$(curl -s -o /dev/null -w '%header{location}' -X POST -H "$auth" -H 'Content-Type: application/json' \
        -d "{\"shopId\":\"$shop\",\"name\":\"Till $round-$n\"}" "$api")
      registers+=("${location##*/}")
    done
  elif [ ${#registers[@]} -gt 0 ]; then
    id=${registers[$((RANDOM % ${#registers[@]}))]}
    curl -s -o /dev/null -X PUT -H "$auth" -H 'Content-Type: application/json' -d "{\"name\":\"Till $round\"}" "$api/$id/name"
  fi
  sleep 2
done
sleep 10

mkdir -p docs/screenshots
python3 build/lib/render-dashboard.py "http://127.0.0.1:$prometheus_port" "$start" "$(date +%s)" docs/grafana-dashboard.json \
  docs/screenshots/grafana-dashboard.svg \
  "Not Grafana: each panel's PromQL evaluated by Prometheus over a $minutes-minute demo run (build/dashboard-picture.sh, $(date -u +%Y-%m-%d)), drawn by build/lib/render-dashboard.py."
echo "Written to docs/screenshots/grafana-dashboard.svg"
