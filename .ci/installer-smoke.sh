#!/usr/bin/env bash
# The client as a village PC gets it: install the .deb that `mvn -Pinstaller` built, then run the
# installed app — self-test (opens and migrates its database in the default XDG places, checks
# the runtime), the AOT cache accepted (-XX:AOTMode=on fails if it is not), the real window under
# Xvfb up to the loaded home screen, data kept across an upgrade to version N+1 and across
# removal of the package. As root (CI) the package is installed with apt-get; otherwise it is
# extracted into a temporary root (no postinst, no menu entry) and run from there.
# Usage: .ci/installer-smoke.sh   (after: xvfb-run -a mvn -Pinstaller -pl installer -am package)
set -euo pipefail
cd "$(dirname "$0")/.."
deb=$(ls installer/target/package/dist/sanwu_*_amd64.deb)
work=$(mktemp -d /tmp/sanwu-deb.XXXXXX)
installed=0
cleanup() {
  if [ "$installed" = 1 ]; then dpkg --purge sanwu >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "installer smoke: $*" >&2; exit 1; }

echo "== package: $(basename "$deb"), $(du -m "$deb" | cut -f1) MB"
dpkg-deb -I "$deb" | sed -n 's/^ \(Package\|Version\|Depends\|Installed-Size\):/  \1:/p' | cut -c1-200
if [ "$(id -u)" = 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "./$deb" >"$work/apt.log" 2>&1 \
    || { cat "$work/apt.log"; fail "apt-get install failed"; }
  installed=1
  prefix=""
  [ -L /usr/bin/sanwu ] || fail "postinst did not link /usr/bin/sanwu"
  grep -q '^Name\[zh_CN\]=阳光三务公开' /usr/share/applications/sanwu.desktop || fail "no Chinese menu entry"
  [ -s /usr/share/icons/hicolor/256x256/apps/sanwu.png ] || fail "no icon"
  echo "== installed with apt-get into /opt/sanwu (menu entry, icon, /usr/bin/sanwu present)"
else
  prefix="$work/root"
  dpkg-deb -x "$deb" "$prefix"
  echo "== not root: extracted into $prefix (postinst not run)"
fi
app="$prefix/opt/sanwu/bin/sanwu"

# A fresh user: everything the app writes must land in the XDG places (Java takes user.home from
# the password file, not $HOME, so the XDG variables point into the temp dir).
export XDG_DATA_HOME="$work/home/.local/share" XDG_STATE_HOME="$work/home/.local/state"
mkdir -p "$XDG_DATA_HOME" "$XDG_STATE_HOME"

out=$("$app" --self-test 2>&1) || { echo "$out"; fail "--self-test failed"; }
echo "$out" | sed 's/^/  /'
[ "$(echo "$out" | tail -1)" = OK ] || fail "--self-test did not end with OK"
[ -s "$XDG_DATA_HOME/sanwu/sanwu.mv.db" ] || fail "database not in \$XDG_DATA_HOME/sanwu"
ls "$XDG_STATE_HOME/sanwu/logs/"sanwu-0.log >/dev/null || fail "log not in \$XDG_STATE_HOME/sanwu/logs"

# The shipped AOT cache must be accepted by the installed runtime at its installed path.
JAVA_TOOL_OPTIONS="-XX:AOTMode=on" "$app" --version >/dev/null 2>"$work/aot.err" \
  || { cat "$work/aot.err"; fail "the installed runtime refused the shipped AOT cache"; }
echo "== AOT cache accepted (-XX:AOTMode=on)"

# Work waiting to be uploaded, then the real window under Xvfb until the home checklist is loaded
# (on the demo data, but without --demo, which would try to enroll with a local demo server).
"$app" --headless --demo >/dev/null
command -v xvfb-run >/dev/null || fail "xvfb-run missing (apt-get install xvfb)"
launched=$(date +%s%3N)
gui=$(JAVA_TOOL_OPTIONS="-Dsanwu.exitAfterShown=true -Dsanwu.reportStartup=true" timeout 120 xvfb-run -a "$app" --data-dir "$XDG_DATA_HOME/sanwu-demo" 2>&1) \
  || { echo "$gui"; fail "the installed app's window did not start"; }
ready=$(sed -n 's/^SANWU_READY_EPOCH_MS //p' <<<"$gui")
[ -n "$ready" ] || { echo "$gui"; fail "the window never reported the loaded home screen"; }
echo "== window shown and home checklist loaded under Xvfb ($((ready - launched)) ms incl. xvfb-run)"
before=$("$app" --headless --demo)
echo "  before upgrade: $before"

if [ "$installed" = 1 ]; then
  # Version N+1 of the package (same files, higher version) installed over N.
  dpkg-deb -R "$deb" "$work/next"
  version=$(sed -n 's/^Version: //p' "$work/next/DEBIAN/control")
  next="${version%.*}.$(( ${version##*.} + 1 ))"
  sed -i "s/^Version: .*/Version: $next/" "$work/next/DEBIAN/control"
  # Uncompressed: xz of 150 MB takes minutes on a busy 2-core machine, and only dpkg reads it.
  dpkg-deb -Znone -b "$work/next" "$work/sanwu_${next}_amd64.deb" >/dev/null
  dpkg -i "$work/sanwu_${next}_amd64.deb" >"$work/upgrade.log" 2>&1 || { cat "$work/upgrade.log"; fail "upgrade to $next failed"; }
  [ "$(dpkg-query -W -f='${Version}' sanwu)" = "$next" ] || fail "version after upgrade is not $next"
  after=$("$app" --headless --demo)
  [ "$after" = "$before" ] || fail "after upgrade: '$after', before: '$before'"
  echo "== upgraded $version -> $next: $after"
  dpkg -r sanwu >/dev/null
  installed=0
  [ ! -e /opt/sanwu/bin/sanwu ] && [ ! -e /usr/bin/sanwu ] && [ ! -e /usr/share/applications/sanwu.desktop ] \
    || fail "dpkg -r left files behind"
  [ -s "$XDG_DATA_HOME/sanwu-demo/sanwu.mv.db" ] || fail "removing the package touched user data"
  echo "== removed: /opt/sanwu, menu entry and command gone; user data kept"
fi
echo "installer smoke: OK"
