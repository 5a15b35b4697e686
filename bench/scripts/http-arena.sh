#!/usr/bin/env bash
# The arena over each transport (websocket, http-stream, http-poll), in one sitting, the order rotated
# each round so that no transport always runs first; the server pinned to CPU 0, the bots to CPU 1, a
# fresh server per run with the load-test limits.
# Usage: bench/scripts/http-arena.sh SERVER_JAR OUT_DIR ROUNDS CLIENTS [WARMUP_S MEASURED_S] [-- server flags...]
# TRANSPORTS="websocket http-stream" runs only those. MAX_OTHER=0.1 runs again a run the machine's other load disturbed. FIRST_ROUND=n numbers the rounds from n (to add rounds to a sitting). Writes OUT_DIR/<transport>-<round>.json and .txt; bench/scripts/http-summary.py OUT_DIR prints the medians.
set -euo pipefail
server_jar=$1; out=$2; rounds=$3; clients=$4; shift 4
warmup=5; seconds=20
if [ $# -ge 2 ] && [ "$1" != "--" ]; then warmup=$1; seconds=$2; shift 2; fi
[ "${1:-}" = "--" ] && shift
root=$(cd "$(dirname "$0")/../.." && pwd)
bench_jar=$root/bench/target/tickcast-bench.jar
limits="--handshakes-per-second 100000 --max-connections-per-address 100000 --matchmakes-per-second 100000
  --max-unclaimed-seats-per-address 100000 --max-unclaimed-seats 100000 --max-rooms 100000 --max-pending-connections 100000 --max-pending-connections-per-address 100000"
# Waits (at most QUIET_MAX_S, default 900) until the machine's other load stays under QUIET_CORES
# (default 0.3) busy cores over 5 s: the cores are shared, and a run beside a build measures the build.
busy() { awk '/^cpu /{print $2+$3+$4+$7+$8+$9}' /proc/stat; }
wait_quiet() {
  local deadline=$(( $(date +%s) + ${QUIET_MAX_S:-900} ))
  while :; do
    local a; a=$(busy); sleep 5; local b; b=$(busy)
    local cores; cores=$(awk -v a="$a" -v b="$b" 'BEGIN{printf "%.2f", (b-a)/100/5}')
    if awk -v c="$cores" -v m="${QUIET_CORES:-0.3}" 'BEGIN{exit !(c < m)}'; then return 0; fi
    if [ "$(date +%s)" -ge "$deadline" ]; then echo "machine still busy ($cores cores); running anyway"; return 0; fi
    echo "machine busy ($cores cores), waiting"
  done
}
wait_up() { for _ in $(seq 1 150); do curl -s -o /dev/null "http://127.0.0.1:$1/$2" && return 0; sleep 0.2; done; return 1; }
mkdir -p "$out"
read -r -a transports <<< "${TRANSPORTS:-websocket http-stream http-poll}"
for round in $(seq "${FIRST_ROUND:-1}" $(( ${FIRST_ROUND:-1} + rounds - 1 ))); do
  n=${#transports[@]}
  for i in $(seq 0 $((n - 1))); do
    transport=${transports[$(( (i + round - 1) % n ))]}
    name=$out/$transport-$round
    for attempt in 1 2 3; do
      wait_quiet
      port=$((18400 + RANDOM % 400))
      taskset -c 0 java -jar "$server_jar" --host 127.0.0.1 --port "$port" $limits "$@" > "$name.server.log" 2>&1 &
      server=$!
      wait_up "$port" health
      taskset -c 1 java -jar "$bench_jar" arena --url "ws://127.0.0.1:$port/ws" --transport "$transport" \
        --rooms $((clients / 16)) --players 16 --warmup "$warmup" --seconds "$seconds" --server-pid "$server" \
        --json "$name.json" 2>&1 | grep -v INFO | tee "$name.txt"
      kill "$server"; wait "$server" 2>/dev/null || true
      # MAX_OTHER=c: a run during which the rest of the machine used more than c cores is run again (3 tries)
      other=$(python3 -c "import json; print(json.load(open('$name.json')).get('otherCpuPerSec', 0))")
      awk -v o="$other" -v m="${MAX_OTHER:-99}" 'BEGIN{exit !(o <= m)}' && break
      echo "other load $other cores during $name: again"
    done
  done
done
