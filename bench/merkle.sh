#!/usr/bin/env bash
# Transparency-log tree heads, proofs and checkpoints. Usage: bench/merkle.sh [leaves, default 100000]
source "$(dirname "$0")/jdk.sh"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  # Compiles shared-model's main and test classes (the benchmark lives in src/test); runs no tests.
  mvn -q -B -ntp -pl shared-model package -Dmaven.test.skip.exec=true
fi
machine_line
"$JAVA" -Xmx512m -cp shared-model/target/classes:shared-model/target/test-classes cn.sanwu.model.log.MerkleBenchmark "${1:-100000}"
