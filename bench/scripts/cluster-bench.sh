#!/usr/bin/env bash
# The arena load through nginx against one node, then against two clustered nodes, each process
# pinned to its own core (issue 12, "Measure"). Everything stays on 127.0.0.1.
#
#   mvn -q package -DskipTests            # builds server/target/tickcast-server.jar and bench/target/tickcast-bench.jar
#   bench/scripts/cluster-bench.sh [ROOMS] [PLAYERS] [SECONDS]     # default 16 rooms x 16 players, 30 s
#
# Needs 4 cores or more (node a: core 0, node b: core 1, nginx: core 2, bots: cores 3-), Debian's
# nginx (/usr/sbin/nginx), taskset (util-linux) and python3. Writes bench/results/cluster-*.json
# and prints, per run: players per node, server CPU per node and per player, nginx CPU, and the
# bytes per second that crossed the cluster (Hazelcast and event-bus sockets) in the measured window.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOMS=${1:-16}
PLAYERS=${2:-16}
SECONDS_MEASURED=${3:-30}
WARMUP=5
# cores of node a, node b, nginx and the bots (override for a smaller machine, e.g. CORES_BOTS=0-1)
CORE_A=${CORE_A:-0}; CORE_B=${CORE_B:-1}; CORE_NGINX=${CORE_NGINX:-2}; CORES_BOTS=${CORES_BOTS:-3-}
WINDOW=$(( SECONDS_MEASURED > 14 ? 10 : SECONDS_MEASURED / 2 ))
JAR=server/target/tickcast-server.jar
BENCH=bench/target/tickcast-bench.jar
OUT=bench/results
WORK=$(mktemp -d)
PROXY=18000; HTTP_A=18081; HTTP_B=18082; HZ_A=15701; HZ_B=15702
SECRET=$(head -c 24 /dev/urandom | base64)
LIMITS="--handshakes-per-second 100000 --max-connections-per-address 100000 --matchmakes-per-second 100000
  --max-unclaimed-seats-per-address 100000 --max-unclaimed-seats 100000 --max-rooms 100000 --max-pending-connections-per-address 100000"
HZ_FLAGS="--add-modules java.se --add-exports java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens java.management/sun.management=ALL-UNNAMED --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

cpu_ticks() { # utime + stime of PID and its children (nginx's worker), in clock ticks
  local t=0 c
  for c in "$1" $(pgrep -P "$1" || true); do t=$((t + $(awk '{print $14 + $15}' "/proc/$c/stat"))); done
  echo "$t"
}
cluster_bytes() { # bytes received by PID on TCP sockets that are neither its HTTP port nor nginx's
  ss -tnpi 2>/dev/null | python3 -c '
import re, sys
pid, http = sys.argv[1], sys.argv[2]
total, keep = 0, False
for line in sys.stdin:
    if not line.startswith((" ", "\t")):
        keep = ("pid=" + pid + ",") in line and (":" + http + " ") not in line
    elif keep:
        m = re.search(r"bytes_received:(\d+)", line)
        total += int(m.group(1)) if m else 0
print(total)' "$1" "$2"
}

start_nginx() { # $1 $2: the two upstreams (the same one twice for a single node)
  mkdir -p "$WORK/nginx/temp"
  sed -e "s/{{LISTEN}}/127.0.0.1:$PROXY/" -e "s/{{NODE_A}}/$1/" -e "s/{{NODE_B}}/$2/" docs/deploy/nginx.conf \
    > "$WORK/nginx/nginx.conf"
  taskset -c "$CORE_NGINX" /usr/sbin/nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e stderr -g 'daemon off;' &
  pids+=($!); NGINX_PID=$!
}

start_node() { # name core http hz cluster-args...
  local name=$1 core=$2 http=$3 hz=$4; shift 4
  # shellcheck disable=SC2086
  taskset -c "$core" java $HZ_FLAGS -jar "$JAR" --port "$http" --host 127.0.0.1 --event-loops 2 \
    --public-url "http://127.0.0.1:$PROXY/node/$name" --trusted-proxies 127.0.0.1 $LIMITS "$@" \
    > "$WORK/node-$name.log" 2>&1 &
  pids+=($!); eval "PID_$name=$!"
  for _ in $(seq 1 120); do grep -q "Tickcast listening" "$WORK/node-$name.log" && return; sleep 0.5; done
  echo "node $name did not start:"; cat "$WORK/node-$name.log"; exit 1
}

players_per_node() {
  curl -s "http://127.0.0.1:$PROXY/rooms" | python3 -c '
import json, sys, collections
c = collections.Counter()
for r in json.load(sys.stdin):
    c[r["node"]] += r["players"]
print(" ".join(f"{k}={v}" for k, v in sorted(c.items())))'
}

run() { # label pid...
  local label=$1; shift
  local before=() bytes0=() n=0
  for p in "$@" "$NGINX_PID"; do before+=("$(cpu_ticks "$p")"); done
  local t0; t0=$(date +%s.%N)
  taskset -c "$CORES_BOTS" java -jar "$BENCH" arena --url "ws://127.0.0.1:$PROXY/ws" --rooms "$ROOMS" --players "$PLAYERS" \
    --seconds "$SECONDS_MEASURED" --warmup "$WARMUP" --json "$OUT/cluster-$label.json" 2>&1 | tee "$WORK/bench-$label.log" &
  local bench=$!
  for _ in $(seq 1 240); do grep -q "bots joined" "$WORK/bench-$label.log" 2>/dev/null && break; sleep 0.5; done
  sleep $((WARMUP + 1))   # measurement window of the cluster traffic: inside the bench's measured seconds
  echo "[$label] players per node: $(players_per_node)"
  local http_ports=("$HTTP_A" "$HTTP_B") i=0 b0=()
  for p in "$@"; do b0+=("$(cluster_bytes "$p" "${http_ports[$i]}")"); i=$((i + 1)); done
  sleep "$WINDOW"
  i=0
  for p in "$@"; do
    echo "[$label] node pid $p: cluster bytes received in $WINDOW s of steady play: $(( $(cluster_bytes "$p" "${http_ports[$i]}") - b0[i] ))"
    i=$((i + 1))
  done
  wait "$bench"
  local wall; wall=$(echo "$(date +%s.%N) - $t0" | bc)
  local hz; hz=$(getconf CLK_TCK)
  n=0
  for p in "$@" "$NGINX_PID"; do
    local cpu; cpu=$(echo "($(cpu_ticks "$p") - ${before[$n]}) / $hz / $wall" | bc -l)
    printf '[%s] pid %s CPU s/s %.3f (ms per s per player of the whole load: %.3f)\n' "$label" "$p" "$cpu" \
      "$(echo "$cpu * 1000 / ($ROOMS * $PLAYERS)" | bc -l)"
    n=$((n + 1))
  done
  echo "[$label] (the last pid is nginx, master and worker; a node's CPU per own player: divide by its players above)"
}

echo "== one node behind nginx"
start_nginx "127.0.0.1:$HTTP_A" "127.0.0.1:$HTTP_A"
start_node a "$CORE_A" "$HTTP_A" "$HZ_A"
run one-node "$PID_a"
cleanup; pids=(); WORK=$(mktemp -d)

echo "== two clustered nodes behind nginx"
start_nginx "127.0.0.1:$HTTP_A" "127.0.0.1:$HTTP_B"
MEMBERS="127.0.0.1:$HZ_A,127.0.0.1:$HZ_B"
start_node a "$CORE_A" "$HTTP_A" "$HZ_A" --cluster --cluster-name "bench-$$" --cluster-port "$HZ_A" --cluster-members "$MEMBERS" \
  --cluster-secret "$SECRET"
start_node b "$CORE_B" "$HTTP_B" "$HZ_B" --cluster --cluster-name "bench-$$" --cluster-port "$HZ_B" --cluster-members "$MEMBERS" \
  --cluster-secret "$SECRET"
run two-nodes "$PID_a" "$PID_b"
