#!/usr/bin/env bash
# Side-by-side wrk req/s of two jit-server builds in one run: GET /api/issues/{id} (random ids) and
# GET /api/issues, each server on its own copy of one generated store; the builds alternate, twice.
# Usage: bench/server-compare.sh OLD_CHECKOUT NEW_CHECKOUT [ISSUES=1000] [SECONDS=10] [CONNS=16]
#   (each checkout built with `mvn -B -q package -DskipTests`)
set -euo pipefail
old=$(cd "$1" && pwd); new=$(cd "$2" && pwd); n=${3:-1000}; secs=${4:-10}; conns=${5:-16}
here=$(cd "$(dirname "$0")" && pwd)
command -v wrk >/dev/null || { echo "bench: needs wrk (apt-get install wrk)" >&2; exit 1; }
for b in "$old" "$new"; do
  [[ -f $b/jit-server/target/jit-server.jar ]] || { echo "bench: build $b first: mvn -B -q package -DskipTests" >&2; exit 1; }
done
work=$(mktemp -d); pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
export JIT_BENCH_IDS=$work/ids.txt
java -cp "$new/jit-server/target/jit-server.jar" "$here/GenerateStore.java" "$work/store" "$n" 2>/dev/null
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
declare -A port
for side in old new; do
  b=$old; [[ $side == new ]] && b=$new
  cp -a "$work/store" "$work/$side"
  port[$side]=$(free_port)
  java -Xmx1g -XX:+UseParallelGC -jar "$b/jit-server/target/jit-server.jar" --data-dir "$work/$side" \
    --port "${port[$side]}" >"$work/$side.log" 2>&1 &
  pids+=($!)
done
for side in old new; do
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:${port[$side]}/api/health" >/dev/null && break; sleep 0.2; done
done
curl -sf "http://127.0.0.1:${port[new]}/api/issues?limit=1000" | python3 -c \
  'import json,sys; print("\n".join(i["id"] for i in json.load(sys.stdin)["issues"]))' >"$JIT_BENCH_IDS"
rps() { wrk -t2 -c"$conns" -d"${secs}s" ${3:+-s "$3"} "http://127.0.0.1:${port[$1]}$2" | awk '/Requests\/sec/ {print $2}'; }
for side in old new; do rps "$side" /api/issues/x "$here/random-issue.lua" >/dev/null; done   # warm-up
for round in 1 2; do
  for what in issue list; do
    for side in old new; do
      if [[ $what == issue ]]; then r=$(rps "$side" /api/issues/x "$here/random-issue.lua"); else r=$(rps "$side" /api/issues); fi
      printf 'round %s  %-28s %s  %10s req/s\n' "$round" "GET /api/issues$([[ $what == issue ]] && echo '/{id}')" "$side" "$r"
    done
  done
done
