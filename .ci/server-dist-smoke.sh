#!/usr/bin/env bash
# Smoke test of the server distribution as an operator uses it: unpack the tar.gz the build made,
# start bin/sanwu-server on a free loopback port with a fresh data directory, check /health and an
# admin command and an online backup against the running server's database, stop it with SIGTERM (as systemd does) and
# check it stopped cleanly. Usage: .ci/server-dist-smoke.sh (after `mvn package`/`verify`).
set -euo pipefail
cd "$(dirname "$0")/.."
archive=$(ls sync-server/target/sanwu-server-*-dist.tar.gz)
work=$(mktemp -d /tmp/sanwu-dist.XXXXXX)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
tar xzf "$archive" -C "$work"
home=$(ls -d "$work"/sanwu-server-*)
export JAVA_HOME=${JAVA_HOME_25:-$(ls -d /usr/lib/jvm/*25* | head -1)}
# Port 0: the server takes a free port and logs it (event=started … port=N).
export SANWU_SERVER_PORT=0 SANWU_SERVER_DATADIR=$work/data
"$home/bin/sanwu-server" >"$work/server.log" 2>&1 &
pid=$!
port=""
for _ in $(seq 60); do
  port=$(sed -n 's/.*event=started .*port=\([0-9]*\).*/\1/p' "$work/server.log" | head -1)
  if [ -n "$port" ] && health=$(curl -fsS "http://127.0.0.1:$port/health" 2>/dev/null); then break; fi
  sleep 0.5
done
echo "health: ${health:-none}"
grep -q '"status":"ok"' <<<"${health:-}" || { cat "$work/server.log"; echo "server did not become healthy" >&2; exit 1; }
code=$("$home/bin/sanwu-server" admin issue-code --village 219901101201 2>/dev/null)
[[ "$code" =~ ^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$ ]] || { echo "admin issue-code printed '$code'" >&2; exit 1; }
"$home/bin/sanwu-server" admin backup --out "$work/backup.zip" >/dev/null
[ -s "$work/backup.zip" ] || { echo "admin backup wrote no file" >&2; exit 1; }
kill -TERM "$pid"
set +e; wait "$pid"; status=$?; set -e
[ "$status" = 0 ] || [ "$status" = 143 ] || { cat "$work/server.log"; echo "server exited with $status after SIGTERM" >&2; exit 1; }
# The clean stop compacts the H2 file (ADR 0020): H2's own exit hook must not have closed it first.
if grep -q 'event=compact-failed' "$work/server.log" || ! grep -q 'event=compacted' "$work/server.log"; then
  cat "$work/server.log"; echo "no compaction on SIGTERM" >&2; exit 1
fi
# Restore the online backup into an empty data directory with the same scripts.
SANWU_SERVER_DATADIR=$work/restored "$home/bin/sanwu-server" admin restore-backup "$work/backup.zip" >/dev/null
[ -s "$work/restored/sanwu-server.mv.db" ] || { echo "admin restore-backup restored nothing" >&2; exit 1; }
echo "server distribution OK: started, healthy, admin command and online backup ran, stopped cleanly (exit $status), backup restored"
