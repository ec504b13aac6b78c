#!/usr/bin/env bash
# Start-up benchmark of the packaged console: time from `java -jar` to the sign-in page answering 200, where the start
# spends its time (from the console's log), and whether a stop (SIGTERM, what Ctrl-C's SIGINT also triggers: the JVM's
# shutdown hooks) leaves any child process behind. SIGTERM rather than SIGINT because a script's background jobs
# inherit an ignored SIGINT. Every start is cold: a fresh data directory (DynamoDB Local unpacked, tables created,
# admin hash written), as on a first start. The local endpoint serves POSEOPS_MODEL_PATH (default: the shared
# Lightning model when ../shared has it), as the README's run command does.
#   ./mvnw -q package -DskipTests && bash bench/startup.sh [N]      (POSEOPS_JAR=… to time another jar)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs="${1:-3}"
jar="${POSEOPS_JAR:-target/poseops.jar}"
[[ -f $jar ]] || { echo "build first: ./mvnw -q package -DskipTests" >&2; exit 1; }
java_bin="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
model="${POSEOPS_MODEL_PATH:-../shared/models/movenet_singlepose_lightning_int8_4.tflite}"
[[ -f $model ]] || model=""
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
port=18231
now_ms() { date +%s%3N; }
# Milliseconds from the start of the run to the first log line matching $2 (a Spring log timestamp), or "-".
at() {
  local line stamp
  line="$(grep -m1 -E "$2" "$1" || true)"
  [[ -n $line ]] || { echo "-"; return; }
  stamp="${line%% *}"
  echo $(( $(date -d "$stamp" +%s%3N) - start ))
}
printf 'machine: %s cores, %s; model: %s\n' "$(nproc)" "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)" \
  "${model:-none (no local endpoint)}"
printf '%-4s %8s | %7s %8s %8s %8s %8s | %9s %9s | %8s | %s\n' run login jvm context vaadin started health \
  db-start db-ready endpoint "load / processes left"
logins=()
for ((i = 1; i <= runs; i++)); do
  if curl -s -o /dev/null "http://127.0.0.1:$port/"; then echo "port $port is already in use" >&2; exit 1; fi
  data="$work/data$i"; log="$work/run$i.log"; mkdir -p "$data"
  load="$(cut -d' ' -f1 /proc/loadavg)"
  start=$(now_ms)
  POSEOPS_DATA_DIR="$data" POSEOPS_ADMIN_PASSWORD=bench SERVER_PORT=$port POSEOPS_MODEL_PATH="$model" \
    "$java_bin" --enable-native-access=ALL-UNNAMED -jar "$jar" >"$log" 2>&1 &
  pid=$!
  until [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/login" || true)" == 200 ]]; do
    kill -0 "$pid" 2>/dev/null || { echo "run $i: the console exited; its output:" >&2; cat "$log" >&2; exit 1; }
    sleep 0.05
  done
  login=$(( $(now_ms) - start ))
  until curl -s "http://127.0.0.1:$port/actuator/health" | grep -q '"status":"UP"'; do sleep 0.1; done
  health=$(( $(now_ms) - start ))
  if [[ -n $model ]]; then
    for _ in $(seq 1 600); do grep -q 'Local endpoint .* serving' "$log" && break; sleep 0.1; done
  fi
  logins+=("$login")
  kill -TERM "$pid"; wait "$pid" || true
  sleep 1
  left=$(pgrep -f -- "$data" || true)  # DynamoDB Local and endpoints carry the data directory in their command line
  printf '%-4s %8s | %7s %8s %8s %8s %8s | %9s %9s | %8s | %s / %s\n' "$i" "$login" \
    "$(at "$log" 'Starting PoseOpsApplication')" "$(at "$log" 'Root WebApplicationContext: initialization completed')" \
    "$(at "$log" 'Vaadin is running in production mode')" "$(at "$log" 'Started PoseOpsApplication')" "$health" \
    "$(at "$log" 'Starting DynamoDB Local')" "$(at "$log" 'DynamoDB Local at .* is ready')" \
    "$(at "$log" 'Local endpoint .* serving')" "$load" "${left:-none}"
done
sorted=($(printf '%s\n' "${logins[@]}" | sort -n))
echo "starts: $runs (all cold), sign-in page p50: ${sorted[$((runs / 2))]} ms, max: ${sorted[$((runs - 1))]} ms (target: 15000 ms on an idle machine)"
echo "columns: ms since 'java -jar'; jvm = the JVM and Boot's launcher until Spring starts; context = bean definitions"
echo "read (Root WebApplicationContext); vaadin = Vaadin's servlet initialised; started = Spring's 'Started'; health = UP"
echo "(database ready); db-start/db-ready = DynamoDB Local launched / answering with its tables; endpoint = serving."
