#!/usr/bin/env bash
# Cold start to a usable main window (checklist loaded) under Xvfb: JVM default vs a JDK 25 AOT
# cache trained on the same command. Needs Debian packages xvfb and libgtk-3-0.
# Usage: bench/startup.sh [runs]   (prints each run and the median of each mode)
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
    t=$("$JAVA" "$@" "${APP[@]}" 2>/dev/null | sed -n 's/^SANWU_WINDOW_SHOWN_MS //p')
    [ -n "$t" ] || { echo "run $i did not report a window" >&2; exit 1; }
    times+=("$t")
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "$label: runs ${times[*]} ms -> median $median ms"
}
measure "default JVM"
"$JAVA" -XX:AOTCacheOutput="$WORK/app.aot" "${APP[@]}" >/dev/null 2>&1
ls -la "$WORK/app.aot" | awk '{printf "AOT cache: %.1f MB\n", $5/1e6}'
measure "with AOT cache" -XX:AOTCache="$WORK/app.aot"
