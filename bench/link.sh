#!/usr/bin/env bash
# Sync over a simulated rural link (loopback fault proxy) and the idle cost of background sync.
# Usage: bench/link.sh [rtt-ms, default 600] [kbit/s, default 128] [village notices, default 1000] [idle syncs, default 30]
source "$(dirname "$0")/common.sh"
# The real sync server runs in the same JVM (as in the client's end-to-end tests).
SERVER_CP="sync-server/target/classes:$(tr ':' '\n' < sync-server/target/runtime-classpath.txt | grep -v 'shared-model' | paste -sd: -)"
"$JAVA" -Xmx512m -cp "$CP:$SERVER_CP" cn.sanwu.client.sync.LinkBenchmark "$@" 2>&1 | grep -av 'event=no-admin'
