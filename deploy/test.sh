#!/usr/bin/env bash
# README command 2: starts what the tests need, runs the whole suite, stops what it started.
# Without a container runtime: throwaway PostgreSQL and RabbitMQ from the machine's packages (installed
# from apt if missing), handed to the tests in REDPROPERTY_TEST_* variables. With one: Testcontainers.
# Exits non-zero when anything fails.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
. deploy/lib.sh

require_dotnet
# Crash dumps, Mnesia records, logs and data folders never belong in the repository.
if tracked=$(git ls-files 2>/dev/null | grep -E '(^|/)(erl_crash\.dump|MnesiaCore\.[^/]*|core(\.[0-9]+)?|[^/]*\.log)$|(^|/)\.data/'); then
  echo "Tracked files that must never be committed (remove them with git rm --cached):" >&2
  echo "$tracked" >&2
  exit 1
fi
# The repository stands alone: no link or path to anything beside the checkout.
if outside=$(git grep -nE '\.\./(shared|design|domain)/' -- ':!deploy/test.sh' 2>/dev/null); then
  echo "References outside the repository (put what is needed in docs/):" >&2
  echo "$outside" >&2
  exit 1
fi
work=""
cleanup() {
  [ -n "$work" ] || return 0
  deploy/local/rabbitmq.sh stop "$work/rabbitmq" "${amqp:-0}" || true
  deploy/local/postgres.sh stop "$work/postgres" || true
  rm -rf "$work"
}
trap cleanup EXIT

if [ -n "${REDPROPERTY_TEST_POSTGRES:-}" ]; then
  echo "Using the test servers named in REDPROPERTY_TEST_*."
elif container_runtime; then
  echo "Container runtime found: Testcontainers starts PostgreSQL and RabbitMQ."
else
  install_local_servers
  work=$(mktemp -d /tmp/redproperty-test.XXXXXX)
  chmod 755 "$work"
  pg=$(free_port_block 26432 1)
  amqp=$(free_port_block 26672 4) # AMQP, management, distribution, epmd
  password=redproperty-dev-password
  REDPROPERTY_DB_FAST=1 deploy/local/postgres.sh start "$work/postgres" "$pg"
  deploy/local/rabbitmq.sh start "$work/rabbitmq" "$amqp" $((amqp + 1))
  export REDPROPERTY_TEST_POSTGRES="Host=127.0.0.1;Port=$pg;Username=postgres;Password=$password"
  export REDPROPERTY_TEST_RABBITMQ="amqp://redproperty:$password@127.0.0.1:$amqp/"
  export REDPROPERTY_TEST_RABBITMQ_MANAGEMENT="http://127.0.0.1:$((amqp + 1))/"
  export REDPROPERTY_TEST_BROKER_CONTROL="bash $root/deploy/local/rabbitmq.sh {verb} $work/rabbitmq $amqp"
  export REDPROPERTY_TEST_POSTGRES_CONTROL="REDPROPERTY_DB_FAST=1 bash $root/deploy/local/postgres.sh {verb} $work/postgres $pg"
  echo "PostgreSQL on $pg, RabbitMQ on $amqp (management $((amqp + 1))), under $work"
fi

install_node_tools
install_notice_font read
dotnet build RedProperty.sln -c Release -warnaserror -nologo -v q
dotnet format RedProperty.sln --verify-no-changes --no-restore
# The public feed's AsyncAPI document (the Overview tests keep it equal to the contracts).
deploy/tools/node_modules/.bin/asyncapi validate src/RedProperty.Contracts/public-feed.asyncapi.json
# Every Kubernetes manifest, rendered (base and production overlay) and validated against its schema.
node deploy/tools/k8s-check.mjs

# One test project at a time: the end-to-end tests stop the shared broker on purpose.
status=0 passed=0 failed=0
log=$(mktemp)
for project in tests/*.Tests/*.csproj; do
  dotnet test "$project" -c Release --no-build -nologo 2>&1 | tee "$log" || status=1
  line=$(grep -E '(Passed|Failed)! +- +Failed: ' "$log" | tail -1 || true)
  [ -n "$line" ] || status=1
  failed=$((failed + $(sed -E 's/.*Failed: +([0-9]+).*/\1/' <<<"${line:-Failed: 1,}")))
  passed=$((passed + $(sed -E 's/.*Passed: +([0-9]+).*/\1/' <<<"${line:-Passed: 0,}")))
done
rm -f "$log"
[ "$passed" -gt 0 ] || status=1
echo "tests: $passed passed, $failed failed"
exit $status
