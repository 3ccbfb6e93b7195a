#!/usr/bin/env bash
# Start time of the server from a snapshot, through the launcher as a user runs it. It measures
# the time from the command's start to its "serving" line. It then requests the home page at
# once and measures the time to its response.
#
#   bench/start.sh SNAPSHOT [RUNS] [PORT]     defaults: 5 runs, port 18095
#
# SNAPSHOT is a file written by `./atlas build --corpus DIR --out FILE`. Needs curl. The first,
# untimed run builds the jar and the class data sharing archive when they are missing or stale.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
snapshot=${1:?usage: bench/start.sh SNAPSHOT [RUNS] [PORT]}
runs=${2:-5}
port=${3:-18095}

"$here/atlas" --version >/dev/null

log=$(mktemp)
server_pid=""
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null || true
  rm -f "$log"
}
trap cleanup EXIT

now_ms() { date +%s%3N; }

for ((run = 1; run <= runs; run++)); do
  : >"$log"
  start=$(now_ms)
  "$here/atlas" serve --snapshot "$snapshot" --port "$port" >"$log" 2>&1 &
  server_pid=$!
  serving=""
  # Polls every 5 ms for at most 30 s.
  for ((tick = 0; tick < 6000; tick++)); do
    if grep -q "atlas: serving" "$log"; then
      serving=$(($(now_ms) - start))
      break
    fi
    if ! kill -0 "$server_pid" 2>/dev/null; then
      echo "bench/start.sh: the server stopped; its output:" >&2
      cat "$log" >&2
      exit 1
    fi
    sleep 0.005
  done
  status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/" || true)
  answered=$(($(now_ms) - start))
  kill "$server_pid"
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
  echo "run $run: serving line after ${serving:-?} ms, first home page (HTTP $status) after $answered ms"
done
