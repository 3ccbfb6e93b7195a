#!/usr/bin/env bash
# Load test of the server on loopback. wrk from Debian fetches a mix of pages, exports and API
# calls at 64 connections. It runs once against Detection Atlas and once, for reference, against
# a static file server (python3 -m http.server) that serves the same pages as files.
#
#   bench/serve.sh SNAPSHOT [SECONDS] [PORT]     defaults: 20 s, port 18090
#
# SNAPSHOT is a file written by `./atlas build --corpus DIR --out FILE`. Needs wrk and python3.
# Every URL is fetched once before the timed run, so the numbers are for cached responses.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
snapshot=${1:?usage: bench/serve.sh SNAPSHOT [SECONDS] [PORT]}
seconds=${2:-20}
port=${3:-18090}
static_port=$((port + 1))

if ! command -v wrk >/dev/null; then
  echo "bench/serve.sh: wrk is missing; install the Debian package 'wrk'." >&2
  exit 2
fi

paths=(
  /
  /techniques/T1106
  /techniques/T1059.001
  /search?q=lsass
  /fields/process.name
  /health
  /api/v1/techniques/T1106
  /api/v1/stats
  /export/navigator.json
)

work=$(mktemp -d)
server_pid=""
static_pid=""
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null || true
  [[ -n "$static_pid" ]] && kill "$static_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

"$here/atlas" --version >/dev/null   # builds the jar first
java -Xss4m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$here/target/atlas.jar" serve --quiet \
  --snapshot "$snapshot" --port "$port" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 300); do
  curl -s -o /dev/null "http://127.0.0.1:$port/static/atlas.css" && break
  sleep 0.1
done

# The same bodies as static files, named by their position in the mix.
mkdir -p "$work/static"
lua_paths=""
static_paths=""
for i in "${!paths[@]}"; do
  curl -s -o "$work/static/$i.html" "http://127.0.0.1:$port${paths[$i]}"
  lua_paths+="\"${paths[$i]}\","
  static_paths+="\"/$i.html\","
done

write_script() {
  cat >"$2" <<LUA
local paths = {$1}
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i], {["Accept-Encoding"] = "gzip"})
end
LUA
}
write_script "$lua_paths" "$work/atlas.lua"
write_script "$static_paths" "$work/static.lua"

(cd "$work/static" && exec python3 -m http.server "$static_port" --bind 127.0.0.1 >/dev/null 2>&1) &
static_pid=$!
sleep 1

echo "cpu: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | sed -n 1p)"
echo "mix: ${paths[*]}"
for target in atlas static; do
  target_port=$port
  [[ $target == static ]] && target_port=$static_port
  wrk -t2 -c64 -d3s -s "$work/$target.lua" "http://127.0.0.1:$target_port/" >/dev/null   # warm-up
  echo "== $target"
  wrk -t2 -c64 -d"${seconds}s" --latency -s "$work/$target.lua" "http://127.0.0.1:$target_port/" \
    | grep -E 'Requests/sec|Transfer/sec| 50%| 99%|Socket errors|Non-2xx'
done
