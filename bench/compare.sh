#!/usr/bin/env bash
# Two builds of the server, side by side: HTTP requests/s under wrk, in interleaved rounds, and
# the ratio of the medians. For a change on the echo path, measured before and after:
#
#   git stash && ./mvnw -B -q package -DskipTests && cp server/target/duet-server.jar /tmp/before.jar
#   git stash pop && ./mvnw -B -q package -DskipTests
#   bench/compare.sh /tmp/before.jar server/target/duet-server.jar
#
# Usage: bench/compare.sh A.jar B.jar [ROUNDS] [SECONDS]    default 5 rounds of 5 s, wrk -t1 -c50
#   CONNECTIONS (default 50), TARGET (default /hello), and SERVER_ARGS (extra server flags) adjust it.
# Traffic goes to 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
require compare wrk curl

[[ $# -ge 2 && -f $1 && -f $2 ]] || { echo "usage: bench/compare.sh A.jar B.jar [ROUNDS] [SECONDS]" >&2; exit 2; }
jars=("$1" "$2")
rounds=${3:-5}
seconds=${4:-5}
connections=${CONNECTIONS:-50}
target=${TARGET:-/hello}

pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP PIPE

ports=()
for jar in "${jars[@]}"; do
  port=$(free_port)
  # shellcheck disable=SC2086
  java -jar "$jar" --host 127.0.0.1 --port "$port" ${SERVER_ARGS:-} >/dev/null 2>&1 &
  pids+=($!)
  ports+=("$port")
done
for port in "${ports[@]}"; do
  wait_until 30 "an answer on port $port" answers_http "$port"
  wrk -t1 -c"$connections" -d3s "http://127.0.0.1:$port$target" >/dev/null # warm-up
done

declare -a a b
for round in $(seq 1 "$rounds"); do # interleaved, so drift in the machine touches both alike
  a+=("$(wrk -t1 -c"$connections" -d"${seconds}s" "http://127.0.0.1:${ports[0]}$target" | awk '/Requests\/sec/ {print $2}')")
  b+=("$(wrk -t1 -c"$connections" -d"${seconds}s" "http://127.0.0.1:${ports[1]}$target" | awk '/Requests\/sec/ {print $2}')")
  echo "compare: round $round of $rounds: A ${a[-1]}/s, B ${b[-1]}/s" >&2
done
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }
ma=$(median "${a[@]}")
mb=$(median "${b[@]}")
echo "wrk -t1 -c$connections GET $target, median of $rounds interleaved ${seconds}s rounds, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| build | requests/s | rounds |"
echo "|---|---|---|"
echo "| A: $1 | $ma | ${a[*]} |"
echo "| B: $2 | $mb | ${b[*]} |"
awk -v a="$ma" -v b="$mb" 'BEGIN {printf "B/A: %.3f\n", b / a}'
