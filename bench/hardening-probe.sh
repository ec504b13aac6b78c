#!/usr/bin/env bash
# The probes of issue 15, with numbers, against a packaged console (default: the one just built). Results are printed
# and written to target/hardening-probe.txt, and the memory probe of finding 4 to target/annotated-png-load.txt.
#   ./mvnw -q package -DskipTests && bash bench/hardening-probe.sh [path/to/poseops.jar]
# To measure a build from before the fixes, build it from an older commit and pass its jar:
#   git worktree add /tmp/poseops-before df250e1 && (cd /tmp/poseops-before && ./mvnw -q package -DskipTests)
#   bash bench/hardening-probe.sh /tmp/poseops-before/target/poseops.jar
# What it runs: com.poseops.platform.HardeningProbe (a failsafe run with Chromium, like the other benchmarks) and
# com.poseops.pose.AnnotatedPngLoad (5 annotated PNGs of a 40 MP JPEG at once, -Xmx1g, with the PoseImages class of
# the probed jar).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
jar="$(realpath "${1:-target/poseops.jar}")"
[[ -f $jar ]] || { echo "no jar at $jar; build first: ./mvnw -q package -DskipTests" >&2; exit 1; }
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
echo "probing $jar on $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), load $(cut -d' ' -f1-3 /proc/loadavg)"

# Finding 4 in isolation: the console's own PoseImages (from the probed jar) rendering 5 annotated PNGs at once.
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
(cd "$work" && unzip -q -o "$jar" 'BOOT-INF/classes/com/poseops/pose/PoseImages*.class' 'BOOT-INF/classes/com/poseops/pose/ImageWorkBudget*.class' 2>/dev/null || true)
./mvnw -B -q -ntp -o test-compile >/dev/null 2>&1 || ./mvnw -B -q -ntp test-compile >/dev/null
classpath="$(./mvnw -B -q -ntp -o dependency:build-classpath -Dmdep.outputFile=/dev/stdout 2>/dev/null || true)"
budget=""
[[ -f "$work/BOOT-INF/classes/com/poseops/pose/ImageWorkBudget.class" ]] || budget="--no-budget"
"$JAVA_HOME/bin/java" -cp "target/test-classes:target/classes" -Djava.awt.headless=true \
  -XX:+UseSerialGC com.poseops.pose.AnnotatedPngLoad --write-image "$work/40mp.jpg" >/dev/null 2>&1 || true
set +e
"$JAVA_HOME/bin/java" -Xmx1g -XX:+UseSerialGC -Djava.awt.headless=true \
  -cp "$work/BOOT-INF/classes:target/test-classes:target/classes:$classpath" \
  com.poseops.pose.AnnotatedPngLoad "$work/40mp.jpg" 5 $budget 2>&1 | tail -1 | tee target/annotated-png-load.txt
set -e

# The rest against the packaged console.
./mvnw -B -q -ntp -o failsafe:integration-test -Dit.test=HardeningProbe -Dposeops.jar="$jar" \
  -Dfailsafe.failIfNoSpecifiedTests=false >/dev/null 2>&1 || true
echo; cat target/hardening-probe.txt
