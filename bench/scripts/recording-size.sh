#!/usr/bin/env bash
# Issue 22 "Size": the bytes of an arena recording, live and archived.
# Usage: bench/scripts/recording-size.sh SERVER_JAR OUT_DIR [MINUTES=3]
# Starts the server with --record arena and a temporary --recordings-dir (loopback only), plays 16 arena
# bots in ONE room at the stock 20 Hz snapshots for MINUTES (tickcast-bench arena --rooms 1 --players 16,
# no warm-up: the recording starts with the room), samples the unfinished archive's size every 0.25 s,
# then the bots leave, the room is disposed and its archive finished (keyframes thinned); reads the finished
# file's size and durationMs from GET /recordings and both files with `tickcast-bench recording-stats`.
# Writes OUT_DIR/recording-size.{json,txt,cmd} (and the stats and the arena run beside them).
# SERVER_CPUS / BENCH_CPUS (taskset lists, default 0 and 1) pin the two processes.
set -euo pipefail
[ $# -ge 2 ] || { sed -n 2,10p "$0"; exit 2; }
server_jar=$(realpath "$1"); out=$2; minutes=${3:-3}
root=$(cd "$(dirname "$0")/../.." && pwd)
bench_jar=$root/bench/target/tickcast-bench.jar
server_cpus=${SERVER_CPUS:-0}; bench_cpus=${BENCH_CPUS:-1}
mkdir -p "$out"; out=$(realpath "$out")
echo "bench/scripts/recording-size.sh $* # $(date -u +%FT%TZ), $(git -C "$root" rev-parse --short HEAD 2>/dev/null)" \
  > "$out/recording-size.cmd"
tmp=$(mktemp -d /tmp/tc-recsize.XXXXXX)
server=; sampler=; bench=
cleanup() {
  for p in $bench $sampler $server; do kill "$p" 2>/dev/null || true; done
  for p in $bench $sampler $server; do wait "$p" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
limits="--handshakes-per-second 100000 --max-connections-per-address 100000 --matchmakes-per-second 100000
  --max-unclaimed-seats-per-address 100000 --max-unclaimed-seats 100000 --max-rooms 100000
  --max-pending-connections 100000 --max-pending-connections-per-address 100000"
port=$((19200 + RANDOM % 400))
taskset -c "$server_cpus" java -jar "$server_jar" --host 127.0.0.1 --port "$port" $limits \
  --record arena --recordings-dir "$tmp/rec" > "$tmp/server.log" 2>&1 &
server=$!
up=0; for _ in $(seq 1 150); do curl -s -o /dev/null "http://127.0.0.1:$port/health" && { up=1; break; }; sleep 0.2; done
[ $up = 1 ] || { echo "server did not start:"; tail -20 "$tmp/server.log"; exit 1; }
python3 "$root/bench/scripts/recording-size.py" sample "$tmp/rec" "$tmp/samples.csv" "$tmp/live.tcrec" &
sampler=$!
seconds=$((minutes * 60))
timeout $((seconds + 180)) taskset -c "$bench_cpus" java -jar "$bench_jar" arena --url "ws://127.0.0.1:$port/ws" \
  --rooms 1 --players 16 --warmup 0 --seconds "$seconds" --server-pid "$server" \
  --json "$out/recording-size-arena.json" > "$out/recording-size-arena.txt" 2>&1 &
bench=$!
wait "$bench" || { echo "the load failed:"; tail -20 "$out/recording-size-arena.txt"; exit 1; }
bench=
# the bots left: the room is disposed and its archive finished; GET /recordings lists finished archives only
for _ in $(seq 1 120); do
  curl -s "http://127.0.0.1:$port/recordings" > "$tmp/recordings.json" || true
  grep -q '"durationMs"' "$tmp/recordings.json" && break
  sleep 0.5
done
sleep 1  # a last sample of the finished file
kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true; sampler=
cp "$tmp/recordings.json" "$out/recording-size-recordings.json"
finished=$(ls "$tmp"/rec/*.tcrec 2>/dev/null | head -1)
[ -f "$tmp/live.tcrec" ] && java -jar "$bench_jar" recording-stats "$tmp/live.tcrec" \
  --json "$out/recording-size-live-stats.json" > /dev/null
[ -n "$finished" ] && java -jar "$bench_jar" recording-stats "$finished" \
  --json "$out/recording-size-archived-stats.json" > /dev/null
cp "$tmp/samples.csv" "$out/recording-size-samples.csv"
python3 "$root/bench/scripts/recording-size.py" summary "$tmp/samples.csv" "$tmp/recordings.json" \
  "$out/recording-size-live-stats.json" "$out/recording-size-archived-stats.json" \
  "$out/recording-size.json" "$out/recording-size.txt"
