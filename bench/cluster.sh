#!/usr/bin/env bash
# The cluster harness (io.rapport.bench.ClusterHarness): Rapport nodes as separate JVMs on one PostgreSQL schema
# (127.0.0.1:5432, database "test", trust authentication; RAPPORT_TEST_PG_URL / RAPPORT_TEST_PG_USER override),
# HAProxy in front with health checks on /actuator/health, a mixed load (API clients with a personal access token,
# a UI session, an import), and kill -9 of the node running the import in the middle of the run. Writes
# bench/results/cluster-<date>.md and exits non-zero when an acknowledged write, an imported row or the session
# was lost.
#
#   bench/cluster.sh          long form: requests per second with 1, 2 and 3 nodes (20 s each) next to the
#                             database's own ceiling, then the kill run (20 s of load after the kill, 50,000 rows)
#   bench/cluster.sh short    the kill run only, 8 s after the kill, 30,000 rows (CI runs the same through
#                             ClusterKillTest, without HAProxy)
#
# Settings (environment): CLUSTER_SKIP_BUILD=1 (use the classes already compiled), CLUSTER_SCALING_SECONDS (20),
# CLUSTER_IMPORT_ROWS, CLUSTER_NODES (3), CLUSTER_CLIENTS (8), CLUSTER_HEAP (512m per node), CLUSTER_BASE_PORT (18080: HAProxy;
# the nodes take the next three). HAProxy is the Debian package (apt-get install haproxy); without it the harness
# falls back to its client-side round robin and says so in the report. A streaming replica is not started yet.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-long}"
base="${CLUSTER_BASE_PORT:-18080}"
ports="$((base + 1)),$((base + 2)),$((base + 3))"
if [ -z "${CLUSTER_SKIP_BUILD:-}" ]; then
  ./mvnw -q -B test-compile
  ./mvnw -q -B dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
fi
work="$(mktemp -d /tmp/rapport-cluster.XXXXXX)"
front=()
hp=""
cleanup() {
  if [ -n "$hp" ]; then kill "$hp" 2>/dev/null || true; fi
}
trap cleanup EXIT
if command -v haproxy >/dev/null 2>&1; then
  cat > "$work/haproxy.cfg" <<CFG
global
    maxconn 4000
defaults
    mode http
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    # a request refused by a dead node goes to another one
    retries 2
    option redispatch
frontend rapport
    bind 127.0.0.1:${base}
    default_backend nodes
backend nodes
    balance roundrobin
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
  --out=bench/results "${front[@]}")
if [ "$mode" = "short" ]; then
  args+=(--scaling-seconds=0 --load-seconds=8 --import-rows="${CLUSTER_IMPORT_ROWS:-30000}")
else
  args+=(--scaling-seconds="${CLUSTER_SCALING_SECONDS:-20}" --load-seconds=20
    --import-rows="${CLUSTER_IMPORT_ROWS:-50000}")
fi
java -Xmx512m -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  io.rapport.bench.ClusterHarness "${args[@]}"
