#!/usr/bin/env bash
# Cold start of the PACKAGED client (jlink runtime + jpackage launcher, as installed) to a usable
# main window (home checklist loaded) under Xvfb: with the shipped AOT cache and with it switched
# off (-XX:AOTMode=off), same app image, same data. Needs xvfb and libgtk-3-0.
# Usage: bench/packaged-startup.sh [runs] [app dir]
#   app dir: default installer/target/package/app-image/sanwu (built by
#   `xvfb-run -a mvn -Pinstaller -pl installer -am package -DskipTests`), or /opt/sanwu when installed.
# Wall clock from just before the launcher is started to the epoch time the app prints once the
# checklist has loaded (then it exits). OS file cache warm.
source "$(dirname "$0")/jdk.sh"
RUNS="${1:-7}"
APP_DIR="${2:-installer/target/package/app-image/sanwu}"
LAUNCHER="$APP_DIR/bin/sanwu"
[ -x "$LAUNCHER" ] || { echo "no launcher at $LAUNCHER: build with xvfb-run -a mvn -Pinstaller -pl installer -am package -DskipTests" >&2; exit 1; }
command -v Xvfb >/dev/null || { echo "install xvfb (apt-get install xvfb libgtk-3-0)" >&2; exit 1; }
WORK="$(mktemp -d)"
DISPLAY_NUM=":$((80 + RANDOM % 9))"
Xvfb "$DISPLAY_NUM" -screen 0 1366x768x24 >/dev/null 2>&1 &
XVFB=$!
trap 'kill $XVFB 2>/dev/null; rm -rf "$WORK"' EXIT
sleep 1
export DISPLAY="$DISPLAY_NUM"
machine_line
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "app: $APP_DIR ($(du -sm "$APP_DIR" | cut -f1) MB; AOT cache $(du -m "$APP_DIR/lib/app/sanwu.aot" 2>/dev/null | cut -f1) MB)"
# Demo data seeded without a window, not timed.
"$LAUNCHER" --headless --demo --data-dir "$WORK/data" >/dev/null
# Prints "wall_ms cpu_ms": wall clock to the loaded window, and the process's user+system CPU time
# (bash's time; the whole run to exit) — CPU time moves much less than wall time when other
# work competes for the 2 cores, so it shows the AOT effect even on a busy shared machine.
one_run() {
  local launched out ready cpu
  launched=$(date +%s%3N)
  cpu=$( { TIMEFORMAT='%U %S'; time JAVA_TOOL_OPTIONS="-Dsanwu.reportStartup=true -Dsanwu.exitAfterShown=true $1" \
           "$LAUNCHER" --data-dir "$WORK/data" > "$WORK/out" 2>/dev/null; } 2>&1 )
  ready=$(sed -n 's/^SANWU_READY_EPOCH_MS //p' "$WORK/out")
  [ -n "$ready" ] || { echo "a run did not report a usable window" >&2; exit 1; }
  echo "$((ready - launched)) $(awk '{printf "%d", ($1 + $2) * 1000}' <<< "$cpu")"
}
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# The two modes alternate run by run, so a noisy neighbour on a shared machine hits both alike.
off=(); on=(); offcpu=(); oncpu=()
for i in $(seq "$RUNS"); do
  read -r w c < <(one_run -XX:AOTMode=off); off+=("$w"); offcpu+=("$c")
  read -r w c < <(one_run ""); on+=("$w"); oncpu+=("$c")
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "packaged, AOT cache off (-XX:AOTMode=off): wall ${off[*]} ms -> median $(median "${off[@]}") ms; CPU median $(median "${offcpu[@]}") ms"
echo "packaged, shipped AOT cache:               wall ${on[*]} ms -> median $(median "${on[@]}") ms; CPU median $(median "${oncpu[@]}") ms"
