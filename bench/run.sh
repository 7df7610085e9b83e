#!/usr/bin/env sh
# Runs the benchmark: bench/run.sh [--quick]. Needs server/target/enverify.jar
# (./mvnw -q -DskipTests package).
set -e
cd "$(dirname "$0")/.."
exec ./mvnw -B -q ${MVN_OFFLINE:-} -pl bench compile exec:java -Dexec.args="$*"
