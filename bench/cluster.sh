#!/usr/bin/env bash
# The cluster harness (io.rapport.bench.ClusterHarness): Rapport nodes as separate JVMs on one PostgreSQL schema,
# HAProxy in front with health checks on /actuator/health, a mixed load (API clients with a personal access token,
# a UI session, an import, a quick campaign), and kill -9 of the node running the import and the quick campaign in
# the middle of the run. Writes bench/results/cluster-<date>.md and exits non-zero when an acknowledged write, an
# imported row, a campaign activity or the session was lost (or a campaign activity doubled).
#
#   bench/cluster.sh          long form: a throw-away PostgreSQL primary and a streaming replica of it (Debian's
#                             PostgreSQL 15 binaries, initdb + pg_basebackup, in a temporary directory on ports
#                             base+10 and base+11), the nodes reading aggregates from the replica; the database's
#                             own ceiling, then requests per second with 1, 2 and 3 nodes (20 s each), then the kill
#                             run (20 s of load after the kill, 50,000 imported rows, a 10,000-contact campaign)
#   bench/cluster.sh short    the kill run only, 8 s after the kill, 30,000 rows, a 3,000-contact campaign, on the
#                             machine's PostgreSQL (CI runs the same through ClusterKillTest, without HAProxy)
#
# Settings (environment): CLUSTER_SKIP_BUILD=1 (use the classes already compiled), CLUSTER_SCALING_SECONDS (20),
# CLUSTER_IMPORT_ROWS, CLUSTER_CAMPAIGN_CONTACTS, CLUSTER_NODES (3), CLUSTER_CLIENTS (8), CLUSTER_HEAP (512m per
# node), CLUSTER_BASE_PORT (18080: HAProxy; the nodes take the next three), CLUSTER_REPLICA (1 in the long form, 0 in
# the short one; 0 runs on the machine's PostgreSQL at 127.0.0.1:5432, database "test", or RAPPORT_TEST_PG_URL).
# HAProxy is the Debian package (apt-get install haproxy); without it the harness falls back to its client-side
# round robin and says so in the report.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-long}"
base="${CLUSTER_BASE_PORT:-18080}"
ports="$((base + 1)),$((base + 2)),$((base + 3))"
if [ "$mode" = "short" ]; then replica="${CLUSTER_REPLICA:-0}"; else replica="${CLUSTER_REPLICA:-1}"; fi
if [ -z "${CLUSTER_SKIP_BUILD:-}" ]; then
  ./mvnw -q -B test-compile
  ./mvnw -q -B dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
fi
work="$(mktemp -d /tmp/rapport-cluster.XXXXXX)"
front=()
hp=""
pgdir=""
pgbin=/usr/lib/postgresql/15/bin
# PostgreSQL refuses to run as root: as root, its commands run as the postgres user (as testing/PostgresReplicaPair)
as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
cleanup() {
  if [ -n "$hp" ]; then kill "$hp" 2>/dev/null || true; fi
  if [ -n "$pgdir" ]; then
    for d in replica primary; do
      [ -f "$pgdir/$d/postmaster.pid" ] && as_postgres "$pgbin/pg_ctl" -D "$pgdir/$d" -m immediate -w stop >/dev/null 2>&1 || true
    done
    rm -rf "$pgdir"
  fi
}
trap cleanup EXIT
replica_args=()
if [ "$replica" = "1" ]; then
  [ -x "$pgbin/initdb" ] || { echo "PostgreSQL 15 server binaries are required at $pgbin (or CLUSTER_REPLICA=0)" >&2; exit 2; }
  pgdir="$(mktemp -d /tmp/rapport-cluster-pg.XXXXXX)"
  pport=$((base + 10))
  rport=$((base + 11))
  [ "$(id -u)" -eq 0 ] && chown postgres "$pgdir"
  as_postgres "$pgbin/initdb" -D "$pgdir/primary" -U postgres --auth=trust -E UTF8 >"$pgdir/initdb.log" 2>&1
  # durable settings (fsync on) so that the ceiling and the nodes pay what a real primary pays; enough connections
  # for three nodes' pools, their replica pools and the load clients
  cat >>"$pgdir/primary/postgresql.conf" <<CONF
port = ${pport}
listen_addresses = '127.0.0.1'
unix_socket_directories = '${pgdir}'
wal_level = replica
max_wal_senders = 4
max_connections = 200
shared_buffers = 256MB
CONF
  as_postgres "$pgbin/pg_ctl" -D "$pgdir/primary" -l "$pgdir/primary.log" -w -t 60 start >/dev/null
  as_postgres "$pgbin/pg_basebackup" -h 127.0.0.1 -p "$pport" -U postgres -D "$pgdir/replica" -R -X stream
  printf "\nport = %s\nhot_standby = on\n" "$rport" | as_postgres tee -a "$pgdir/replica/postgresql.auto.conf" >/dev/null
  as_postgres "$pgbin/pg_ctl" -D "$pgdir/replica" -l "$pgdir/replica.log" -w -t 60 start >/dev/null
  as_postgres "$pgbin/psql" -h 127.0.0.1 -p "$pport" -U postgres -Atc "select 'streaming replica: ' || state || ' (' || application_name || ')' from pg_stat_replication"
  export RAPPORT_TEST_PG_URL="jdbc:postgresql://127.0.0.1:${pport}/postgres"
  export RAPPORT_TEST_PG_USER=postgres
  replica_args=(--replica-url="jdbc:postgresql://127.0.0.1:${rport}/postgres")
  echo "PostgreSQL primary on port ${pport}, streaming replica on port ${rport} (${pgdir})"
fi
if command -v haproxy >/dev/null 2>&1; then
  cat > "$work/haproxy.cfg" <<CFG
global
    maxconn 4000
defaults
    mode http
    timeout connect 2s
    timeout client 120s
    timeout server 120s
    # a request refused by a dead node goes to another one (every retry to another node); a GET the node died
    # answering (the connection closed with no response) is sent again to another node; other methods are not
    # retried once they reached a node, which may have committed them
    retries 3
    option redispatch 1
    retry-on conn-failure empty-response junk-response
frontend rapport
    bind 127.0.0.1:${base}
    default_backend nodes
backend nodes
    balance roundrobin
    http-request disable-l7-retry if !METH_GET
    option httpchk GET /actuator/health
    http-check expect status 200
    default-server inter 500ms fall 2 rise 1
    server n1 127.0.0.1:$((base + 1)) check
    server n2 127.0.0.1:$((base + 2)) check
    server n3 127.0.0.1:$((base + 3)) check
CFG
  haproxy -f "$work/haproxy.cfg" -db >"$work/haproxy.log" 2>&1 &
  hp=$!
  front=(--front="http://127.0.0.1:${base}")
  echo "HAProxy $(haproxy -v | head -1 | awk '{print $3}') on port ${base} (pid ${hp})"
else
  echo "haproxy not installed (apt-get install haproxy): using the harness's client-side round robin" >&2
fi
args=(--nodes="${CLUSTER_NODES:-3}" --ports="$ports" --clients="${CLUSTER_CLIENTS:-8}" --heap="${CLUSTER_HEAP:-512m}" --work="$work"
  --out=bench/results "${front[@]}" "${replica_args[@]}")
if [ "$mode" = "short" ]; then
  args+=(--scaling-seconds=0 --load-seconds=8 --import-rows="${CLUSTER_IMPORT_ROWS:-30000}"
    --campaign-contacts="${CLUSTER_CAMPAIGN_CONTACTS:-3000}")
else
  args+=(--scaling-seconds="${CLUSTER_SCALING_SECONDS:-20}" --load-seconds=20
    --import-rows="${CLUSTER_IMPORT_ROWS:-50000}" --campaign-contacts="${CLUSTER_CAMPAIGN_CONTACTS:-10000}")
fi
java -Xmx512m -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  io.rapport.bench.ClusterHarness "${args[@]}"
