#!/usr/bin/env bash
# Start-up benchmark of the packaged console: time from `java -jar` to the login page answering 200, and whether a
# stop (SIGTERM, what Ctrl-C's SIGINT also triggers: the JVM's shutdown hooks) leaves any child process behind.
# SIGTERM rather than SIGINT because a script's background jobs inherit an ignored SIGINT. Runs N starts (default 5) on a fresh data directory, the first
# one cold (DynamoDB Local unpacked, tables created), the others warm.
#   ./mvnw -q package -DskipTests && bash bench/startup.sh [N]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs="${1:-5}"
jar=target/poseops.jar
[[ -f $jar ]] || { echo "build first: ./mvnw -q package -DskipTests" >&2; exit 1; }
java_bin="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
data="$(mktemp -d)"; trap 'rm -rf "$data"' EXIT
port=18231
times=()
for ((i = 1; i <= runs; i++)); do
  if curl -s -o /dev/null "http://127.0.0.1:$port/"; then echo "port $port is already in use" >&2; exit 1; fi
  start=$(date +%s%N)
  POSEOPS_DATA_DIR="$data" POSEOPS_ADMIN_PASSWORD=bench SERVER_PORT=$port \
    "$java_bin" --enable-native-access=ALL-UNNAMED -jar "$jar" >"$data/run$i.log" 2>&1 &
  pid=$!
  until [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/login" || true)" == 200 ]]; do
    kill -0 "$pid" 2>/dev/null || { echo "run $i: the console exited; see $data/run$i.log" >&2; cat "$data/run$i.log" >&2; exit 1; }
    sleep 0.1
  done
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  times+=("$ms")
  kill -TERM "$pid"; wait "$pid" || true
  sleep 1
  left=$(pgrep -f -- "$data" || true)  # DynamoDB Local and endpoints carry the data directory in their command line
  printf 'run %d: login page after %d ms; after stopping, processes left: %s\n' "$i" "$ms" "${left:-none}"
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
echo "starts: $runs, cold: ${times[0]} ms, p50: ${sorted[$((runs / 2))]} ms, max: ${sorted[$((runs - 1))]} ms (target: 30000 ms)"
