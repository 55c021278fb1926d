#!/usr/bin/env bash
# Cold start to a usable main window (checklist loaded) under Xvfb: JVM default vs a JDK 25 AOT
# cache trained on the same command. Needs Debian packages xvfb and libgtk-3-0.
# Usage: bench/startup.sh [runs]   (prints each run and the median of each mode; VERBOSE=1 shows phases)
# Measured by wall clock from just before the JVM is launched to the moment the main window's
# checklist has loaded (the app prints the epoch time then and exits).
source "$(dirname "$0")/common.sh"
RUNS="${1:-7}"
command -v Xvfb >/dev/null || { echo "install xvfb (apt-get install xvfb libgtk-3-0)" >&2; exit 1; }
WORK="$(mktemp -d)"
DISPLAY_NUM=":$((90 + RANDOM % 9))"
Xvfb "$DISPLAY_NUM" -screen 0 1366x768x24 >/dev/null 2>&1 &
XVFB=$!
trap 'kill $XVFB 2>/dev/null; rm -rf "$WORK"' EXIT
sleep 1
export DISPLAY="$DISPLAY_NUM"
APP=(-Dsanwu.reportStartup=true -Dsanwu.exitAfterShown=true --enable-native-access=ALL-UNNAMED -cp "$CP_JARS"
     cn.sanwu.client.app.Main --demo --data-dir "$WORK/data")
# First run seeds the demo village and is not timed.
"$JAVA" "${APP[@]}" >/dev/null 2>&1 || true
measure() {
  local label="$1"; shift
  local times=()
  for i in $(seq "$RUNS"); do
    launched=$(date +%s%3N)
    out=$("$JAVA" "$@" "${APP[@]}" 2>/dev/null)
    ready=$(sed -n 's/^SANWU_READY_EPOCH_MS //p' <<< "$out")
    [ -n "$ready" ] || { echo "run $i did not report a usable window" >&2; exit 1; }
    t=$((ready - launched))
    if [ "${VERBOSE:-0}" = 1 ]; then
      sed -n 's/^SANWU_PHASE \([0-9]*\) \(.*\)/\1 \2/p' <<< "$out" | while read -r at phase; do
        echo "    +$((at - launched)) ms $phase"; done
    fi
    times+=("$t")
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "$label: runs ${times[*]} ms -> median $median ms"
}
measure "default JVM"
"$JAVA" -XX:AOTCacheOutput="$WORK/app.aot" "${APP[@]}" >/dev/null 2>&1
ls -la "$WORK/app.aot" | awk '{printf "AOT cache: %.1f MB\n", $5/1e6}'
measure "with AOT cache" -XX:AOTCache="$WORK/app.aot"
