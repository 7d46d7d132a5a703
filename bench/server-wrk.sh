#!/usr/bin/env bash
# Benchmarks jit-server with wrk on a 10,000-issue store (bench/GenerateStore.java), beside a hello-world
# Javalin endpoint (the ceiling) measured in the same run. Usage: bench/server-wrk.sh [issues] [seconds] [conns]
# Needs: jit-server/target/jit-server.jar (mvn -B -q -pl jit-server -am package -DskipTests), wrk, curl.
set -euo pipefail
cd "$(dirname "$0")/.."
ISSUES=${1:-10000}
DURATION=${2:-10}
CONNS=${3:-32}
JAR=jit-server/target/jit-server.jar
[ -f "$JAR" ] || { echo "missing $JAR: build it with mvn -B -q -pl jit-server -am package -DskipTests" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }

WORK=$(mktemp -d)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT
JVM_OPTS=(-Xmx1g -XX:+UseParallelGC)
export JIT_BENCH_TOKEN=bench-token
export JIT_BENCH_IDS=$WORK/ids.txt

echo "generating $ISSUES issues..." >&2
java -cp "$JAR" bench/GenerateStore.java "$WORK/store" "$ISSUES"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_up() { for _ in $(seq 1 100); do curl -sf "$1" >/dev/null && return 0; sleep 0.2; done; echo "not up: $1" >&2; exit 1; }

HELLO_PORT=$(free_port)
java "${JVM_OPTS[@]}" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$JAR" bench/HelloJavalin.java "$HELLO_PORT" &
PIDS+=($!)
API_PORT=$(free_port)
JIT_API_TOKEN=$JIT_BENCH_TOKEN JIT_LOG_LEVEL=warn java "${JVM_OPTS[@]}" -jar "$JAR" --port "$API_PORT" \
  --data-dir "$WORK/store" &
PIDS+=($!)
wait_up "http://127.0.0.1:$HELLO_PORT/hello"
wait_up "http://127.0.0.1:$API_PORT/api/health"
# The server loads the whole store into its snapshot at start; the first read waits for that load.
curl -s -o /dev/null -w "first read after start (waits for the $ISSUES-issue load): %{time_total} s\n" \
  "http://127.0.0.1:$API_PORT/api/status"
# Ids for the random-read script, through the API (1,000 of them).
curl -s "http://127.0.0.1:$API_PORT/api/issues?limit=1000" \
  | python3 -c 'import json,sys; print("\n".join(i["id"] for i in json.load(sys.stdin)["issues"]))' > "$JIT_BENCH_IDS"
ID=$(head -1 "$JIT_BENCH_IDS")

# name, url, optional wrk script, optional connection count
run() {
  local name=$1 url=$2 script=${3:-} conns=${4:-$CONNS}
  local args=(-t2 -c"$conns" --latency)
  [ -n "$script" ] && args+=(-s "$script")
  local out
  out=$(wrk "${args[@]}" -d"${DURATION}s" "$url")
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  local errors
  errors=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  printf '%-34s %12s req/s   p50 %9s   p99 %9s%s\n' "$name" "$rps" "$p50" "$p99" "${errors:+   non-2xx: $errors}"
}

# Warm every endpoint (JIT compilation) before measuring any of them.
for url in "http://127.0.0.1:$HELLO_PORT/hello" "http://127.0.0.1:$API_PORT/api/issues/$ID" \
    "http://127.0.0.1:$API_PORT/api/issues?limit=100" "http://127.0.0.1:$API_PORT/api/status"; do
  wrk -t2 -c"$CONNS" -d3s "$url" >/dev/null
done
wrk -t2 -c"$CONNS" -d3s -s bench/random-issue.lua "http://127.0.0.1:$API_PORT" >/dev/null

echo "wrk -t2 -c$CONNS -d${DURATION}s, $ISSUES issues, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
run "hello-world Javalin (ceiling)" "http://127.0.0.1:$HELLO_PORT/hello"
run "GET /api/issues/{id} (fixed id)" "http://127.0.0.1:$API_PORT/api/issues/$ID"
run "GET /api/issues/{id} (random ids)" "http://127.0.0.1:$API_PORT" bench/random-issue.lua
run "GET /api/issues?limit=100" "http://127.0.0.1:$API_PORT/api/issues?limit=100"
run "GET /api/status" "http://127.0.0.1:$API_PORT/api/status"
run "GET /api/issues?limit=100 (4 conns)" "http://127.0.0.1:$API_PORT/api/issues?limit=100" "" 4
# The ceiling again, so load from other processes during the run shows up as a spread between the two.
run "hello-world Javalin (again)" "http://127.0.0.1:$HELLO_PORT/hello"
# Writes serialise on the store lock, so a few connections saturate them (more only queue up).
run "POST /api/issues (4 connections)" "http://127.0.0.1:$API_PORT/api/issues" bench/post-issue.lua 4

# Freshness cost: the first list read after a write refreshes the snapshot from the event log.
for _ in $(seq 1 20); do
  curl -s -o /dev/null -X POST -H "Authorization: Bearer $JIT_BENCH_TOKEN" -H 'Content-Type: application/json' \
    -d '{"title":"refresh probe"}' "http://127.0.0.1:$API_PORT/api/issues"
  curl -s -o /dev/null -w '%{time_total}\n' "http://127.0.0.1:$API_PORT/api/issues?limit=100"
done | sort -n | awk '{a[NR]=$1} END {printf "%-34s median %.1f ms, max %.1f ms (20 samples, curl)\n", "GET list right after a POST", a[int((NR+1)/2)]*1000, a[NR]*1000}'
echo "issues after POST run: $(curl -s "http://127.0.0.1:$API_PORT/api/status" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')"
