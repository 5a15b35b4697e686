#!/usr/bin/env bash
# Issue 22 "CPU": the 1,024-client arena run (64 rooms x 16, 20 Hz) without and with --record arena, alternated
# in one sitting (off, on, off, on, ...), each on a fresh server pinned to CPU 0 with the bots on CPU 1 (as
# arena-pinned.sh). Reports the server's CPU per client-second and its snapshot encodes per broadcast over the
# measured window (tickcast-bench arena --encodes-url: the server's /metrics counters), per run and as medians.
# Usage: bench/scripts/recording-cpu.sh SERVER_JAR OUT_DIR [server flags...]
# Environment: ROUNDS (2: one round is an off run then an on run), WARMUP (10 s), MEASURE (30 s measured),
# CLIENTS (1024), SERVER_CPUS (0), BENCH_CPUS (1), NOTE (a label put in the JSON and txt, e.g. "indicative:
# shared machine"). Writes OUT_DIR/recording-cpu.{json,txt,cmd} and the runs' off-N.* / on-N.* beside them.
# Loopback only; every process it starts and its temporary recordings folder are gone when it ends.
set -euo pipefail
[ $# -ge 2 ] || { sed -n 2,10p "$0"; exit 2; }
server_jar=$(realpath "$1"); out=$2; shift 2
root=$(cd "$(dirname "$0")/../.." && pwd)
bench_jar=$root/bench/target/tickcast-bench.jar
rounds=${ROUNDS:-2}; warmup=${WARMUP:-10}; seconds=${MEASURE:-30}
clients=${CLIENTS:-1024}; server_cpus=${SERVER_CPUS:-0}; bench_cpus=${BENCH_CPUS:-1}
mkdir -p "$out"; out=$(realpath "$out")
echo "ROUNDS=$rounds WARMUP=$warmup MEASURE=$seconds CLIENTS=$clients NOTE='${NOTE:-}' bench/scripts/recording-cpu.sh" \
  "$server_jar $out $* # $(date -u +%FT%TZ), $(git -C "$root" rev-parse --short HEAD 2>/dev/null)" > "$out/recording-cpu.cmd"
tmp=$(mktemp -d /tmp/tc-reccpu.XXXXXX)
server=; bench=
stop() {
  for p in $bench $server; do kill "$p" 2>/dev/null || true; done
  for p in $bench $server; do wait "$p" 2>/dev/null || true; done
  bench=; server=
}
trap 'stop; rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
limits="--handshakes-per-second 100000 --max-connections-per-address 100000 --matchmakes-per-second 100000
  --max-unclaimed-seats-per-address 100000 --max-unclaimed-seats 100000 --max-rooms 100000
  --max-pending-connections 100000 --max-pending-connections-per-address 100000"
run() { # MODE N
  local mode=$1 n=$2 port rec=() up=0
  shift 2
  port=$((19600 + RANDOM % 400))
  [ "$mode" = on ] && rec=(--record arena --recordings-dir "$tmp/rec-$n")
  taskset -c "$server_cpus" java -jar "$server_jar" --host 127.0.0.1 --port "$port" $limits "${rec[@]}" "$@" \
    > "$tmp/server-$mode-$n.log" 2>&1 &
  server=$!
  for _ in $(seq 1 150); do curl -s -o /dev/null "http://127.0.0.1:$port/health" && { up=1; break; }; sleep 0.2; done
  [ $up = 1 ] || { echo "server did not start:"; tail -20 "$tmp/server-$mode-$n.log"; exit 1; }
  cat /proc/loadavg > "$out/$mode-$n.loadavg"
  timeout $((warmup + seconds + 300)) taskset -c "$bench_cpus" java -jar "$bench_jar" arena \
    --url "ws://127.0.0.1:$port/ws" --rooms $((clients / 16)) --players 16 --warmup "$warmup" --seconds "$seconds" \
    --server-pid "$server" --encodes-url "http://127.0.0.1:$port/metrics" --json "$out/$mode-$n.json" 2>&1 \
    | grep -v INFO > "$out/$mode-$n.txt" &
  bench=$!
  if ! wait "$bench"; then # kept as a failed run (the summary lists it); the sitting goes on
    echo "the load failed ($mode-$n):"; grep -m3 -E 'Exception|error' "$out/$mode-$n.txt" || tail -5 "$out/$mode-$n.txt"
    grep -m1 -E 'Exception' "$out/$mode-$n.txt" > "$out/$mode-$n.failed" || echo failed > "$out/$mode-$n.failed"
    rm -f "$out/$mode-$n.json"
  fi
  bench=
  if [ "$mode" = on ]; then # the bots left: the archives are finished; count them (bounded)
    for _ in $(seq 1 60); do
      curl -s "http://127.0.0.1:$port/recordings" > "$out/$mode-$n.recordings.json" || true
      [ "$(grep -o '"durationMs"' "$out/$mode-$n.recordings.json" | wc -l)" -ge $((clients / 16)) ] && break
      sleep 0.5
    done
  fi
  stop
  rm -rf "$tmp/rec-$n"
  [ -f "$out/$mode-$n.failed" ] || echo "$mode-$n: $(grep -E 'server CPU|encodes over' "$out/$mode-$n.txt" | tr '\n' ' ')"
}
for n in $(seq 1 "$rounds"); do
  run off "$n" "$@"
  run on "$n" "$@"
done
python3 "$root/bench/scripts/recording-cpu.py" "$out" "${NOTE:-}"
