#!/usr/bin/env bash
# Search/filter over 50,000 notices with a 256 MB heap. Usage: bench/search.sh [count] [db-dir]
source "$(dirname "$0")/common.sh"
"$JAVA" -Xmx256m -cp "$CP" cn.sanwu.client.bench.SearchBenchmark "${1:-50000}" ${2:+"$2"}
