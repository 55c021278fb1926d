# Shared by every bench script: repository root as working directory, JAVA = the installed JDK 25,
# and a one-line description of the machine (printed by machine_line).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
JAVA="$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -1)"
[ -x "$JAVA" ] || { echo "JDK 25 not found under /usr/lib/jvm" >&2; exit 1; }
machine_line() {
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $("$JAVA" -version 2>&1 | head -1)"
}
