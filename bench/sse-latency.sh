#!/usr/bin/env bash
# SSE delivery latency to CLIENTS (default 200) readers while one client is stalled (bench/SseLatency.java),
# with the server started under the shipped unit's JVM options.
# Usage: bench/sse-latency.sh [jar=jit-server/target/jit-server.jar] [clients] [events] [rate] [pad bytes]
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${1:-jit-server/target/jit-server.jar}
OPTS=$(sed -n 's/^Environment="JIT_JAVA_OPTS=\(.*\)"$/\1/p' systemd/jit-api.service)
WORK=$(mktemp -d)
PID=
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
# shellcheck disable=SC2086 # the options are words
JIT_LOG_LEVEL=warn java $OPTS -jar "$JAR" --init --port "$PORT" --data-dir "$WORK/store" > "$WORK/server.log" 2>&1 &
PID=$!
for _ in $(seq 1 150); do curl -sf "http://127.0.0.1:$PORT/api/health" >/dev/null && break; sleep 0.2; done
java bench/SseLatency.java "$PORT" "$WORK/store/events.jsonl" "${2:-200}" "${3:-1500}" "${4:-100}" "${5:-4000}"
echo "jit_sse_clients after the bench: $(curl -s "http://127.0.0.1:$PORT/api/metrics" | awk '/^jit_sse_clients /{print $2}')"
