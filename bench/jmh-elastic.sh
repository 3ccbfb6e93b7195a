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

cd "$here"
mvn ${ATLAS_MVN_OPTS:-} -q -B test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench-classpath.txt >&2
classpath="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
echo "corpus: $corpus"
echo "cpu: $(nproc) cores, $(java -version 2>&1 | head -1)"
exec java -cp "$classpath" org.openjdk.jmh.Main ElasticParseBenchmark -p corpus="$corpus" "$@"
