#!/usr/bin/env bash
# RabbitMQ from the machine's own installation, everything under DIR (no system service, no /var/log).
#   rabbitmq.sh run   DIR AMQP_PORT [MANAGEMENT_PORT]   foreground (Aspire's local mode supervises it)
#   rabbitmq.sh start DIR AMQP_PORT [MANAGEMENT_PORT]   background, returns when ready
#   rabbitmq.sh stop  DIR AMQP_PORT
#   rabbitmq.sh stop-app|start-app DIR AMQP_PORT        take the broker away and back (outage tests)
#   rabbitmq.sh cluster DIR AMQP_PORT                    three nodes joined in a cluster, background:
#                                                        AMQP on AMQP_PORT, +10, +20 (management +1 each),
#                                                        data in DIR/node-<port>, one cookie, one epmd
#   rabbitmq.sh kill  DIR AMQP_PORT                      SIGKILL to one node (a crash, for fault tests)
#   rabbitmq.sh cluster-stop DIR AMQP_PORT               every node of the cluster
# User $REDPROPERTY_BROKER_USER / $REDPROPERTY_BROKER_PASSWORD (administrator), created on first boot.
set -euo pipefail
self=$(realpath "${BASH_SOURCE[0]}")

verb=${1:?run|start|stop|stop-app|start-app|cluster|kill|cluster-stop}
dir=$(realpath -m "${2:?data directory}")
amqp=${3:-25680}
management=${4:-$((amqp + 1))}
user=${REDPROPERTY_BROKER_USER:-redproperty}
password=${REDPROPERTY_BROKER_PASSWORD:-redproperty-dev-password}
[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || { echo "RabbitMQ not installed (apt-get install rabbitmq-server)" >&2; exit 1; }

# The /usr/sbin wrappers switch user and log to /var/log; the real scripts run as anyone.
export PATH=/usr/lib/rabbitmq/bin:$PATH
# A cluster's nodes share the Erlang cookie (in HOME) and the port mapper (epmd).
export HOME=${REDPROPERTY_BROKER_HOME:-$dir/home}
export RABBITMQ_NODENAME=rabbit-$amqp@localhost
export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
export RABBITMQ_NODE_PORT=$amqp
export RABBITMQ_DIST_PORT=$((amqp + 2))
export ERL_EPMD_PORT=${REDPROPERTY_EPMD_PORT:-$((amqp + 3))}
export ERL_EPMD_ADDRESS=127.0.0.1
export RABBITMQ_CONFIG_FILE=$dir/rabbitmq.conf
export RABBITMQ_ENABLED_PLUGINS_FILE=$dir/enabled_plugins
export RABBITMQ_MNESIA_BASE=$dir/mnesia
export RABBITMQ_LOG_BASE=$dir/log
export RABBITMQ_PID_FILE=$dir/rabbitmq.pid
# The Erlang VM writes erl_crash.dump, and Mnesia its MnesiaCore.* records, into the working
# directory: work inside the data folder, never in the checkout that started us.
export ERL_CRASH_DUMP=$dir/log/erl_crash.dump
mkdir -p "$dir"
cd "$dir"
export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"

# The administrator, created on first boot, comes from the environment of the node's own process (only its
# user may read it), never from the configuration file, which would keep the password in plain text.
export RABBITMQ_DEFAULT_USER=$user RABBITMQ_DEFAULT_PASS=$password

configure() {
  mkdir -p "$HOME" "$RABBITMQ_MNESIA_BASE" "$RABBITMQ_LOG_BASE"
  cat > "$RABBITMQ_CONFIG_FILE" <<CONF
listeners.tcp.local = 127.0.0.1:$amqp
management.tcp.ip = 127.0.0.1
management.tcp.port = $management
default_vhost = /
default_user_tags.administrator = true
default_permissions.configure = .*
default_permissions.read = .*
default_permissions.write = .*
CONF
  echo '[rabbitmq_management].' > "$RABBITMQ_ENABLED_PLUGINS_FILE"
}

ctl() { timeout 90 rabbitmqctl -q -n "$RABBITMQ_NODENAME" "$@"; }

case "$verb" in
  run)
    configure
    # A child rather than exec: when the supervisor stops us, stop the node and its epmd too.
    rabbitmq-server </dev/null &
    server=$!
    trap 'kill -TERM "$server" 2>/dev/null || true' TERM INT
    wait "$server" || true
    wait "$server" 2>/dev/null || true
    epmd -kill >/dev/null 2>&1 || true
    ;;
  start)
    configure
    rabbitmq-server </dev/null >"$RABBITMQ_LOG_BASE/console.log" 2>&1 &
    timeout 150 rabbitmqctl -q -n "$RABBITMQ_NODENAME" wait --timeout 120 "$RABBITMQ_PID_FILE"
    ;;
  stop)
    if ! timeout 60 rabbitmqctl -q -n "$RABBITMQ_NODENAME" stop "$RABBITMQ_PID_FILE" 2>/dev/null; then
      [ -s "$RABBITMQ_PID_FILE" ] && kill "$(cat "$RABBITMQ_PID_FILE")" 2>/dev/null || true
    fi
    epmd -kill >/dev/null 2>&1 || true
    ;;
  cluster)
    export REDPROPERTY_BROKER_HOME=$dir/home REDPROPERTY_EPMD_PORT=$((amqp + 3))
    for node in "$amqp" $((amqp + 10)) $((amqp + 20)); do
      bash "$self" start "$dir/node-$node" "$node"
    done
    for node in $((amqp + 10)) $((amqp + 20)); do
      RABBITMQ_NODENAME=rabbit-$node@localhost
      ctl stop_app
      ctl reset
      ctl join_cluster "rabbit-$amqp@localhost"
      ctl start_app
      ctl await_startup --timeout 60
    done
    ;;
  kill)
    kill -9 "$(cat "$RABBITMQ_PID_FILE")"
    ;;
  cluster-stop)
    export REDPROPERTY_BROKER_HOME=$dir/home REDPROPERTY_EPMD_PORT=$((amqp + 3))
    for node in "$amqp" $((amqp + 10)) $((amqp + 20)); do
      bash "$self" stop "$dir/node-$node" "$node" || true
    done
    ;;
  stop-app) ctl stop_app ;;
  start-app) ctl start_app && ctl await_startup --timeout 60 ;;
  *) echo "unknown verb $verb" >&2; exit 2 ;;
esac
