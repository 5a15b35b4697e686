#!/usr/bin/env bash
# The churn soak: PLAYERS arena bots (rooms of 16) play for SECONDS while `soak --churn` opens and ends
# CHURN sessions per second beside them (full sessions, TCP resets, never-joining sockets, half-sent
# requests, keep-alive requests); then the run judges the end against the baseline taken before the
# churn (exit code 0 only if connections, OS TCP sockets, file descriptors and heap are back, no tick
# was dropped, no session failed and a new player can play). Server and bench share both cores, as the
# one-hour soak (bench/results/README.md): 800 players are 80 % of the capacity measured that way (1,024
# clients with the bots on the same machine). SERVER_CPUS and BENCH_CPUS (taskset lists) pin them
# instead (e.g. 0 and 1, as the capacity runs: there 1,232 players are 80 % of the 1,536 that pass, but
# a pinned core at that load already drops ticks while the bots join, churn or not). CHURN_WARMUP
# (default 2000) sessions run before the baseline, so that the JIT has compiled every kind's path.
# The server runs with --rooms-cache-ms 0, so that the dropped ticks read through GET /rooms are exact.
# Run it on a quiet machine.
# The server gets the load-test limits except --max-pending-connections, which keeps its default (the limit that issue 16's item 1 exhausted).
# Needs a server with --max-pending-connections-per-address (issue 16's fixes).
# The jars are copied first, so that a build cannot replace them under the running JVMs.
# Usage: bench/scripts/churn-soak.sh SERVER_JAR OUT_DIR [PLAYERS=800] [CHURN=20] [SECONDS=1800] [server flags...]
# Writes OUT_DIR/churn-soak.json, .txt (the table, the summary and the verdict; last line: the exit
# code), .png (the chart) and churn-soak.server.log (a line per join: do not commit it).
set -euo pipefail
server_jar=$1; out=$2; players=${3:-800}; churn=${4:-20}; seconds=${5:-1800}; shift 2; shift $(( $# < 3 ? $# : 3 ))
root=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$out"
out=$(cd "$out" && pwd)
jars=$(mktemp -d /tmp/churn-soak.XXXXXX)
cp "$server_jar" "$jars/tickcast-server.jar"
cp "$root/bench/target/tickcast-bench.jar" "$jars/tickcast-bench.jar"
# --max-pending-connections-per-address: the per-address part of the pending cap (issue 16 item 4);
# 1,232 bots from one address upgrade in batches of 64 beside the churn's own connections
limits="--handshakes-per-second 100000 --max-connections-per-address 100000 --matchmakes-per-second 100000
  --max-unclaimed-seats-per-address 100000 --max-unclaimed-seats 100000 --max-rooms 100000
  --max-pending-connections-per-address 100000 --rooms-cache-ms 0"
wait_up() { for _ in $(seq 1 150); do curl -s -o /dev/null "http://127.0.0.1:$1/$2" && return 0; sleep 0.2; done; return 1; }
port=$((19200 + RANDOM % 400)); metrics_port=$((port + 500))
taskset -c "${SERVER_CPUS:-0,1}" java -jar "$jars/tickcast-server.jar" --host 127.0.0.1 --port "$port" --metrics-port "$metrics_port" \
  $limits "$@" > "$out/churn-soak.server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$jars"' EXIT
wait_up "$port" health
set +e
taskset -c "${BENCH_CPUS:-0,1}" java -jar "$jars/tickcast-bench.jar" soak --url "ws://127.0.0.1:$port/ws" --server-pid "$server" \
  --rooms $((players / 16)) --players 16 --seconds "$seconds" --sample-seconds 10 --warmup 30 \
  --churn "$churn" --churn-warmup "${CHURN_WARMUP:-2000}" --settle-seconds 30 --metrics-url "http://127.0.0.1:$metrics_port/metrics" \
  --json "$out/churn-soak.json" 2>&1 | grep -v INFO > "$out/churn-soak.txt"
code=${PIPESTATUS[0]}
set -e
echo "exit code $code" >> "$out/churn-soak.txt"
java -jar "$jars/tickcast-bench.jar" chart --soak "$out/churn-soak.json" > /dev/null 2>&1 || true
tail -25 "$out/churn-soak.txt"
exit "$code"
