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
  # Search also reads linked documents: make the store part of a git repo with 20 linked design docs.
  git init -q . && mkdir docs
  for k in $(seq 1 20); do
    printf '# Design %s\n\nThe cache layer for part %s.\n' "$k" "$k" >"docs/design-$k.md"
    seq 1 200 | sed 's/^/filler line /' >>"docs/design-$k.md"
  done
  git add docs && git -c user.name=bench -c user.email=bench@localhost commit -qm docs
  "$jit" issue list | head -20 | paste - <(seq 1 20) | while read -r issue k; do
    "$jit" doc add "$issue" "docs/design-$k.md" >/dev/null
  done
  "$jit" --version >/dev/null   # first run records the class-data-sharing archive in the background…
  sleep 10                      # …so give the training run time to finish before measuring
  hyperfine -N --warmup 3 --runs "$runs" --export-json "$out/cli-$n.json" \
    -n "jit --version" "$jit --version" \
    -n "jit issue create" "$jit issue create --title bench" \
    -n "jit issue list" "$jit issue list" \
    -n "jit query ready" "$jit query ready" \
    -n "jit issue show" "$jit issue show $id" \
    -n "jit search" "$jit search epic:e13 --limit 50" \
    -n "jit search --regex" "$jit search --regex cache.layer" \
    -n "jit graph export" "$jit graph export" \
    -n "jit graph export mermaid" "$jit graph export --format mermaid" >/dev/null
  python3 - "$out/cli-$n.json" "$n" <<'PY'
import json, sys
data = json.load(open(sys.argv[1]))
for r in data["results"]:
    print(f'{sys.argv[2]:>6} issues  {r["command"]:<26} median {r["median"]*1000:7.1f} ms   mean {r["mean"]*1000:7.1f} ms ± {r["stddev"]*1000:5.1f}')
PY
  cd - >/dev/null
  rm -rf "$work"
done
