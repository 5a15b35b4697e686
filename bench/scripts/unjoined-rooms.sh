#!/usr/bin/env bash
# The heap held by rooms that matchmaking created and nobody joined (issue 16, item 9): the heap used
# after two full GCs (jcmd GC.run; GC.heap_info), before and after N `POST /matchmake/create/arena`
# on one keep-alive connection, then the top of the class histogram.
# Usage: bench/scripts/unjoined-rooms.sh SERVER_JAR [N=2000] [PORT=18461]
set -euo pipefail
jar=$1; n=${2:-2000}; port=${3:-18461}
log=$(mktemp)
java -Xmx1g -jar "$jar" --host 127.0.0.1 --port "$port" --matchmakes-per-second 100000 \
  --max-unclaimed-seats-per-address 100000 --max-unclaimed-seats 100000 --max-rooms 100000 \
  --seat-timeout-ms 600000 --no-metrics > "$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$port/health" && break; sleep 0.2; done
used() { jcmd $pid GC.run > /dev/null; jcmd $pid GC.run > /dev/null; jcmd $pid GC.heap_info | grep -o 'used [0-9]*K' | head -1 | grep -o '[0-9]*'; }
before=$(used)
python3 - "$port" "$n" <<'PY'
import http.client, sys
port, n = int(sys.argv[1]), int(sys.argv[2])
c = http.client.HTTPConnection("127.0.0.1", port)
ok = 0
for i in range(n):
    c.request("POST", "/matchmake/create/arena", body='{"name":"m%d"}' % i, headers={"Content-Type": "application/json"})
    r = c.getresponse(); r.read()
    ok += r.status == 200
print("rooms created:", ok)
PY
after=$(used)
echo "heap used after full GC: before ${before} KB, after ${after} KB, per room $(( (after - before) * 1024 / n )) bytes"
jcmd $pid GC.class_histogram | head -15
