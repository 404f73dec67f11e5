#!/usr/bin/env bash
# A streaming hot standby of the local PostgreSQL (127.0.0.1:5432) on 127.0.0.1:5433, for the
# replica suite and for trying DATABASE_READ_URL by hand (docs/OPERATIONS.md, "Hot standby").
#   scripts/standby.sh start     make it (pg_basebackup) if needed, start it, wait until it streams
#   scripts/standby.sh stop      stop it (fast shutdown); its data folder stays for the next start
#   scripts/standby.sh status    print whether it runs, streams, and how far it is behind
#   scripts/standby.sh destroy   stop it and remove its data folder
# Runs as root (commands go through runuser postgres) or as postgres.
set -euo pipefail
cmd=${1:-start}
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
DIR=${STANDBY_DIR:-/var/lib/postgresql/standby-5433}
PORT=${STANDBY_PORT:-5433}
PRIMARY=(-h 127.0.0.1 -p "${PRIMARY_PORT:-5432}" -U postgres)
SOCKETS=$DIR.sockets
LOG=$DIR.log

as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
primary_sql() { psql "${PRIMARY[@]}" -d postgres -XAtqc "$1"; }
standby_sql() { psql -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -XAtqc "$1" 2>/dev/null; }
running() { as_postgres "$PGBIN/pg_ctl" -D "$DIR" status >/dev/null 2>&1; }
streaming() { [ "$(standby_sql "select pg_is_in_recovery() and exists (select 1 from pg_stat_wal_receiver where status = 'streaming')")" = t ]; }

wait_streaming() {
  for _ in $(seq 1 120); do
    streaming && return 0
    sleep 0.5
  done
  return 1
}

make_standby() {
  echo "standby: base backup of 127.0.0.1:${PRIMARY_PORT:-5432} into $DIR"
  local hba; hba=$(primary_sql 'show hba_file')
  # pg_basebackup and the standby's WAL receiver connect for replication from loopback.
  if ! grep -Eq '^host[[:space:]]+replication[[:space:]]+all[[:space:]]+127\.0\.0\.1/32' "$hba"; then
    echo 'host replication all 127.0.0.1/32 trust' >>"$hba"
    primary_sql 'select pg_reload_conf()' >/dev/null
  fi
  rm -rf "$DIR" "$SOCKETS"
  install -d -o postgres -g postgres -m 700 "$DIR"
  install -d -o postgres -g postgres -m 755 "$SOCKETS"
  as_postgres "$PGBIN/pg_basebackup" "${PRIMARY[@]}" -D "$DIR" -R -X stream -c fast
  # Debian keeps the main configuration in /etc, so the copy has none: give it its own. A hot
  # standby needs these limits at least as high as the primary's.
  cat >"$DIR/postgresql.conf" <<CONF
port = $PORT
listen_addresses = '127.0.0.1'
hba_file = '$hba'
ident_file = '$(primary_sql 'show ident_file')'
unix_socket_directories = '$SOCKETS'
hot_standby = on
hot_standby_feedback = on
max_connections = $(primary_sql 'show max_connections')
max_worker_processes = $(primary_sql 'show max_worker_processes')
max_wal_senders = $(primary_sql 'show max_wal_senders')
max_prepared_transactions = $(primary_sql 'show max_prepared_transactions')
max_locks_per_transaction = $(primary_sql 'show max_locks_per_transaction')
CONF
  chown postgres:postgres "$DIR/postgresql.conf"
}

start() {
  if running && streaming; then echo "standby: already streaming on 127.0.0.1:$PORT"; return 0; fi
  if running; then as_postgres "$PGBIN/pg_ctl" -D "$DIR" stop -m fast -w >/dev/null; fi
  if [ -f "$DIR/standby.signal" ]; then
    as_postgres "$PGBIN/pg_ctl" -D "$DIR" -l "$LOG" start -w -t 60 >/dev/null || true
    # Without a replication slot the primary may have recycled the WAL a stopped standby needs.
    if wait_streaming; then echo "standby: restarted, streaming on 127.0.0.1:$PORT"; return 0; fi
    echo "standby: the old copy does not catch up; making a new one"
    as_postgres "$PGBIN/pg_ctl" -D "$DIR" stop -m immediate -w >/dev/null 2>&1 || true
  fi
  make_standby
  as_postgres "$PGBIN/pg_ctl" -D "$DIR" -l "$LOG" start -w -t 60 >/dev/null
  if ! wait_streaming; then echo "standby: started but not streaming; see $LOG" >&2; exit 1; fi
  echo "standby: streaming on 127.0.0.1:$PORT"
}

case "$cmd" in
  start) start ;;
  stop)
    if running; then as_postgres "$PGBIN/pg_ctl" -D "$DIR" stop -m fast -w >/dev/null; echo "standby: stopped"; else echo "standby: not running"; fi ;;
  status)
    if running && streaming; then
      echo "standby: streaming on 127.0.0.1:$PORT, $(primary_sql "select coalesce(max(pg_wal_lsn_diff(sent_lsn, replay_lsn)), 0) from pg_stat_replication") bytes behind"
    elif running; then echo "standby: running, not streaming"; exit 1
    else echo "standby: not running"; exit 3; fi ;;
  destroy)
    if running; then as_postgres "$PGBIN/pg_ctl" -D "$DIR" stop -m fast -w >/dev/null; fi
    rm -rf "$DIR" "$SOCKETS" "$LOG"; echo "standby: removed" ;;
  *) echo "usage: $0 start|stop|status|destroy" >&2; exit 2 ;;
esac
