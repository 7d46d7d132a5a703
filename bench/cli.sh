#!/usr/bin/env bash
# Whole-process CLI timings with hyperfine on stores of 1,000 and 10,000 issues.
# Usage: bench/cli.sh [RUNS]   (build first: mvn -B -q package -DskipTests)
# Prints the median of each command; raw hyperfine JSON goes to bench/results/.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
jit=$PWD/packaging/target/bin/jit
jar=$PWD/jit-cli/target/jit.jar
out=$PWD/bench/results
mkdir -p "$out"
command -v hyperfine >/dev/null || { echo "bench: needs hyperfine (apt-get install hyperfine)" >&2; exit 1; }
[[ -x $jit ]] || { echo "bench: build first: mvn -B -q package -DskipTests" >&2; exit 1; }

for n in 1000 10000; do
  work=$(mktemp -d)
  java -cp "$jar" bench/GenerateStore.java "$work/.jit" "$n" 2>/dev/null
  cd "$work"
  id=$("$jit" issue list | sed -n 500p)
  "$jit" --version >/dev/null   # first run records the class-data-sharing archive
  hyperfine -N --warmup 3 --runs "$runs" --export-json "$out/cli-$n.json" \
    -n "jit --version" "$jit --version" \
    -n "jit issue create" "$jit issue create --title bench" \
    -n "jit issue list" "$jit issue list" \
    -n "jit query ready" "$jit query ready" \
    -n "jit issue show" "$jit issue show $id" >/dev/null
  python3 - "$out/cli-$n.json" "$n" <<'PY'
import json, sys
data = json.load(open(sys.argv[1]))
for r in data["results"]:
    print(f'{sys.argv[2]:>6} issues  {r["command"]:<18} median {r["median"]*1000:7.1f} ms   mean {r["mean"]*1000:7.1f} ms ± {r["stddev"]*1000:5.1f}')
PY
  cd - >/dev/null
  rm -rf "$work"
done
