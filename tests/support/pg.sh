#!/usr/bin/env bash
# Starts or stops a throwaway PostgreSQL 15 cluster on 127.0.0.1 for the tests.
# usage: pg.sh start DIR | standby DIR PRIMARY_DIR | restart DIR | stop DIR — start writes the
# connection URL to DIR/url; standby makes DIR a synchronous streaming standby of the cluster
# started in PRIMARY_DIR (docs/decisions/0023-cluster.md); restart stops the cluster (fast:
# sessions are cut) and starts it again on the same port.
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

# A fresh folder under /tmp for a cluster's files, recorded in DIR/cluster.
new_cluster() {
  mkdir -p "$dir"
  stop
  cluster=$(mktemp -d /tmp/examens-pg.XXXXXX)
  echo "$cluster" >"$dir/cluster"
  if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$cluster"; fi
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
}

# Serves $cluster/data on $port; extra server settings as arguments (-c name=value).
serve() {
  as_owner "$bin/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -w -t 60 \
    -o "-p $port -k $cluster -c listen_addresses=127.0.0.1 -c max_connections=200 $*" \
    start >/dev/null || { cat "$cluster/server.log"; exit 1; }
  echo "postgresql://postgres@127.0.0.1:$port/postgres" >"$dir/url"
}

case "$action" in
  start)
    new_cluster
    as_owner "$bin/initdb" -D "$cluster/data" --auth=trust --username=postgres -E UTF8 --no-sync \
      --locale=C.UTF-8 >"$cluster/initdb.log" 2>&1 || { cat "$cluster/initdb.log"; exit 1; }
    serve
    echo "PostgreSQL test cluster on 127.0.0.1:$port ($cluster)"
    ;;
  standby)
    # initdb's pg_hba.conf lets 127.0.0.1 replicate, and wal_level is replica by default. The
    # slot keeps on the primary every WAL segment the standby has not received yet, so a
    # standby that falls behind catches up instead of needing a new base backup.
    primary=$(cat "$3/url")
    primary_port=${primary##*:}
    primary_port=${primary_port%%/*}
    new_cluster
    as_owner "$bin/pg_basebackup" -h 127.0.0.1 -p "$primary_port" -U postgres -D "$cluster/data" \
      --write-recovery-conf --create-slot --slot=examens_standby --wal-method=stream \
      --checkpoint=fast --no-sync >"$cluster/basebackup.log" 2>&1 || { cat "$cluster/basebackup.log"; exit 1; }
    # Its walreceiver connects under the cluster's name, which the primary then waits for.
    serve -c cluster_name=examens_standby
    "$bin/psql" -h 127.0.0.1 -p "$primary_port" -U postgres -d postgres -qAt \
      -c "ALTER SYSTEM SET synchronous_standby_names = 'examens_standby'" \
      -c "SELECT pg_reload_conf()" >/dev/null
    echo "PostgreSQL synchronous standby of 127.0.0.1:$primary_port on 127.0.0.1:$port ($cluster)"
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
    echo "usage: $0 start DIR | standby DIR PRIMARY_DIR | restart DIR | stop DIR" >&2
    exit 2
    ;;
esac
