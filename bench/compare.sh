#!/usr/bin/env bash
# Two builds of the server, side by side: HTTP requests/s under wrk (or, with TRANSPORT=tcp or unix,
# stream echo round trips/s under duet-client bench), in interleaved rounds, and the ratio of the
# medians; beside the rate, the CPU time the server spent on each exchange. For a change on the echo path, measured before and after:
#
#   mkdir /tmp/before && git archive HEAD | tar -x -C /tmp/before     # the last commit, before the change
#   (cd /tmp/before && ./mvnw -B -q package -DskipTests -pl server -am)
#   ./mvnw -B -q package -DskipTests -pl server -am                    # the working tree, with it
#   bench/compare.sh /tmp/before/server/target/duet-server.jar server/target/duet-server.jar
#
# Usage: bench/compare.sh A.jar B.jar [ROUNDS] [SECONDS]    default 5 rounds of 5 s, wrk -t1 -c50
#   CONNECTIONS (default 50; for streams 1), TARGET (default /hello), MESSAGE (streams: default hello)
#   WARMUP (seconds of load on each server before the rounds, default 3; more on a busy machine,
#   whose compilers take longer to settle) and SERVER_ARGS (extra server flags) adjust it;
#   SERVER_ARGS_A and SERVER_ARGS_B give each side its own, to compare one build with itself: the
#   cost of metrics is
#     SERVER_ARGS_A="--admin-port off" SERVER_ARGS_B="--admin-port 0" bench/compare.sh JAR JAR
# Traffic goes to 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
require compare wrk curl

[[ $# -ge 2 && -f $1 && -f $2 ]] || { echo "usage: bench/compare.sh A.jar B.jar [ROUNDS] [SECONDS]" >&2; exit 2; }
jars=("$1" "$2")
rounds=${3:-5}
seconds=${4:-5}
transport=${TRANSPORT:-http}
target=${TARGET:-/hello}
message=${MESSAGE:-hello}
case $transport in
  http) connections=${CONNECTIONS:-50} ;;
  tcp | unix) connections=${CONNECTIONS:-1} ;;
  *) echo "compare: TRANSPORT is http, tcp or unix" >&2; exit 2 ;;
esac
[[ $transport == http ]] || [[ -f client/target/duet-client.jar ]] || ./mvnw -B -q package -DskipTests
scratch


targets=()
for i in 0 1; do
  side=$([[ $i == 0 ]] && echo "${SERVER_ARGS_A:-${SERVER_ARGS:-}}" || echo "${SERVER_ARGS_B:-${SERVER_ARGS:-}}")
  if [[ $transport == http ]]; then
    port=$(free_port)
    where=(--host 127.0.0.1 --port "$port")
    # two servers cannot both take the control plane's default port (builds from before it had one
    # have no such option)
    if [[ $side != *--admin-port* ]] && java -jar "${jars[$i]}" --help | grep -q -- --admin-port; then
      where+=(--admin-port 0)
    fi
    targets+=("http://127.0.0.1:$port$target")
  elif [[ $transport == tcp ]]; then
    port=$(free_port)
    where=(tcp --host 127.0.0.1 --port "$port")
    targets+=("127.0.0.1:$port")
  else
    where=(unix --path "$work/$i.sock")
    targets+=("$work/$i.sock")
  fi
  # shellcheck disable=SC2086
  java -jar "${jars[$i]}" "${where[@]}" $side >/dev/null 2>&1 &
  pids+=($!)
done
ready() {
  case $transport in
    http) curl -s -o /dev/null --max-time 1 "${targets[$1]}" ;;
    tcp) (exec 3<>"/dev/tcp/127.0.0.1/${targets[$1]##*:}") ;;
    unix) [[ -S ${targets[$1]} ]] ;;
  esac
}
ticks=$(getconf CLK_TCK)
# one round against server I: prints its rate, and the server's CPU microseconds per exchange (a
# steadier figure than the rate on a shared machine, whose cores run at varying speed)
round() {
  local before after
  before=$(cpu_ticks "${pids[$1]}")
  if [[ $transport == http ]]; then
    wrk -t1 -c"$connections" -d"$2" "${targets[$1]}" | awk '/requests in/ {n=$1} /Requests\/sec/ {r=$2} END {print r, n}'
  else
    java -jar client/target/duet-client.jar bench "$transport" "${targets[$1]}" --concurrency "$connections" \
      --duration "$2" --message "$message" \
      | awk '/round trips:/ {n=$3; gsub(/,/, "", n); r=$4; gsub(/[(),\/s]/, "", r)} END {print r, n}'
  fi | { read -r rate count; after=$(cpu_ticks "${pids[$1]}")
         awk -v r="$rate" -v n="$count" -v t=$((after - before)) -v hz="$ticks" \
           'BEGIN {printf "%s %.2f\n", r, (n > 0 ? t * 1e6 / hz / n : 0)}'; }
}
for i in 0 1; do
  wait_until 30 "server ${jars[$i]}" ready "$i"
  round "$i" "${WARMUP:-3}s" >/dev/null # warm-up
done

declare -a a b ca cb
for r in $(seq 1 "$rounds"); do # interleaved, so drift in the machine touches both alike
  read -r rate cpu < <(round 0 "${seconds}s"); a+=("$rate"); ca+=("$cpu")
  read -r rate cpu < <(round 1 "${seconds}s"); b+=("$rate"); cb+=("$cpu")
  echo "compare: round $r of $rounds: A ${a[-1]}/s ${ca[-1]} us, B ${b[-1]}/s ${cb[-1]} us" >&2
done
ma=$(median_of "${a[@]}")
mb=$(median_of "${b[@]}")
mca=$(median_of "${ca[@]}")
mcb=$(median_of "${cb[@]}")
if [[ $transport == http ]]; then what="wrk -t1 -c$connections GET $target"; unit=requests/s; else
  what="duet-client bench $transport --concurrency $connections, ${#message}-byte messages"; unit="round trips/s"; fi
echo "$what, median of $rounds interleaved ${seconds}s rounds, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| build | $unit | server CPU us an exchange | rounds ($unit) |"
echo "|---|---|---|---|"
echo "| A: $1 ${SERVER_ARGS_A:-${SERVER_ARGS:-}} | $ma | $mca | ${a[*]} |"
echo "| B: $2 ${SERVER_ARGS_B:-${SERVER_ARGS:-}} | $mb | $mcb | ${b[*]} |"
awk -v a="$ma" -v b="$mb" -v ca="$mca" -v cb="$mcb" \
  'BEGIN {printf "B/A: %.3f of the rate, %.3f of the CPU an exchange\n", b / a, (ca > 0 ? cb / ca : 0)}'
