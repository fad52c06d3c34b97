#!/usr/bin/env bash
# Rebuilds the read models from the events while the system is stopped (Ctrl+C deploy/run.sh first): each
# service replays its event store into its projections, and the Overview folds its figures from the district
# log, showing progress every few seconds and each projection's rate. For the local system (deploy/run.sh
# without Docker, data in .data/):
#   deploy/rebuild.sh                                   every service, every projection
#   deploy/rebuild.sh evaluation                        one service
#   deploy/rebuild.sh evaluation EvaluationDay          named projections (comma-separated) of one service
# With Docker, or to watch it in the dashboard: deploy/run.sh Rebuild=all (or Rebuild=evaluation,overview): each
# service's "-rebuild" step runs before the service starts. A deployment runs the service's image once with
# EventStore__Rebuild=all (docs/operations.md).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
. deploy/lib.sh
require_dotnet

services=(organization evaluation consultation volunteering overview)
if [ -n "${1:-}" ] && [ "$1" != all ]; then
  [[ " ${services[*]} " == *" $1 "* ]] || { echo "Unknown service '$1': one of ${services[*]}, or all." >&2; exit 2; }
  services=("$1")
fi
projections=${2:-all}

# The AppHost's data folder: .data/ in the clone, /var/lib/redproperty when the postgres user cannot reach it.
data=${REDPROPERTY_DATA:-$root/.data}
[ -f "$data/postgres/initialized" ] || [ -n "${REDPROPERTY_DATA:-}" ] || data=/var/lib/redproperty
[ -f "$data/postgres/initialized" ] || { echo "No local data in $data/postgres: deploy/run.sh has not run here." >&2; exit 1; }
port=${REDPROPERTY_POSTGRES_PORT:-25432}
port_free "$port" || { echo "Port $port is in use: stop deploy/run.sh first (a running service would apply the same events)." >&2; exit 1; }

configuration=${REDPROPERTY_CONFIGURATION:-Release}
[ "${REDPROPERTY_NO_BUILD:-}" = 1 ] || dotnet build RedProperty.sln -c "$configuration" -v q -nologo >/dev/null

bash deploy/local/postgres.sh start "$data/postgres" "$port"
trap 'bash deploy/local/postgres.sh stop "$data/postgres"' EXIT
database="Host=127.0.0.1;Port=$port;Database=redproperty;Username=postgres;Password=${Parameters__db_password:-redproperty-dev-password}"

for service in "${services[@]}"; do
  project=RedProperty.${service^}
  echo "== $service"
  # The broker is not contacted by the rebuild step; its connection string only has to be well formed.
  MASSTRANSIT_USAGE_TELEMETRY=false dotnet "src/$project/bin/$configuration/net10.0/$project.dll" \
    "--EventStore:Rebuild=$projections" "--ConnectionStrings:redproperty=$database" \
    "--ConnectionStrings:messaging=amqp://rebuild:rebuild@127.0.0.1:5672/" \
    --Logging:LogLevel:Default=Warning "--Logging:LogLevel:$project=Information" \
    --Logging:Console:FormatterName=simple --Logging:Console:FormatterOptions:SingleLine=true
done
