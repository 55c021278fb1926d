#!/usr/bin/env bash
# The staff PC's ticket pull on loopback: bytes (plain and gzip) and time for a township's tickets.
# Usage: bench/tickets.sh [tickets, default 1000]
source "$(dirname "$0")/jdk.sh"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  # Compiles sync-server's main and test classes (the benchmark lives in src/test); runs no tests.
  mvn -q -B -ntp -pl sync-server -am package -Dmaven.test.skip.exec=true
fi
machine_line
CP="sync-server/target/classes:sync-server/target/test-classes:$(cat sync-server/target/runtime-classpath.txt)"
"$JAVA" -Xmx512m -Djava.awt.headless=true -cp "$CP" cn.sanwu.server.bench.TicketPullBenchmark "$@"
