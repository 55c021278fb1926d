# Shared by the bench scripts: builds once and sets JAVA and CP (client test classpath).
source "$(dirname "${BASH_SOURCE[0]}")/jdk.sh"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  # Compiles main and test classes (the benchmarks live in client/src/test); tests are not run here.
  mvn -q -B -ntp -pl client -am package -Dmaven.test.skip.exec=true
fi
DEPS="$(tr ':' '\n' < client/target/runtime-classpath.txt | grep -v 'shared-model' | paste -sd: -)"
CP="client/target/classes:client/target/test-classes:shared-model/target/classes:$DEPS"
# JDK AOT caches accept only jars on the class path, so start-up runs use the packaged jars.
CP_JARS="$(ls client/target/client-*.jar | grep -v tests):$(ls shared-model/target/shared-model-*.jar):$DEPS"
machine_line
