#!/usr/bin/env bash
# Profiles a Tickcast server under the arena load: the server pinned to CPU 0, the bots to CPU 1.
# async-profiler (from Maven Central, tools.profiler:async-profiler) samples CPU time with native and
# kernel frames; strace counts system calls; /proc counts context switches.
# Usage: bench/scripts/profile.sh SERVER_JAR CLIENTS OUT_PREFIX [server flags...]
# Writes OUT_PREFIX.collapsed (folded stacks), OUT_PREFIX.perf.txt, OUT_PREFIX.arena.txt/.json and
# OUT_PREFIX.summary.txt (python3 bench/scripts/profile-summary.py).
set -euo pipefail
server_jar=$1; clients=$2; out=$3; shift 3
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/../.." && pwd)
bench_jar=$root/bench/target/tickcast-bench.jar
ap_version=4.1
ap_jar=$HOME/.m2/repository/tools/profiler/async-profiler/$ap_version/async-profiler-$ap_version.jar
[ -f "$ap_jar" ] || mvn -q dependency:get -Dartifact=tools.profiler:async-profiler:$ap_version
ap_dir=$(mktemp -d); (cd "$ap_dir" && unzip -q "$ap_jar" 'linux-x64/*')
lib=$ap_dir/linux-x64/libasyncProfiler.so
port=$((18300 + RANDOM % 500))
limits="--handshakes-per-second 100000 --max-connections-per-address 100000 --matchmakes-per-second 100000
  --max-unclaimed-seats-per-address 100000 --max-unclaimed-seats 100000 --max-rooms 100000 --max-pending-connections 100000 --max-pending-connections-per-address 100000"
chunks=$(mktemp -d)
# the agent starts with the JVM and writes one folded-stack file every 5 s; the files of the measured
# window are merged below (attaching later with jcmd is not possible in this sandbox)
taskset -c 0 java -agentpath:"$lib"=start,event=cpu,interval=1ms,loop=5s,collapsed,file="$chunks/%t.collapsed" \
  -jar "$server_jar" --host 127.0.0.1 --port "$port" $limits "$@" > "$out.server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
taskset -c 1 java -jar "$bench_jar" arena --url "ws://127.0.0.1:$port/ws" --rooms $((clients / 16)) --players 16 \
  --warmup 10 --seconds 20 --server-pid "$server" --json "$out.arena.json" > "$out.arena.txt" 2>&1 &
bench=$!
for _ in $(seq 1 300); do grep -q "bots joined" "$out.arena.txt" 2>/dev/null && break; sleep 0.2; done
joined=$(date +%s)
sleep 17
perf stat -x, -e task-clock,context-switches,raw_syscalls:sys_enter,syscalls:sys_enter_write,syscalls:sys_enter_writev,syscalls:sys_enter_sendto,syscalls:sys_enter_read,syscalls:sys_enter_recvfrom,syscalls:sys_enter_epoll_wait,syscalls:sys_enter_epoll_pwait,syscalls:sys_enter_futex,syscalls:sys_enter_timerfd_settime \
  -p "$server" -o "$out.perf.txt" -- sleep 10
wait $bench
kill $server; wait $server 2>/dev/null || true
: > "$out.collapsed"
for f in "$chunks"/*.collapsed; do
  m=$(stat -c %Y "$f")
  # the 10 s before perf stat starts (its tracepoints would show in the profile)
  if [ "$m" -gt $((joined + 6)) ] && [ "$m" -le $((joined + 17)) ]; then cat "$f" >> "$out.collapsed"; fi
done
python3 "$here/profile-summary.py" "$out.collapsed" "$out.perf.txt" "$out.arena.json" > "$out.summary.txt"
cat "$out.summary.txt"
