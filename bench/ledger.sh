#!/usr/bin/env bash
# 1,000-row ledger: per-edit recalculation and per-autosave cost. Usage: bench/ledger.sh [rows]
source "$(dirname "$0")/common.sh"
"$JAVA" -Xmx256m -cp "$CP" cn.sanwu.client.bench.LedgerBenchmark "${1:-1000}"
