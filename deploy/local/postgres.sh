#!/usr/bin/env bash
# PostgreSQL from the machine's own binaries, everything under DIR, as the postgres user.
#   postgres.sh run   DIR PORT   foreground (Aspire's local mode supervises it; SIGTERM stops it)
#   postgres.sh start DIR PORT   background, returns when it accepts connections
#   postgres.sh stop  DIR
# First use creates the cluster (superuser postgres, password $REDPROPERTY_DB_PASSWORD) and the
# database redproperty. REDPROPERTY_DB_FAST=1 trades durability for speed (tests only).
set -euo pipefail

verb=${1:?run|start|stop}
dir=$(realpath -m "${2:?data directory}")
port=${3:-25432}
password=${REDPROPERTY_DB_PASSWORD:-redproperty-dev-password}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/postgres" ] || { echo "PostgreSQL server not installed (apt-get install postgresql)" >&2; exit 1; }

as_postgres() { setpriv --reuid=postgres --regid=postgres --init-groups "$@"; }

mkdir -p "$dir"
if ! as_postgres test -x "$dir"; then
  echo "The postgres user cannot enter $dir (a parent folder is private); choose another data folder." >&2
  exit 1
fi

init() {
  [ -f "$dir/initialized" ] && return
  # A first boot that stopped half-way is started again from scratch.
  rm -rf "$dir/pgdata"
  mkdir -p "$dir/pgdata" "$dir/socket"
  printf '%s\n' "$password" > "$dir/pwfile"
  chown -R postgres:postgres "$dir"
  as_postgres "$bin/initdb" -D "$dir/pgdata" -U postgres --pwfile="$dir/pwfile" \
    --auth=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  rm -f "$dir/pwfile"
  echo "CREATE DATABASE redproperty;" | as_postgres "$bin/postgres" --single -D "$dir/pgdata" postgres >"$dir/init.log" 2>&1
  touch "$dir/initialized"
}

options=(-c listen_addresses=127.0.0.1 -c "port=$port" -c "unix_socket_directories=$dir/socket" -c max_connections=400)
if [ -n "${REDPROPERTY_DB_FAST:-}" ]; then
  options+=(-c fsync=off -c synchronous_commit=off -c full_page_writes=off)
fi

case "$verb" in
  run)
    init
    exec setpriv --reuid=postgres --regid=postgres --init-groups "$bin/postgres" -D "$dir/pgdata" "${options[@]}"
    ;;
  start)
    init
    as_postgres "$bin/pg_ctl" -D "$dir/pgdata" -l "$dir/postgres.log" -o "${options[*]}" -w -t 60 start >/dev/null
    ;;
  stop)
    as_postgres "$bin/pg_ctl" -D "$dir/pgdata" -m fast -w stop >/dev/null || true
    ;;
  *) echo "unknown verb $verb" >&2; exit 2 ;;
esac
