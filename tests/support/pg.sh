#!/usr/bin/env bash
# Starts or stops a throwaway PostgreSQL 15 cluster on 127.0.0.1 for the tests.
# usage: pg.sh start DIR | restart DIR | stop DIR — start writes the connection URL to DIR/url;
# restart stops the cluster (fast: sessions are cut) and starts it again on the same port.
# The cluster itself lives under /tmp: the postgres user may not reach DIR's parents.
set -euo pipefail
action=$1
dir=$2
bin=/usr/lib/postgresql/15/bin

# initdb refuses to run as root: run the cluster as the postgres user then.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop() {
  if [ -f "$dir/cluster" ]; then
    local cluster
    cluster=$(cat "$dir/cluster")
    if [ -f "$cluster/data/postmaster.pid" ]; then
      as_owner "$bin/pg_ctl" -D "$cluster/data" -m fast -w stop >/dev/null || true
    fi
    rm -rf "$cluster" "$dir/cluster" "$dir/url"
  fi
}

case "$action" in
  start)
    mkdir -p "$dir"
    stop
    cluster=$(mktemp -d /tmp/examens-pg.XXXXXX)
    echo "$cluster" >"$dir/cluster"
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$cluster"
    as_owner "$bin/initdb" -D "$cluster/data" --auth=trust --username=postgres -E UTF8 \
      --locale=C.UTF-8 >"$cluster/initdb.log" 2>&1 || { cat "$cluster/initdb.log"; exit 1; }
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    as_owner "$bin/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -w -t 60 \
      -o "-p $port -k $cluster -c listen_addresses=127.0.0.1 -c max_connections=200" \
      start >/dev/null || { cat "$cluster/server.log"; exit 1; }
    echo "postgresql://postgres@127.0.0.1:$port/postgres" >"$dir/url"
    echo "PostgreSQL test cluster on 127.0.0.1:$port ($cluster)"
    ;;
  restart)
    cluster=$(cat "$dir/cluster")
    as_owner "$bin/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -m fast -w -t 60 \
      restart >/dev/null || { cat "$cluster/server.log"; exit 1; }
    ;;
  stop)
    stop
    echo "PostgreSQL test cluster stopped"
    ;;
  *)
    echo "usage: $0 start|restart|stop DIR" >&2
    exit 2
    ;;
esac
