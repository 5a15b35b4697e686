#!/usr/bin/env bash
# Profiles the server under the arena load over one transport: the server pinned to CPU 0 (frame
# pointers kept, its JIT symbols written at exit), the bots to CPU 1; perf samples the server's CPU
# (Java, JVM and kernel frames) for 15 s of the measured window and counts its system calls and
# context switches for 10 s more.
# Usage: [DELAY=s] bench/scripts/http-profile.sh SERVER_JAR TRANSPORT CLIENTS OUT_PREFIX [server flags...]
# (perf starts DELAY seconds after the bots joined, default 12: the JIT's work fades with it)
# Writes OUT_PREFIX.folded (stacks, leaf last), .perf-stat.txt, .arena.txt/.json and .summary.txt.
set -euo pipefail
server_jar=$1; transport=$2; clients=$3; out=$4; shift 4
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/../.." && pwd)
bench_jar=$root/bench/target/tickcast-bench.jar
port=$((18300 + RANDOM % 500))
limits="--handshakes-per-second 100000 --max-connections-per-address 100000 --matchmakes-per-second 100000
  --max-unclaimed-seats-per-address 100000 --max-unclaimed-seats 100000 --max-rooms 100000 --max-pending-connections 100000 --max-pending-connections-per-address 100000"
taskset -c 0 java -XX:+PreserveFramePointer -XX:+UnlockDiagnosticVMOptions -XX:+DumpPerfMapAtExit \
  -jar "$server_jar" --host 127.0.0.1 --port "$port" $limits "$@" > "$out.server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
taskset -c 1 java -jar "$bench_jar" arena --url "ws://127.0.0.1:$port/ws" --transport "$transport" \
  --rooms $((clients / 16)) --players 16 --warmup 10 --seconds $(( ${DELAY:-12} + 18 )) --server-pid "$server" --json "$out.arena.json" \
  > "$out.arena.txt" 2>&1 &
bench=$!
for _ in $(seq 1 300); do grep -q "bots joined" "$out.arena.txt" 2>/dev/null && break; sleep 0.2; done
sleep "${DELAY:-12}"
perf record -F 997 -g -p "$server" -o "$out.perf.data" -- sleep 15 2> /dev/null
perf stat -x, -e task-clock,context-switches,raw_syscalls:sys_enter,syscalls:sys_enter_write,syscalls:sys_enter_writev,syscalls:sys_enter_sendto,syscalls:sys_enter_recvfrom,syscalls:sys_enter_read,syscalls:sys_enter_epoll_wait,syscalls:sys_enter_futex \
  -p "$server" -o "$out.perf-stat.txt" -- sleep 10
wait $bench
kill "$server"; wait "$server" 2>/dev/null || true
trap - EXIT
perf script -i "$out.perf.data" 2>/dev/null | python3 "$here/fold-perf.py" > "$out.folded"
rm -f "$out.perf.data"
python3 "$here/http-profile-summary.py" "$out.folded" "$out.perf-stat.txt" "$out.arena.json" > "$out.summary.txt"
cat "$out.summary.txt"
