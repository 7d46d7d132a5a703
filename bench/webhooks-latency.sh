#!/usr/bin/env bash
# Write latency of jit-server with and without dead webhook endpoints, in alternating rounds of one run:
# "none" has no webhooks file; "dead" has one endpoint whose port refuses connections (retried every 10-50 ms,
# the busiest a failing endpoint gets: an attempt and a state save each time) and one that accepts and never
# answers (1 s timeout), both for every event. wrk POSTs issues over 4 connections (writes serialise on the
# store lock). Usage: bench/webhooks-latency.sh [seconds=10] [rounds=2] [retry=fast|default]
# (default: the shipped backoff, 1 s doubling to 5 min, instead of 10-50 ms).
# Needs: jit-server/target/jit-server.jar (mvn -B -q -pl jit-server -am package -DskipTests), wrk, curl, python3.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-10}
ROUNDS=${2:-2}
RETRY='"retry": {"initial_ms": 10, "max_ms": 50},'
[ "${3:-fast}" = default ] && RETRY=''
JAR=jit-server/target/jit-server.jar
[ -f "$JAR" ] || { echo "missing $JAR" >&2; exit 1; }
WORK=$(mktemp -d)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT
export JIT_BENCH_TOKEN=bench-token
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_up() { for _ in $(seq 1 100); do curl -sf "$1" >/dev/null && return 0; sleep 0.2; done; echo "not up: $1" >&2; exit 1; }

# A listener that accepts connections and never answers.
HOLE=$(free_port)
python3 -c "
import socket, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(('127.0.0.1', $HOLE)); s.listen(128)
held = []
while True:
    c, _ = s.accept(); held.append(c)
" &
PIDS+=($!)
REFUSED=$(free_port) # nothing listens there
cat > "$WORK/dead.json" <<JSON
{$RETRY
 "endpoints": [
  {"id": "refused", "url": "http://127.0.0.1:$REFUSED/hook", "secret": "bench-secret-0123456789"},
  {"id": "blackhole", "url": "http://127.0.0.1:$HOLE/hook", "secret": "bench-secret-0123456789", "timeout_seconds": 1}]}
JSON

round() { # $1 = none|dead
  local store=$WORK/store-$1-$2 port args=()
  port=$(free_port)
  [ "$1" = dead ] && args=(--webhooks "$WORK/dead.json")
  JIT_API_TOKEN=$JIT_BENCH_TOKEN JIT_LOG_LEVEL=warn java -Xmx512m -jar "$JAR" --init --port "$port" \
    --data-dir "$store" "${args[@]}" &
  local pid=$!
  wait_up "http://127.0.0.1:$port/api/health"
  wrk -t1 -c4 -d3s -s bench/post-issue.lua "http://127.0.0.1:$port/api/issues" >/dev/null # warm-up
  printf '%-5s round %s: ' "$1" "$2"
  wrk -t2 -c4 -d"${DURATION}s" --latency -s bench/post-issue.lua "http://127.0.0.1:$port/api/issues" \
    | awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /Non-2xx/ {bad=$NF}
           END {printf "%s req/s, p50 %s, p99 %s%s\n", rps, p50, p99, bad ? ", non-2xx " bad : ""}'
  if [ "$1" = dead ]; then
    curl -s -H "Authorization: Bearer $JIT_BENCH_TOKEN" "http://127.0.0.1:$port/api/webhooks" | python3 -c '
import json, sys
for w in json.load(sys.stdin)["webhooks"]:
    print("        %s: %d failed attempts, %d bytes behind" % (w["id"], w["failed_attempts"], w["backlog_bytes"]))'
  fi
  kill "$pid"; wait "$pid" || true
}
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq 1 "$ROUNDS"); do round none "$r"; round dead "$r"; done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
