#!/usr/bin/env bash
# The arena load at several client counts with the server pinned to CPU 0 and the bots to CPU 1, each
# step followed by the bare-transport floor (floor-server, also on CPU 0) with the same bots and window.
# Usage: bench/scripts/arena-pinned.sh SERVER_JAR OUT_PREFIX "256 512 1024" [server flags...]
# Writes OUT_PREFIX-<clients>.json and .txt per step.
set -euo pipefail
server_jar=$1; out=$2; steps=$3; shift 3
root=$(cd "$(dirname "$0")/../.." && pwd)
bench_jar=$root/bench/target/tickcast-bench.jar
limits="--handshakes-per-second 100000 --max-connections-per-address 100000 --matchmakes-per-second 100000
  --max-unclaimed-seats-per-address 100000 --max-unclaimed-seats 100000 --max-rooms 100000 --max-pending-connections 100000 --max-pending-connections-per-address 100000"
wait_up() { for _ in $(seq 1 150); do curl -s -o /dev/null "http://127.0.0.1:$1/$2" && return 0; sleep 0.2; done; return 1; }
for clients in $steps; do
  port=$((18400 + RANDOM % 400)); floor_port=$((port + 500))
  taskset -c 0 java -jar "$server_jar" --host 127.0.0.1 --port "$port" $limits "$@" > "$out-$clients.server.log" 2>&1 &
  server=$!
  taskset -c 0 java -jar "$bench_jar" floor-server --port "$floor_port" > "$out-$clients.floor.log" 2>&1 &
  floor=$!
  wait_up "$port" health; wait_up "$floor_port" ws
  taskset -c 1 java -jar "$bench_jar" arena --url "ws://127.0.0.1:$port/ws" --rooms $((clients / 16)) --players 16 \
    --warmup 5 --seconds 15 --server-pid "$server" --floor-url "ws://127.0.0.1:$floor_port/ws" --floor-pid "$floor" \
    --json "$out-$clients.json" 2>&1 | grep -v INFO | tee "$out-$clients.txt"
  kill "$server" "$floor"; wait "$server" "$floor" 2>/dev/null || true
done
