#!/usr/bin/env bash
# What counting a run at both ends costs a load: duet-client bench against one Duet server with
# every request numbered (X-Duet-Run, X-Duet-Seq; the server counts each and answers X-Duet-Seen,
# the client reads it) and with --run-id off, in interleaved rounds; the medians of the rate and of
# the server's CPU an exchange, and their ratios. The target: the rate with counting on at least
# 0.95 of the rate without. Traffic goes to 127.0.0.1 only.
#
# Usage: bench/counting.sh [ROUNDS] [SECONDS]    default 6 rounds of 5 s each way, 50 connections
#   CONNECTIONS (default 50), TARGET (default /hello) and WARMUP (seconds of load each way before
#   the rounds, default 10: the server's JIT is still compiling the counted path for several
#   seconds) adjust it.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
require counting curl java
rounds=${1:-6}
seconds=${2:-5}
connections=${CONNECTIONS:-50}
target=${TARGET:-/hello}
[[ -f server/target/duet-server.jar && -f client/target/duet-client.jar ]] || ./mvnw -B -q package -DskipTests
scratch
image_jvm_opts

port=$(free_port)
java "${jvm_opts[@]}" -jar server/target/duet-server.jar --host 127.0.0.1 --port "$port" --admin-port 0 --quiet \
  >"$work/server.log" 2>&1 &
server=$!
pids+=($server)
wait_until 30 "the server on port $port" answers_http "$port"
url=http://127.0.0.1:$port$target
ticks=$(getconf CLK_TCK)

# round ON|OFF SECONDS: the load's rate, and the server's CPU microseconds an exchange
round() {
  local before after json
  before=$(cpu_ticks "$server")
  json=$(java -jar client/target/duet-client.jar bench "$url" --concurrency "$connections" --duration "${2}s" \
    --run-id "$1" --json)
  after=$(cpu_ticks "$server")
  awk -v j="$json" -v t=$((after - before)) -v hz="$ticks" 'BEGIN {
    match(j, /"perSecond":[0-9.]+/); r = substr(j, RSTART + 12, RLENGTH - 12)
    match(j, /"answered":[0-9]+/); n = substr(j, RSTART + 11, RLENGTH - 11)
    printf "%s %.2f\n", r, (n > 0 ? t * 1e6 / hz / n : 0) }'
}
round on "${WARMUP:-10}" >/dev/null # warm-up, both ways
round off "${WARMUP:-10}" >/dev/null

declare -a on off con coff pairs
for r in $(seq 1 "$rounds"); do # interleaved, so drift in the machine touches both alike
  read -r rate cpu < <(round off "$seconds"); off+=("$rate"); coff+=("$cpu")
  read -r rate cpu < <(round on "$seconds"); on+=("$rate"); con+=("$cpu")
  pairs+=("$(awk -v a="${off[-1]}" -v b="${on[-1]}" 'BEGIN {printf "%.3f", (a > 0 ? b / a : 0)}')")
  echo "counting: round $r of $rounds: off ${off[-1]}/s ${coff[-1]} us, on ${on[-1]}/s ${con[-1]} us, on/off ${pairs[-1]}" >&2
done
mon=$(median_of "${on[@]}")
moff=$(median_of "${off[@]}")
mcon=$(median_of "${con[@]}")
mcoff=$(median_of "${coff[@]}")
echo "duet-client bench -c$connections GET $target, median of $rounds interleaved ${seconds}s rounds," \
  "load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| --run-id | requests/s | server CPU us an exchange | rounds (requests/s) |"
echo "|---|---|---|---|"
echo "| off | $moff | $mcoff | ${off[*]} |"
echo "| on | $mon | $mcon | ${on[*]} |"
# the median of each round's own ratio too: this machine's speed drifts between rounds, and a
# round's two halves, a few seconds apart, see much the same machine
awk -v a="$moff" -v b="$mon" -v ca="$mcoff" -v cb="$mcon" -v p="$(median_of "${pairs[@]}")" 'BEGIN {
  printf "on/off: %.3f of the rate (target >= 0.95; median of the rounds\x27 own ratios %.3f), %.3f of the server CPU an exchange\n",
    b / a, p, (ca > 0 ? cb / ca : 0) }'
