#!/usr/bin/env bash
# Worst-case regex search time over HTTP: an issue whose description is N a's followed by a b, searched with
# a backtracking pattern via GET /api/search?regex=true, on this build and (optionally) an older one in the
# same run. The pattern is (.*a){10}x (about N^10 steps for a backtracking engine): Java 17's
# java.util.regex memoizes the classic (a+)+$, so that one is no longer slow there. After a request the client gives up on (--max-time), the server's CPU use over
# the next 10 s shows whether a thread is still backtracking.
# Usage: bench/regex-worst.sh [n=60] [other-jar] ; this build: jit-server/target/jit-server.jar
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-60}
OTHER=${2:-}
MAX=30
WORK=$(mktemp -d)
PID=
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
cpu() { awk '{print $14 + $15}' "/proc/$PID/stat"; } # utime + stime, clock ticks
TICK=$(getconf CLK_TCK)

run() {
  local jar=$1 label=$2 port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  rm -rf "$WORK/store"
  JIT_API_TOKEN=bench JIT_LOG_LEVEL=warn java -jar "$jar" --init --port "$port" --data-dir "$WORK/store" \
    > "$WORK/server.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 150); do curl -sf "http://127.0.0.1:$port/api/health" >/dev/null && break; sleep 0.2; done
  local desc
  desc=$(python3 -c "print('a' * $N + 'b')")
  curl -sf -o /dev/null -H 'Authorization: Bearer bench' -H 'Content-Type: application/json' \
    -d "{\"title\":\"worst case\",\"description\":\"$desc\"}" "http://127.0.0.1:$port/api/issues"
  curl -sf -o /dev/null "http://127.0.0.1:$port/api/search?q=warm&regex=true"
  local out
  out=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' --max-time "$MAX" \
    "http://127.0.0.1:$port/api/search?regex=true&q=%28.%2Aa%29%7B10%7Dx" || true)
  local before after
  before=$(cpu); sleep 10; after=$(cpu)
  printf '%-10s n=%-6s status+seconds: %-22s server CPU in the 10 s after: %.1f s\n' "$label" "$N" \
    "${out:-timeout}" "$(echo "($after - $before) / $TICK" | bc -l)"
  kill "$PID"; wait "$PID" 2>/dev/null || true; PID=
}

run jit-server/target/jit-server.jar "this build"
[ -n "$OTHER" ] && run "$OTHER" "other"
