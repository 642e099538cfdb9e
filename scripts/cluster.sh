#!/usr/bin/env bash
# The production layout on loopback (docs/decisions/0023-cluster.md): a PostgreSQL 15 primary
# with a synchronous streaming standby (tests/support/pg.sh), two `examens serve` instances on
# the primary sharing one data folder (uploads, justificatifs, mail), and nginx in front of both.
# usage: cluster.sh start DIR | instance DIR a|b | stop DIR | demo
#   start     starts everything with the demo data (`examens init --demo`) and writes
#             DIR/cluster.env (KEY=VALUE lines: the URLs, the shared folder); logs in DIR
#   instance  starts instance a or b again (after a kill), on its port
#   stop      stops what start started: nginx, the instances, the primary, the standby
#   demo      `make cluster-demo`: start in a temporary folder, print the addresses and the
#             demo accounts, wait for Ctrl-C, then stop everything and remove the folder
# Environment: EXAMENS_BIN (build/examens); DEMO_NOW, the instances' demo clock ("2026-11-23
# 10:00"; empty: the real time); CLUSTER_PORT, nginx's port (a free one by default).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${EXAMENS_BIN:-$root/build/examens}
pgbin=/usr/lib/postgresql/15/bin
pg=$root/tests/support/pg.sh
demo_now=${DEMO_NOW-2026-11-23 10:00}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
setting() { sed -n "s/^$1=//p" "$dir/cluster.env"; }
# Alive and not a zombie (a process whose starter exited is reaped by whoever adopted it).
alive() {
  local state
  state=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
  [[ $state != Z* ]]
}
# Sends a signal to the process of a pid file and waits until it is gone (SIGKILL after 30 s).
stop_pid() {
  local file=$1 signal=$2 pid
  [ -f "$file" ] || return 0
  pid=$(cat "$file")
  kill "-$signal" "$pid" 2>/dev/null || true
  for _ in $(seq 300); do alive "$pid" || break; sleep 0.1; done
  if alive "$pid"; then kill -KILL "$pid" 2>/dev/null || true; fi
  rm -f "$file"
}

# Starts instance $1 (a or b) in a session of its own (Ctrl-C on the demo reaches only this
# script, which stops everything in order) and waits until it listens.
start_instance() {
  local name=$1 port log offset pid
  port=$(setting "INSTANCE_${name^^}_PORT")
  log=$dir/$name.log
  stop_pid "$dir/$name.pid" TERM
  offset=$(stat -c %s "$log" 2>/dev/null || echo 0)
  EXAMENS_PORT=$port EXAMENS_DB=$(setting PRIMARY_URL) EXAMENS_DATA_DIR=$(setting DATA_DIR) \
    EXAMENS_BASE_URL=$(setting PROXY_URL) EXAMENS_TRUSTED_PROXIES=127.0.0.1 \
    EXAMENS_DEMO_NOW=$demo_now setsid "$bin" serve >>"$log" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$dir/$name.pid"
  for _ in $(seq 600); do
    tail -c "+$((offset + 1))" "$log" 2>/dev/null | grep -q "listening on http://127.0.0.1:$port" && return 0
    alive "$pid" || break
    sleep 0.1
  done
  echo "cluster: instance $name did not start:" >&2
  tail -n 20 "$log" >&2
  return 1
}

# nginx in front of both instances: a dead one is skipped (its connection refused), and a
# request it dropped is retried on the other when that is safe (GET; a POST only if it was
# not sent). The instances believe its X-Forwarded-For (EXAMENS_TRUSTED_PROXIES=127.0.0.1).
start_nginx() {
  local n=$dir/nginx
  mkdir -p "$n/tmp"
  cat >"$n/nginx.conf" <<CONF
$([ "$(id -u)" -eq 0 ] && echo "user www-data;")
worker_processes 1;
pid $n/nginx.pid;
error_log $n/error.log;
events { worker_connections 1024; }
http {
  log_format upstream '\$remote_addr "\$request" \$status \$body_bytes_sent '
                      'upstream=\$upstream_addr upstream_status=\$upstream_status \$request_time';
  access_log $n/access.log upstream;
  client_body_temp_path $n/tmp/body;
  proxy_temp_path $n/tmp/proxy;
  fastcgi_temp_path $n/tmp/fastcgi;
  uwsgi_temp_path $n/tmp/uwsgi;
  scgi_temp_path $n/tmp/scgi;
  upstream examens {
    server 127.0.0.1:$(setting INSTANCE_A_PORT) max_fails=1 fail_timeout=5s;
    server 127.0.0.1:$(setting INSTANCE_B_PORT) max_fails=1 fail_timeout=5s;
    keepalive 32;
    # Shorter than the instances' 30 s for a silent connection: nginx closes it first.
    keepalive_timeout 20s;
  }
  server {
    listen 127.0.0.1:$(setting PROXY_PORT);
    # The portal refuses an upload over 25 MiB itself (413), with its own page.
    client_max_body_size 26m;
    location / {
      proxy_pass http://examens;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$http_host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_next_upstream error timeout;
      proxy_next_upstream_tries 2;
      proxy_connect_timeout 2s;
      proxy_read_timeout 70s;
    }
  }
}
CONF
  nginx -e "$n/error.log" -p "$n" -c "$n/nginx.conf"
}

start() {
  mkdir -p "$dir/shared"
  # nginx's workers (www-data when started as root) go through it to their temporary files.
  chmod 755 "$dir"
  "$pg" start "$dir/primary" >/dev/null
  "$pg" standby "$dir/standby" "$dir/primary" >/dev/null
  local primary standby
  primary=$(sed 's#/postgres$#/examens#' "$dir/primary/url")
  standby=$(sed 's#/postgres$#/examens#' "$dir/standby/url")
  "$pgbin/psql" "$(cat "$dir/primary/url")" -qc "CREATE DATABASE examens"
  local proxy_port=${CLUSTER_PORT:-$(free_port)}
  cat >"$dir/cluster.env" <<ENV
PROXY_PORT=$proxy_port
PROXY_URL=http://127.0.0.1:$proxy_port
INSTANCE_A_PORT=$(free_port)
INSTANCE_B_PORT=$(free_port)
PRIMARY_URL=$primary
STANDBY_URL=$standby
DATA_DIR=$dir/shared
ENV
  echo "INSTANCE_A_URL=http://127.0.0.1:$(setting INSTANCE_A_PORT)" >>"$dir/cluster.env"
  echo "INSTANCE_B_URL=http://127.0.0.1:$(setting INSTANCE_B_PORT)" >>"$dir/cluster.env"
  EXAMENS_DB=$primary EXAMENS_DATA_DIR=$dir/shared EXAMENS_DEMO_NOW=$demo_now \
    "$bin" init --demo >"$dir/init.log" 2>&1 || { cat "$dir/init.log" >&2; return 1; }
  # Started together, so that their demo clocks agree: the leases of the mail and document
  # workers compare instants written by one instance with the other's clock.
  start_instance a &
  local a=$!
  start_instance b
  wait "$a"
  start_nginx
}

stop() {
  stop_pid "$dir/nginx/nginx.pid" QUIT
  stop_pid "$dir/a.pid" TERM
  stop_pid "$dir/b.pid" TERM
  # The primary first: with a synchronous standby gone, its commits would wait.
  "$pg" stop "$dir/primary" >/dev/null
  "$pg" stop "$dir/standby" >/dev/null
}

demo() {
  dir=$(mktemp -d /tmp/examens-cluster.XXXXXX)
  trap 'echo; echo "cluster-demo: stopping"; stop; rm -rf "$dir"' EXIT
  trap 'exit 130' INT TERM
  echo "cluster-demo: starting PostgreSQL (primary and standby), two instances and nginx in $dir"
  start
  local primary
  primary=$(setting PRIMARY_URL)
  cat <<TEXT

  portal, through nginx:  $(setting PROXY_URL)/   (office: $(setting PROXY_URL)/gestion/)
  instance A:             $(setting INSTANCE_A_URL)/   pid $(cat "$dir/a.pid"), log $dir/a.log
  instance B:             $(setting INSTANCE_B_URL)/   pid $(cat "$dir/b.pid"), log $dir/b.log
  PostgreSQL primary:     $primary
  synchronous standby:    $(setting STANDBY_URL)   (read-only)
  shared files:           $dir/shared   (uploads/, justificatifs/, mail/: the .eml files)
  nginx access log:       $dir/nginx/access.log   (which instance served each request)

$(sed -n 's/^examens: demo /  demo /p' "$dir/init.log")
  demo clock: ${demo_now:-real time}

  Kill an instance (kill -9 $(cat "$dir/a.pid")) and go on through nginx; replication lag:
  $pgbin/psql $primary -c "SELECT application_name, sync_state, pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn) AS bytes_behind FROM pg_stat_replication"

Ctrl-C stops everything.
TEXT
  sleep infinity &
  wait $!
}

case "${1:-}" in
  start | stop | instance)
    dir=$2
    case "$1" in
      start) start ;;
      stop) stop ;;
      instance) start_instance "$3" ;;
    esac
    ;;
  demo) demo ;;
  *)
    echo "usage: $0 start DIR | instance DIR a|b | stop DIR | demo" >&2
    exit 2
    ;;
esac
