#!/usr/bin/env bash
# Residents' pages on loopback: page sizes, time to first byte, requests/s under load.
# Usage: bench/public-pages.sh [requests, default 2000] [client threads, default 8] [seconds, default 15]
# PostgreSQL store: BENCH_POSTGRES=jdbc:postgresql://127.0.0.1:PORT/DB bench/public-pages.sh
# BENCH_OPTS="-Dsanwu.bench.notices=200 -Dsanwu.bench.pages=2,3": notices published in the village
# (default 200) and which pages to measure (0 form, 1 status, 2 notice page, 3 village page; default all).
# BENCH_OPTS="-Dsanwu.bench.sizes=60,500,2000": only the notice page's size, every page of it, for lists of those lengths.
# BENCH_LIMITER=1 bench/public-pages.sh [seconds, default 10] [threads, default 8] [rounds, default 3]: the per-source limit
# instead (ADR 0027): cost per counted request of Throttle vs the in-memory limiter, then notice and
# village page requests/s with the limit off and on in the same run (H2 file).
source "$(dirname "$0")/jdk.sh"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  # Compiles sync-server's main and test classes (the benchmark lives in src/test); runs no tests.
  mvn -q -B -ntp -pl sync-server -am package -Dmaven.test.skip.exec=true
fi
machine_line
CP="sync-server/target/classes:sync-server/target/test-classes:$(cat sync-server/target/runtime-classpath.txt)"
"$JAVA" -Xmx512m -Djava.awt.headless=true ${BENCH_OPTS:-} ${BENCH_POSTGRES:+-Dsanwu.bench.postgres=$BENCH_POSTGRES} \
  -cp "$CP" "cn.sanwu.server.bench.$([ "${BENCH_LIMITER:-0}" = 1 ] && echo PublicLimitBenchmark || echo PublicPagesBenchmark)" "$@"
