#!/usr/bin/env bash
# Side-by-side CLI timings of two builds in one run, each on its own copy of one generated store.
# Usage: bench/compare.sh OLD_CHECKOUT NEW_CHECKOUT [ISSUES=1000] [RUNS=15]
#   (each checkout built with `mvn -B -q package -DskipTests`; NEW_CHECKOUT may be this one: .)
# The two builds alternate command by command, so a drifting machine moves both alike.
set -euo pipefail
old=$(cd "$1" && pwd); new=$(cd "$2" && pwd); n=${3:-1000}; runs=${4:-15}
command -v hyperfine >/dev/null || { echo "bench: needs hyperfine (apt-get install hyperfine)" >&2; exit 1; }
for b in "$old" "$new"; do
  [[ -x $b/packaging/target/bin/jit ]] || { echo "bench: build $b first: mvn -B -q package -DskipTests" >&2; exit 1; }
done
out=$(cd "$(dirname "$0")" && pwd)/results
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
java -cp "$new/jit-cli/target/jit.jar" "$(dirname "$0")/GenerateStore.java" "$work/store/.jit" "$n" 2>/dev/null
for side in old new; do cp -a "$work/store" "$work/$side"; done
for side in old new; do
  b=$old; [[ $side == new ]] && b=$new
  (cd "$work/$side" && "$b/packaging/target/bin/jit" --version >/dev/null)   # records the CDS archive…
done
sleep 10                                                                     # …in the background
id=$(cd "$work/new" && "$new/packaging/target/bin/jit" issue list | sed -n 500p)
run() { # name, command args…
  local name=$1; shift
  local cmds=()
  for side in old new; do
    local b=$old; [[ $side == new ]] && b=$new
    cmds+=(-n "$side $name" "cd $work/$side && $b/packaging/target/bin/jit $*")
  done
  hyperfine --warmup 3 --runs "$runs" -S bash --export-json "$out/compare-$name.json" "${cmds[@]}" >/dev/null
  python3 - "$out/compare-$name.json" <<'PY'
import json, sys
r = {x["command"].split()[0]: x for x in json.load(open(sys.argv[1]))["results"]}
name = " ".join(next(iter(r.values()))["command"].split()[1:])
o, n = r["old"]["median"] * 1000, r["new"]["median"] * 1000
print(f'{name:<22} old {o:7.1f} ms   new {n:7.1f} ms   new/old {n / o:5.2f}')
PY
}
for round in 1 2; do
  echo "round $round ($n issues, $runs runs, medians)"
  run "query-ready" query ready
  run "issue-create" issue create --title bench
  run "issue-claim-next" issue claim-next agent:bench
  run "issue-list" issue list
  run "issue-show" issue show "$id"
  run "status" status
done
