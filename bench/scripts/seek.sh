#!/usr/bin/env bash
# The seek bench of issue 22: makes a 30-minute arena recording (tickcast-bench make-recording: a
# LocalRoom with 16 seeded moving bots, the server recorder's rules, keyframes thinned to one per 30 s),
# starts the server jar with --recordings-dir on it, and times random seeks in headless Chromium
# (bench/scripts/seek.mjs: in memory and by HTTP Range), p50/p95/max.
# Usage: bench/scripts/seek.sh [OUT_PREFIX] [SEEKS] [SEED] [NOTE]
#   default OUT_PREFIX bench/results/recording/seek-30min; writes OUT_PREFIX.json and .txt.
# Needs: mvn -o package -DskipTests (server/target/tickcast-server.jar, bench/target/tickcast-bench.jar),
# npm ci --prefix client-demo (playwright-core), /usr/bin/chromium.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$root/bench/results/recording/seek-30min}; seeks=${2:-200}; seed=${3:-1}; note=${4:-}
server_jar=$root/server/target/tickcast-server.jar
bench_jar=$root/bench/target/tickcast-bench.jar
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
java -jar "$bench_jar" make-recording --dir "$dir/rec" --minutes 30 --players 16 --seed "$seed" > "$dir/make.txt"
id=$(head -1 "$dir/make.txt"); made=$(tail -1 "$dir/make.txt" | sed "s|$dir/rec/||")
port=$((18800 + RANDOM % 400))
java -jar "$server_jar" --host 127.0.0.1 --port "$port" --recordings-dir "$dir/rec" > "$dir/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -rf "$dir"' EXIT
for _ in $(seq 1 150); do curl -sf -o /dev/null "http://127.0.0.1:$port/recordings" && break; sleep 0.2; done
mkdir -p "$(dirname "$out")"
node "$root/bench/scripts/seek.mjs" --url "http://127.0.0.1:$port" --id "$id" --seeks "$seeks" --seed "$seed" \
  --out "$out" --make "make-recording --minutes 30 --players 16 --seed $seed: $made" \
  --command "bench/scripts/seek.sh ${out#"$root"/} $seeks $seed" --note "$note"
