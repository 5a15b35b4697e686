#!/usr/bin/env bash
# The Arena-Wide scenario (one room of N players) with the server pinned to CPU 0 and the bots to CPU 1.
# Usage: bench/scripts/arena-wide-pinned.sh SERVER_JAR OUT_PREFIX "100 250 500 1000" [arena-wide flags...]
# Writes OUT_PREFIX-<players>.json, .txt and .server.log per step.
set -euo pipefail
server_jar=$1; out=$2; steps=$3; shift 3
root=$(cd "$(dirname "$0")/../.." && pwd)
bench_jar=$root/bench/target/tickcast-bench.jar
token=bench-admin-token-0123456789abcdef
limits="--handshakes-per-second 100000 --max-connections-per-address 100000 --matchmakes-per-second 100000
  --max-unclaimed-seats-per-address 100000 --max-unclaimed-seats 100000 --max-rooms 100000 --max-pending-connections 100000
  --max-pending-connections-per-address 100000"
wait_up() { for _ in $(seq 1 150); do curl -s -o /dev/null "http://127.0.0.1:$1/$2" && return 0; sleep 0.2; done; return 1; }
for players in $steps; do
  port=$((18400 + RANDOM % 400))
  taskset -c 0 java -jar "$server_jar" --host 127.0.0.1 --port "$port" --admin-token "$token" $limits \
    > "$out-$players.server.log" 2>&1 &
  server=$!
  wait_up "$port" health
  taskset -c 1 java -jar "$bench_jar" arena-wide --url "ws://127.0.0.1:$port/ws" --players "$players" \
    --warmup 10 --seconds 30 --server-pid "$server" --admin-token "$token" --json "$out-$players.json" "$@" 2>&1 \
    | grep -v INFO | tee "$out-$players.txt"
  kill "$server"; wait "$server" 2>/dev/null || true
done
