#!/usr/bin/env bash
# Ready -> agent-start latency (median, p90, max over 100 issues) and dispatch throughput with no-op agents,
# measured against the shaded jit-dispatch jar running as its own process.
# Usage: bench/dispatch-latency.sh [latency-issues=100] [throughput-issues=200] [slots=4]
set -euo pipefail
cd "$(dirname "$0")/../jit-dispatch"
if [ ! -f target/jit-dispatch.jar ] || [ ! -d target/test-classes ]; then
  (cd .. && mvn -B -q -pl jit-dispatch -am package -DskipTests)
  (cd .. && mvn -B -q -pl jit-dispatch test-compile)
fi
exec java -cp target/test-classes:target/jit-dispatch.jar dev.jit.dispatch.bench.DispatchLatency "$@"
