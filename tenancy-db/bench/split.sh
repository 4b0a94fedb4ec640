#!/usr/bin/env bash
# Splits the audit trail's write cost with pgbench: each variant gets a fresh database (schema.sql plus the
# variant's trail: "none" is the schema alone, "current" the shipped audit-trail.sql, "v1" and "v2" the script as
# v1 and v2 shipped it, read from git history, and any other name a trail of one's own in variants/<name>.sql), then the variants run in ABBA order, several rounds,
# the same invoice script (invoice.pgbench) with the same clients. Prints invoices/s per run and the
# load average before each, and the server's CPU time per invoice (all its processes, from /proc: unlike
# invoices/s it hardly moves with the load of other work on the machine). Run it against a server of your
# own (started with pg_ctl; PGDATA names its data folder) so that no other client's work is counted.
# CLIENTS (default 8) sets the connections pgbench runs, SCRIPT the script (default invoice.pgbench, the invoice as
# invoicing writes it: 4 row changes). Usage: PGDATA=/tmp/pg split.sh PORT SECONDS ROUNDS variant...
# A server of one's own, from the embedded PostgreSQL the tests unpack (it refuses to run as root, hence runuser):
#   B=$(dirname "$(ls /tmp/embedded-pg/*/bin/postgres | head -1)"); mkdir /tmp/pg && chown nobody /tmp/pg
#   runuser -u nobody -- $B/initdb -D /tmp/pg -U postgres -A trust
#   runuser -u nobody -- $B/pg_ctl -D /tmp/pg -l /tmp/pg/log -o "-p 5499 -c listen_addresses=127.0.0.1 -c unix_socket_directories=/tmp/pg -F -c synchronous_commit=off -c full_page_writes=off" start
#   CLIENTS=1 PGDATA=/tmp/pg ./split.sh 5499 3 6 none v2 current
# (-F and the two settings: what the tests' server runs with, Durability.FAST.)
set -euo pipefail
port=$1; seconds=$2; rounds=$3; shift 3
here=$(cd "$(dirname "$0")" && pwd)
trail=tenancy-db/src/main/resources/io/ipsc/tenancy/db/audit/audit-trail.sql
# The last commit that shipped the trail as v1 (852ce7b, after it, brought v2): the baseline stays in
# history instead of as a near-copy of the script in the tree.
v1_commit=f324d00
# The last commit with v2 (row-by-row diff for every action, three btrees): v3 came after it.
v2_commit=bca982f
psql_() { psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres "$@"; }
fresh() {
  local v=$1 db="split_${1//-/_}"
  psql_ -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
  psql_ -d "$db" -f "$here/schema.sql"
  case "$v" in
    none) ;;
    # The trail as shipped, not a copy of it: what is measured is what every tenant database gets.
    current) psql_ -d "$db" -f "$here/../../$trail" >/dev/null ;;
    v1) git -C "$here" show "$v1_commit:$trail" | psql_ -d "$db" -f - >/dev/null ;;
    v2) git -C "$here" show "$v2_commit:$trail" | psql_ -d "$db" -f - >/dev/null ;;
    *) psql_ -d "$db" -f "$here/variants/$v.sql" >/dev/null ;;
  esac
  psql_ -d "$db" -c "VACUUM ANALYZE"
}
# CPU seconds of the server: the postmaster, its children that have exited (cutime, cstime) and those alive.
server_cpu() {
  local pm; pm=$(head -1 "$PGDATA/postmaster.pid")
  { awk '{print $14+$15+$16+$17}' "/proc/$pm/stat"
    for c in $(cat "/proc/$pm/task/$pm/children"); do awk '{print $14+$15}' "/proc/$c/stat" 2>/dev/null || true; done
  } | awk -v hz="$(getconf CLK_TCK)" '{t+=$1} END {printf "%.2f", t/hz}'
}
run() {
  local v=$1 db="split_${1//-/_}" load out cpu0 cpu1
  load=$(cut -d' ' -f1 /proc/loadavg)
  cpu0=$(server_cpu)
  out=$(pgbench -n -M prepared -c "${CLIENTS:-8}" -j "${CLIENTS:-8}" -T "$seconds" -h 127.0.0.1 -p "$port" -U postgres -f "$here/${SCRIPT:-invoice.pgbench}" "$db" 2>&1)
  sleep 0.5
  cpu1=$(server_cpu)
  awk -v r="$round" -v v="$v" -v load="$load" -v cpu="$(echo "$cpu1 - $cpu0" | bc)" '
    /^number of transactions actually processed/ {n=$NF} /^tps/ {tps=$3}
    END {printf "%s\t%-12s\t%7.1f invoices/s\t%6.3f ms server CPU per invoice\tload %s\n", r, v, tps, cpu*1000/n, load}' <<<"$out"
}
for v in "$@"; do fresh "$v"; done
for v in "$@"; do seconds_=$seconds; seconds=5; round=warm; run "$v" >/dev/null; seconds=$seconds_; done
for round in $(seq 1 "$rounds"); do
  if (( round % 2 )); then order=("$@"); else order=(); for ((i=$#; i>0; i--)); do order+=("${!i}"); done; fi
  for v in "${order[@]}"; do run "$v"; done
done
