#!/usr/bin/env bash
# The intake benchmark: company registration through the gateway at 16 and 64 connections, the
# forwarder's rate and lag, end-to-end latency to Evaluation's read model, RSS per service, and
# raw single-row INSERT tps (pgbench) on the same PostgreSQL, with the ratios.
#   deploy/bench.sh [seconds per level, default 20]
# Starts the system as deploy/run.sh does (Deps=local, a throwaway data folder) unless
# BENCH_GATEWAY names a running one (then BENCH_ORGANIZATION and BENCH_PG="host port user db" too).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
. deploy/lib.sh
require_dotnet
duration=${1:-20}

command -v node >/dev/null || { echo "Node.js is required for the load generator (apt-get install nodejs npm)." >&2; exit 1; }
command -v pgbench >/dev/null || { echo "pgbench is required (apt-get install postgresql-contrib or postgresql-client)." >&2; exit 1; }
(cd deploy/bench && npm ci --no-audit --no-fund --silent)

gateway=${BENCH_GATEWAY:-}
apphost=""
if [ -z "$gateway" ]; then
  data=$(mktemp -d /tmp/redproperty-bench.XXXXXX)
  chmod 755 "$data"
  log="$data/apphost.log"
  cleanup() {
    # SIGTERM to the AppHost itself (not dotnet run) stops every resource it started.
    pkill -TERM -f 'RedProperty.AppHost' 2>/dev/null || true
    [ -n "$apphost" ] && wait "$apphost" 2>/dev/null || true
    rm -rf "$data"
  }
  trap cleanup EXIT
  echo "Starting the system (log: $log) ..."
  REDPROPERTY_CONFIGURATION=Release deploy/run.sh "Local:DataDirectory=$data" >"$log" 2>&1 &
  apphost=$!
  gateway=http://localhost:5080
  for _ in $(seq 1 300); do
    auditor=$(REDPROPERTY_GATEWAY=$gateway deploy/token.sh auditor 2>/dev/null | tail -1) &&
      curl -fs -H "Authorization: Bearer $auditor" "$gateway/api/organization/summary" >/dev/null 2>&1 && break
    kill -0 "$apphost" 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 1
  done
fi
# Signed in as a district admin whose client may make as many requests as the load needs.
token=$(REDPROPERTY_GATEWAY=$gateway RATE_LIMIT=1000000 deploy/token.sh district-admin | tail -1)
[ -n "$token" ] || { echo "No token from $gateway; see ${log:-the running system}" >&2; exit 1; }

node deploy/bench/bench.mjs --gateway "$gateway" --organization "${BENCH_ORGANIZATION:-http://localhost:5081}" --evaluation "${BENCH_EVALUATION:-http://localhost:5082}" \
  --duration "$duration" --connections 16,64 --token "$token" --pg "${BENCH_PG:-127.0.0.1 25432 postgres redproperty}"
