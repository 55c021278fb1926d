#!/usr/bin/env bash
# Sync-server throughput: N concurrent enrolled devices, no-change syncs and 10-notice pushes, on an
# H2 file and on a private PostgreSQL cluster (started here in a temp dir, stopped at the end).
# Usage: bench/throughput.sh [devices, default 300] [seconds per phase, default 20] [h2|postgres|both, default both]
source "$(dirname "$0")/jdk.sh"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  # Compiles sync-server's main and test classes (the benchmark lives in src/test); runs no tests.
  mvn -q -B -ntp -pl sync-server -am package -Dmaven.test.skip.exec=true
fi
machine_line
CP="sync-server/target/classes:sync-server/target/test-classes:$(cat sync-server/target/runtime-classpath.txt)"
DEVICES="${1:-300}"; SECONDS_PER_PHASE="${2:-20}"; WHICH="${3:-both}"
run() { "$JAVA" -Xmx1g "$@" -cp "$CP" cn.sanwu.server.bench.ThroughputBenchmark "$DEVICES" "$SECONDS_PER_PHASE" 2>&1 \
  | grep -av 'level=INFO\|event=no-admin'; }
if [ "$WHICH" != postgres ]; then run; fi
if [ "$WHICH" != h2 ]; then
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -n "$pg_bin" ] || { echo "PostgreSQL not installed (apt-get install postgresql)" >&2; exit 1; }
  pg_dir=$(mktemp -d /tmp/sanwu-bench-pg.XXXXXX)
  pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  # PostgreSQL refuses to run as root: as root (CI machines), the cluster belongs to the postgres user.
  as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -c "$*"; else bash -c "$*"; fi; }
  [ "$(id -u)" = 0 ] && chown postgres "$pg_dir"
  trap 'as_pg "$pg_bin/pg_ctl -D $pg_dir/data -m fast stop" >/dev/null 2>&1; rm -rf "$pg_dir"' EXIT
  as_pg "$pg_bin/initdb -D $pg_dir/data --auth=trust -U postgres -E UTF8" >/dev/null
  as_pg "$pg_bin/pg_ctl -D $pg_dir/data -w -l $pg_dir/pg.log -o '-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1' start" >/dev/null
  run "-Dsanwu.test.postgres=jdbc:postgresql://127.0.0.1:$pg_port/"
fi
