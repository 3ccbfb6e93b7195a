#!/usr/bin/env bash
# Runs the JMH benchmark that reads and parses every Sigma rule of the corpus in a warm JVM.
#
#   bench/jmh.sh [CORPUS_DIR] [extra JMH arguments]     default corpus: ../shared/corpus
#   bench/jmh.sh --cpu-time [CORPUS_DIR] [ROUNDS]      one thread, CPU time per round
#
# JMH_OPTS sets fork and iteration counts; the default, one fork with 3 warm-up and 5 measured
# iterations of 2 s each, takes under a minute. Extra arguments go to JMH as they are, such as a
# benchmark name (readAllOneThread) or "-prof stack". Needs Maven and a JDK 17+.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cpu_time=false
if [[ "${1:-}" == "--cpu-time" ]]; then
  cpu_time=true
  shift
fi
corpus=$(cd "${1:-$here/../shared/corpus}" && pwd)
shift || true

source "$here/bench/jmh-classpath.sh"
if [[ "$cpu_time" == true ]]; then
  exec java -Xss4m -cp "$classpath" org.detectionatlas.bench.SigmaParseCpuTime "$corpus" "${1:-15}"
fi
read -r -a options <<< "${JMH_OPTS:--f 1 -wi 3 -i 5 -w 2s -r 2s}"
java -cp "$classpath" org.openjdk.jmh.Main "${options[@]}" -jvmArgs "-Datlas.corpus=$corpus -Xss4m" \
    "${@:-SigmaParseBenchmark}"
