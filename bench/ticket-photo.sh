#!/usr/bin/env bash
# A staff PC downloading a resident's photo on loopback: size as sent, as stored, on the wire, time.
# Usage: bench/ticket-photo.sh [photo.jpg|photo.png]   (default: a synthetic 12 MP phone photo; -Dseed via JAVA_OPTS)
source "$(dirname "$0")/jdk.sh"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  # Compiles sync-server's main and test classes (the benchmark lives in src/test); runs no tests.
  mvn -q -B -ntp -pl sync-server -am package -Dmaven.test.skip.exec=true
fi
machine_line
CP="sync-server/target/classes:sync-server/target/test-classes:$(cat sync-server/target/runtime-classpath.txt)"
"$JAVA" -Xmx512m -Djava.awt.headless=true ${JAVA_OPTS:-} -cp "$CP" cn.sanwu.server.bench.TicketPhotoBenchmark "$@"
