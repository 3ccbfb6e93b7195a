#!/usr/bin/env bash
# Times the whole catalog build (read every source, normalize, index) as a user runs it, through
# the launcher, and reports wall time and peak resident memory per run.
#
#   bench/build.sh [CORPUS_DIR] [RUNS]      defaults: ../shared/corpus and 5
#
# Each run is a fresh JVM doing `atlas stats --json`, which builds the catalog and prints counts.
# Needs GNU time at /usr/bin/time (Debian package "time").
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
corpus=${1:-$here/../shared/corpus}
runs=${2:-5}

if [[ ! -x /usr/bin/time ]]; then
  echo "bench/build.sh: GNU time is missing at /usr/bin/time; install the Debian package 'time'." >&2
  exit 2
fi

"$here/atlas" --version >/dev/null   # builds the jar first, outside the timed runs
echo "corpus: $corpus"
echo "cpu: $(nproc) cores, $(java -version 2>&1 | sed -n 1p)"
printf '%-4s %10s %12s %s\n' run wall_s peak_rss_mb stages_ms
for i in $(seq 1 "$runs"); do
  log=$(mktemp)
  json=$(/usr/bin/time -f '%e %M' -o "$log" "$here/atlas" stats --json --quiet --corpus "$corpus")
  read -r wall rss_kb < "$log"
  rm -f "$log"
  stages=$(printf '%s' "$json" | python3 -c 'import json,sys; print(json.load(sys.stdin)["buildMillis"])' 2>/dev/null || echo "?")
  printf '%-4s %10s %12d %s\n' "$i" "$wall" "$((rss_kb / 1024))" "$stages"
done
