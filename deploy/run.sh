#!/usr/bin/env bash
# README command 1: the whole system (AppHost, Aspire dashboard, every service, gateway) in the foreground.
# Without a container runtime it installs PostgreSQL and RabbitMQ from apt if missing and the AppHost
# runs them itself (Deps=local, data in .data/); with Docker it uses Aspire's containers. Ctrl+C stops all.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
. deploy/lib.sh

# --production: every service in Production, every secret from the environment (deploy/secrets.sh);
# the AppHost names each missing, weak or development secret and exits 1 without starting anything.
profile=http
if [ "${1:-}" = "--production" ]; then
  profile=production
  shift
fi

require_dotnet
if container_runtime; then
  deps=containers
else
  install_local_servers
  deps=local
fi
install_notice_font

cat <<INFO
RedProperty starting (Deps=$deps)
  Gateway (API base URL):  http://localhost:5080   e.g. POST /api/organization/companies
  Aspire dashboard:        http://localhost:15080  (open the login link printed below)
INFO
if [ "$profile" = production ]; then
  echo "  Production: sign in as the operator admin (Parameters__admin_password); no development accounts."
else
  echo "  A token for curl:        deploy/token.sh district-admin   (last line; Development accounts only)"
fi

export ASPIRE_ALLOW_UNSECURED_TRANSPORT=true
# Every project optimised, as it would be deployed; REDPROPERTY_CONFIGURATION=Debug for a debugger.
# REDPROPERTY_NO_BUILD=1 starts what is already built (the tests, after the test command's build).
build=()
[ "${REDPROPERTY_NO_BUILD:-}" = 1 ] && build=(--no-build)
exec dotnet run --project RedProperty.AppHost -c "${REDPROPERTY_CONFIGURATION:-Release}" "${build[@]}" --launch-profile "$profile" -- "Deps=$deps" "$@"
