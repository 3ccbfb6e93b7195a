#!/usr/bin/env bash
# Measures how long Detection Atlas takes to parse the whole Splunk security_content corpus, with
# JMH (see src/test/java/org/detectionatlas/bench/SplunkParseBenchmark.java).
#
#   bench/jmh-splunk.sh [CORPUS_DIR] [JMH options...]     default corpus: ../shared/corpus
#
# Extra arguments go to JMH, such as `-f 2 -i 10` for more forks and iterations, or
# `-e readCorpus` to leave a benchmark out. Results are also written to target/jmh-splunk.json.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
corpus=${1:-$here/../shared/corpus}
shift || true
corpus=$(cd "$corpus" && pwd)

source "$here/bench/jmh-classpath.sh"
java -Datlas.corpus="$corpus" -cp "$classpath" org.openjdk.jmh.Main \
  -rf json -rff target/jmh-splunk.json "$@" SplunkParseBenchmark
