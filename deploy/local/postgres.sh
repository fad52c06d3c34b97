#!/usr/bin/env bash
# PostgreSQL from the machine's own binaries, everything under DIR, as the postgres user.
#   postgres.sh run   DIR PORT   foreground (Aspire's local mode supervises it; SIGTERM stops it)
#   postgres.sh start DIR PORT   background, returns when it accepts connections
#   postgres.sh stop  DIR
#   postgres.sh primary DIR PORT            background, commits wait for the standby named "standby"
#   postgres.sh standby DIR PORT PRIMARY    background, a streaming copy of the primary on PRIMARY
#   postgres.sh promote DIR PORT            the standby becomes a primary
#   postgres.sh kill    DIR PORT            SIGKILL to the server (a crash, for fault tests)
# First use creates the cluster (superuser postgres, password $REDPROPERTY_DB_PASSWORD) and the
# database redproperty. REDPROPERTY_DB_FAST=1 trades durability for speed (tests only).
set -euo pipefail

verb=${1:?run|start|stop|primary|standby|promote|kill}
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

standby() { # PRIMARY: base backup with streaming replication settings (-R), named "standby"
  [ -f "$dir/initialized" ] && return
  rm -rf "$dir/pgdata"
  mkdir -p "$dir/socket"
  chown -R postgres:postgres "$dir"
  PGPASSWORD=$password as_postgres "$bin/pg_basebackup" -d "host=127.0.0.1 port=$1 user=postgres application_name=standby" \
    -D "$dir/pgdata" -R -X stream -c fast
  touch "$dir/initialized"
}

case "$verb" in
  primary)
    init
    # Synchronous: a commit is acknowledged once the standby has it, so promoting it loses none.
    as_postgres "$bin/pg_ctl" -D "$dir/pgdata" -l "$dir/postgres.log" \
      -o "${options[*]} -c synchronous_standby_names=standby -c synchronous_commit=on" -w -t 60 start >/dev/null
    ;;
  standby)
    standby "${4:?primary port}"
    as_postgres "$bin/pg_ctl" -D "$dir/pgdata" -l "$dir/postgres.log" -o "${options[*]}" -w -t 60 start >/dev/null
    ;;
  promote)
    as_postgres "$bin/pg_ctl" -D "$dir/pgdata" -w -t 60 promote >/dev/null
    ;;
  kill)
    kill -9 "$(head -1 "$dir/pgdata/postmaster.pid")"
    ;;
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
