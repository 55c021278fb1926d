#!/usr/bin/env bash
# Bulletin-board sheet PDFs: a 140-line quarterly ledger, cold process and warm; size per page.
# Usage: bench/sheets.sh [warm-runs]
source "$(dirname "$0")/common.sh"
start=$(date +%s%N)
"$JAVA" -cp "$CP" cn.sanwu.client.print.SheetBenchmark cold
echo "cold process (JVM start, font parse, one 140-line PDF, exit): $(( ($(date +%s%N) - start) / 1000000 )) ms"
"$JAVA" -cp "$CP" cn.sanwu.client.print.SheetBenchmark "${1:-30}"
