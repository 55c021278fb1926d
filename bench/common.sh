# Shared by the bench scripts: builds once and sets JAVA and CP (client test classpath).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
JAVA="$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -1)"
[ -x "$JAVA" ] || { echo "JDK 25 not found under /usr/lib/jvm" >&2; exit 1; }
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  # Compiles main and test classes (the benchmarks live in client/src/test); tests are not run here.
  mvn -q -B -ntp -pl client -am package -Dmaven.test.skip.exec=true
fi
DEPS="$(tr ':' '\n' < client/target/runtime-classpath.txt | grep -v 'shared-model' | paste -sd: -)"
CP="client/target/classes:client/target/test-classes:shared-model/target/classes:$DEPS"
# JDK AOT caches accept only jars on the class path, so start-up runs use the packaged jars.
CP_JARS="$(ls client/target/client-*.jar | grep -v tests):$(ls shared-model/target/shared-model-*.jar):$DEPS"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $("$JAVA" -version 2>&1 | head -1)"
