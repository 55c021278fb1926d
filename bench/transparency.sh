#!/usr/bin/env bash
# The server side of the transparency log on an H2 file: publish, sign checkpoints, serve proofs
# over HTTP on loopback, audit. Usage: bench/transparency.sh [notices, default 10000]
source "$(dirname "$0")/jdk.sh"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  # Compiles main and test classes (the benchmark lives in sync-server's src/test); runs no tests.
  mvn -q -B -ntp -pl sync-server -am package dependency:build-classpath -Dmaven.test.skip.exec=true \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
fi
machine_line
CP="sync-server/target/classes:sync-server/target/test-classes:shared-model/target/classes:$(cat sync-server/target/bench-classpath.txt)"
"$JAVA" -Xmx512m -cp "$CP" cn.sanwu.server.bench.TransparencyBenchmark "${1:-10000}"
