#!/usr/bin/env bash
# Memory of GET /api/events?limit=5 on a store with a large event log, with the heap cap of the shipped unit
# (systemd/jit-api.service JIT_JAVA_OPTS). Builds a log of SIZE_MB (default 1024) MiB, starts the server,
# sends ROUNDS (default 5) rounds of 4 concurrent requests and prints the peak RSS (VmHWM from /proc) and the
# RSS before and after. Usage: bench/events-memory.sh [jar=jit-server/target/jit-server.jar] [size_mb] [rounds]
# Run it on two builds (e.g. a temp clone at an older commit) to compare them.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${1:-jit-server/target/jit-server.jar}
SIZE_MB=${2:-1024}
ROUNDS=${3:-5}
[ -f "$JAR" ] || { echo "missing $JAR: build it with mvn -B -q -pl jit-server -am package -DskipTests" >&2; exit 1; }
# The unit's options, read from the unit itself so the figure follows it.
OPTS=$(sed -n 's/^Environment="JIT_JAVA_OPTS=\(.*\)"$/\1/p' systemd/jit-api.service)
[ -n "$OPTS" ] || { echo "no JIT_JAVA_OPTS in systemd/jit-api.service" >&2; exit 1; }

WORK=$(mktemp -d)
PID=
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

echo "building a $SIZE_MB MiB event log..." >&2
mkdir -p "$WORK/store/issues"
printf '{\n  "schema_version": 1,\n  "all_ids": []\n}\n' > "$WORK/store/index.json"
printf '{\n  "gates": {}\n}\n' > "$WORK/store/gates.json"
python3 - "$WORK/store/events.jsonl" "$SIZE_MB" <<'PY'
import sys
path, mb = sys.argv[1], int(sys.argv[2])
line = ('{"type":"issue_updated","id":"0b6f6f1e-2d1c-4c57-9d2e-6f3c1c1f5a10","issue_id":'
        '"9a1e2b3c-4d5e-4f60-8a7b-1c2d3e4f5a6b","timestamp":"2026-01-31T12:00:00.000Z","fields":["title"],'
        '"actor":"agent:bench"}\n').encode()
block = line * ((1 << 20) // len(line) + 1)
target = mb << 20
with open(path, 'wb') as f:
    written = 0
    while written + len(block) <= target:
        f.write(block); written += len(block)
    while written + len(line) <= target:
        f.write(line); written += len(line)
PY
ls -l "$WORK/store/events.jsonl" | awk '{printf "log: %d bytes\n", $5}'

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
# shellcheck disable=SC2086 # the options are words
JIT_LOG_LEVEL=warn java $OPTS -jar "$JAR" --port "$PORT" --data-dir "$WORK/store" > "$WORK/server.log" 2>&1 &
PID=$!
for _ in $(seq 1 150); do curl -sf "http://127.0.0.1:$PORT/api/health" >/dev/null && break; sleep 0.2; done
curl -sf -o /dev/null "http://127.0.0.1:$PORT/api/status" || true
rss() { awk -v k="$1:" '$1 == k {print $2}' "/proc/$PID/status" 2>/dev/null || echo gone; }
echo "jvm options: $OPTS"
echo "before: rss=$(rss VmRSS) kB peak=$(rss VmHWM) kB"
for r in $(seq 1 "$ROUNDS"); do
  codes=()
  start=$(date +%s.%N)
  for _ in 1 2 3 4; do
    curl -s -o /dev/null -w '%{http_code}\n' --max-time 120 "http://127.0.0.1:$PORT/api/events?limit=5" > "$WORK/code.$_" &
  done
  wait $(jobs -p | grep -v "^$PID$") 2>/dev/null || true
  for f in "$WORK"/code.*; do codes+=("$(cat "$f")"); done
  end=$(date +%s.%N)
  alive=yes; kill -0 "$PID" 2>/dev/null || alive=no
  printf 'round %d: status %s, %.2f s, rss=%s kB peak=%s kB, server alive: %s\n' "$r" "${codes[*]}" \
    "$(echo "$end - $start" | bc)" "$(rss VmRSS)" "$(rss VmHWM)" "$alive"
  [ "$alive" = yes ] || { echo "server exited:"; tail -3 "$WORK/server.log"; break; }
done
echo "after: rss=$(rss VmRSS) kB peak=$(rss VmHWM) kB"
