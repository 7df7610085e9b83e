#!/usr/bin/env sh
# Runs the JMH micro-benchmarks: bench/jmh.sh [JMH options], for example
#   bench/jmh.sh                          # all of them, about 3 minutes
#   bench/jmh.sh -f 1 -wi 1 -i 2 'es256'  # those whose name matches, shorter
set -e
cd "$(dirname "$0")/.."
exec ./mvnw -B -q ${MVN_OFFLINE:-} -pl bench compile exec:exec \
  -Dexec.executable="${JAVA_HOME:+$JAVA_HOME/bin/}java" \
  -Dexec.args="-cp %classpath org.openjdk.jmh.Main $*"
