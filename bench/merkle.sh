#!/usr/bin/env bash
# Transparency-log tree heads, proofs and checkpoints. Usage: bench/merkle.sh [leaves, default 100000]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
JAVA="$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -1)"
[ -x "$JAVA" ] || { echo "JDK 25 not found under /usr/lib/jvm" >&2; exit 1; }
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  # Compiles shared-model's main and test classes (the benchmark lives in src/test); runs no tests.
  mvn -q -B -ntp -pl shared-model package -Dmaven.test.skip.exec=true
fi
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $("$JAVA" -version 2>&1 | head -1)"
"$JAVA" -Xmx512m -cp shared-model/target/classes:shared-model/target/test-classes cn.sanwu.model.log.MerkleBenchmark "${1:-100000}"
