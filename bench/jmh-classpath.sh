# Sourced by the bench/jmh*.sh scripts: compiles the tests, sets $classpath to the test classpath
# and prints the machine line every result should carry. Expects $here (the project root) and
# $corpus (an absolute corpus folder) to be set. ATLAS_MVN_OPTS passes options to Maven, such as
# -o to build offline.
cd "$here"
mvn ${ATLAS_MVN_OPTS:-} -q -B test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench-classpath.txt >&2
classpath="$here/target/test-classes:$here/target/classes:$(cat target/bench-classpath.txt)"
echo "corpus: $corpus"
echo "cpu: $(nproc) cores, $(java -version 2>&1 | sed -n 1p), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
