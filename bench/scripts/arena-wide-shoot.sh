#!/usr/bin/env bash
# Lag compensation's bench (issue 21): Arena-Wide with every bot shooting through an in-process delay,
# at 25, 75, 150 and 300 ms each way (jitter +-10 ms), with the rewind and without (--no-rewind, the
# control), the server pinned to CPU 0 and the bots to CPU 1. A fresh server per run.
# Usage: bench/scripts/arena-wide-shoot.sh SERVER_JAR [OUT_DIR] [PLAYERS] [arena-wide flags...]
# Writes OUT_DIR (default bench/results/arena-wide-shoot)/d<delay>-<rewind|present>.json, .txt, .server.log
# and .cmd (the command line). PLAYERS defaults to 100: every bot decodes and draws (a smoke of 100 bots
# pinned to CPU 1 took 1.5 ms of it per bot-second, 0.15 of the core, relay included).
# Environment: DELAYS (default "25 75 150 300"), WARMUP_S (10) and WINDOW_S (30), for a shorter smoke.
set -euo pipefail
server_jar=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${2:-$root/bench/results/arena-wide-shoot}
players=${3:-100}
shift $(( $# < 3 ? $# : 3 ))
bench_jar=$root/bench/target/tickcast-bench.jar
jitter=10
mkdir -p "$out"
limits="--handshakes-per-second 100000 --max-connections-per-address 100000 --matchmakes-per-second 100000
  --max-unclaimed-seats-per-address 100000 --max-unclaimed-seats 100000 --max-rooms 100000 --max-pending-connections 100000
  --max-pending-connections-per-address 100000"
wait_up() { for _ in $(seq 1 150); do curl -s -o /dev/null "http://127.0.0.1:$1/$2" && return 0; sleep 0.2; done; return 1; }
for delay in ${DELAYS:-25 75 150 300}; do
  for mode in rewind present; do
    name=$out/d$delay-$mode
    flag=(); [ "$mode" = present ] && flag=(--no-rewind)
    port=$((18400 + RANDOM % 400))
    taskset -c 0 java -jar "$server_jar" --host 127.0.0.1 --port "$port" $limits > "$name.server.log" 2>&1 &
    server=$!
    wait_up "$port" health
    cmd=(taskset -c 1 java -jar "$bench_jar" arena-wide --url "ws://127.0.0.1:$port/ws" --players "$players"
      --warmup "${WARMUP_S:-10}" --seconds "${WINDOW_S:-30}" --server-pid "$server" --no-check --shoot --delay-ms "$delay" --jitter-ms "$jitter"
      "${flag[@]}" --json "$name.json" "$@")
    echo "${cmd[*]}" > "$name.cmd"
    "${cmd[@]}" 2>&1 | grep -v INFO | tee "$name.txt"
    kill "$server"; wait "$server" 2>/dev/null || true
  done
done
