#!/usr/bin/env bash
# Runs the JMH benchmark of Elastic corpus parsing (ElasticParseBenchmark): the whole reader and
# each query parser on every query of the corpus.
#
#   bench/jmh-elastic.sh [CORPUS_DIR] [JMH options...]     default corpus: ../shared/corpus
#
# Example, a quick run: bench/jmh-elastic.sh ../shared/corpus -wi 2 -i 3
# ATLAS_MVN_OPTS passes options to Maven, such as -o to build offline.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
corpus=$(cd "${1:-$here/../shared/corpus}" && pwd)
shift || true

source "$here/bench/jmh-classpath.sh"
exec java -cp "$classpath" org.openjdk.jmh.Main ElasticParseBenchmark -p corpus="$corpus" "$@"
