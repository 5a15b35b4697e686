#!/usr/bin/env bash
# Capacity search with the server pinned to CPU 0 and the bots to CPU 1; with a floor server (also on
# CPU 0) every passing step is followed by the bare-transport floor at the same client count.
# Usage: bench/scripts/capacity-pinned.sh SERVER_JAR OUT.json SNAPSHOT_HZ MAX_CLIENTS [floor|nofloor] [server flags...]
set -euo pipefail
server_jar=$1; out=$2; hz=$3; max=$4; floor_mode=${5:-nofloor}; shift 4; [ $# -gt 0 ] && shift
root=$(cd "$(dirname "$0")/../.." && pwd)
bench_jar=$root/bench/target/tickcast-bench.jar
limits="--handshakes-per-second 100000 --max-connections-per-address 100000 --matchmakes-per-second 100000
  --max-unclaimed-seats-per-address 100000 --max-unclaimed-seats 100000 --max-rooms 100000 --max-pending-connections 100000 --max-pending-connections-per-address 100000"
wait_up() { for _ in $(seq 1 150); do curl -s -o /dev/null "http://127.0.0.1:$1/$2" && return 0; sleep 0.2; done; return 1; }
port=$((18800 + RANDOM % 400)); floor_port=$((port + 500))
taskset -c 0 java -jar "$server_jar" --host 127.0.0.1 --port "$port" --snapshot-hz "$hz" $limits "$@" > "${out%.json}.server.log" 2>&1 &
server=$!
floor_args=()
if [ "$floor_mode" = floor ]; then
  taskset -c 0 java -jar "$bench_jar" floor-server --port "$floor_port" --period-ms $((1000 / hz)) > "${out%.json}.floor.log" 2>&1 &
  floor=$!
  wait_up "$floor_port" ws
  floor_args=(--floor-url "ws://127.0.0.1:$floor_port/ws" --floor-pid "$floor")
fi
trap 'kill $server ${floor:-} 2>/dev/null || true' EXIT
wait_up "$port" health
taskset -c 1 java -Xmx4g -jar "$bench_jar" capacity --url "ws://127.0.0.1:$port/ws" --snapshot-hz "$hz" \
  --max-clients "$max" --seconds 10 --warmup 3 --server-pid "$server" "${floor_args[@]}" --json "$out" 2>&1 \
  | grep -v INFO | tee "${out%.json}.txt"
