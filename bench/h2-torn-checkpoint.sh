#!/usr/bin/env bash
# H2-only reproduction of a half-applied transaction after SIGKILL (ADR 0020, docs/durability.md):
# writer threads commit 4-table transactions + CHECKPOINT SYNC in a child JVM that is SIGKILLed
# and reopened, KILLS times. Usage: bench/h2-torn-checkpoint.sh KILLS SERIALIZE(true|false) [URL-SUFFIX] [SEED]
# Uses the H2 version of pom.xml from the local Maven repository (any build puts it there).
source "$(dirname "$0")/jdk.sh"
version="$(sed -n 's:.*<h2.version>\(.*\)</h2.version>.*:\1:p' pom.xml)"
jar="$HOME/.m2/repository/com/h2database/h2/$version/h2-$version.jar"
[ -f "$jar" ] || mvn -q -B -ntp dependency:get -Dartifact="com.h2database:h2:$version"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
"$(dirname "$JAVA")/javac" -cp "$jar" -d "$out" bench/h2kill/H2TornCheckpoint.java
machine_line
"$JAVA" -cp "$jar:$out" H2TornCheckpoint "$@"
