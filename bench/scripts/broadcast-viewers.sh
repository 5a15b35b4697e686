#!/usr/bin/env bash
# The broadcast viewers bench of issue 22: the real server jar with --record arena and the stock delay
# (10 s) and fragments (4 s), one arena room kept busy by 16 bots (tickcast-bench arena), Debian's nginx
# on docs/deploy/nginx.conf (both nodes: this server), and 100 BroadcastClient viewers in node through
# nginx (bench/scripts/broadcast-viewers.mjs): each viewer's delay behind the room's tick, measured every
# second, against [D, D + F + 1 s]; the origin's GETs per fragment object (tickcast_broadcast_requests_total
# before and after, nginx's X-Cache-Status) against the objects the viewers fetched.
# Usage: bench/scripts/broadcast-viewers.sh [SERVER_JAR] [OUT_DIR] [VIEWERS] [SECONDS] [NOTE]
#   defaults: server/target/tickcast-server.jar, bench/results/recording, 100, 75;
#   writes OUT_DIR/broadcast-viewers.json and .txt.
# Needs: mvn -o package -DskipTests (the server and bench jars), npm ci --prefix client-demo, /usr/sbin/nginx.
# Loopback only; the server, the bots, nginx and the temp dirs go when it ends (bounded: about SECONDS + 60 s).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
server_jar=${1:-$root/server/target/tickcast-server.jar}; out_dir=${2:-$root/bench/results/recording}
viewers=${3:-100}; seconds=${4:-75}; note=${5:-}
bench_jar=$root/bench/target/tickcast-bench.jar
limits="--handshakes-per-second 100000 --max-connections-per-address 100000 --matchmakes-per-second 100000
  --max-unclaimed-seats-per-address 100000 --max-unclaimed-seats 100000"
dir=$(mktemp -d); server=; bots=
cleanup() {
  for p in $bots $server; do kill "$p" 2>/dev/null || true; done
  for p in $bots $server; do wait "$p" 2>/dev/null || true; done
  rm -rf "$dir"
}
trap cleanup EXIT
port=$((19200 + RANDOM % 400))
java -jar "$server_jar" --host 127.0.0.1 --port "$port" --event-loops 2 $limits --record arena \
  --recordings-dir "$dir/rec" > "$dir/server.log" 2>&1 &
server=$!
for _ in $(seq 1 150); do curl -sf -o /dev/null "http://127.0.0.1:$port/health" && break; sleep 0.2; done
# the bots play until the viewers are done: the first fragment publishes after F + D (14 s)
java -jar "$bench_jar" arena --url "ws://127.0.0.1:$port/ws" --rooms 1 --players 16 --warmup 2 \
  --seconds $((seconds + 45)) > "$dir/bots.log" 2>&1 &
bots=$!
mkdir -p "$out_dir"
timeout $((seconds + 90)) node "$root/bench/scripts/broadcast-viewers.mjs" --url "http://127.0.0.1:$port" \
  --viewers "$viewers" --seconds "$seconds" --out "$out_dir/broadcast-viewers" --note "$note" \
  --command "bench/scripts/broadcast-viewers.sh ${server_jar#"$root"/} ${out_dir#"$root"/} $viewers $seconds"
