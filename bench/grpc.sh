#!/usr/bin/env bash
# gRPC round trips: Duet's duet.v1.Echo/Echo against npm's @grpc/grpc-js serving the same method
# (interop/node/grpc-echo-server.js), and Duet's plain HTTP/2 echo of the same POST as the
# reference of what gRPC adds on the same port. h2load (nobody here wrote it) sends each call as a
# gRPC request: a POST of one length-prefixed EchoRequest, content-type application/grpc, h2c with
# prior knowledge; interleaved rounds after a warm-up, each round's calls/s and the server's CPU
# time a call, then the ratios of the medians. Each server is first called once by Python's grpcio
# to prove it answers OK with the message (h2load sees only the HTTP status; gRPC's is in the
# trailers). Traffic goes to 127.0.0.1 only.
#
# Usage: bench/grpc.sh [ROUNDS] [SECONDS]   default 5 rounds of 5 s (h2load -D)
#   JAR (default server/target/duet-server.jar, built when missing), CONNECTIONS (default 10),
#   STREAMS (default 10), WARMUP (seconds of h2load on each first, default 5) adjust it.
# npm's @grpc/grpc-js comes from ${XDG_CACHE_HOME:-~/.cache}/duet/npm, installed there when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
require grpc h2load=nghttp2-client curl node=nodejs npm
/usr/bin/python3 -c 'import grpc' 2>/dev/null || { echo "grpc: needs python3-grpcio (apt-get install python3-grpcio)" >&2; exit 2; }

rounds=${1:-5}
seconds=${2:-5}
connections=${CONNECTIONS:-10}
streams=${STREAMS:-10}
warmup=${WARMUP:-5}
jar=${JAR:-server/target/duet-server.jar}
[[ -f $jar ]] || ./mvnw -B -q package -DskipTests
npm_dir=${XDG_CACHE_HOME:-$HOME/.cache}/duet/npm
[[ -f $npm_dir/node_modules/@grpc/grpc-js/package.json ]] ||
  timeout 180 npm install --prefix "$npm_dir" @grpc/grpc-js@1 --no-audit --no-fund --silent
scratch

grpcjs_version=$(sed -n 's/^ *"version": "\(.*\)",/\1/p' "$npm_dir/node_modules/@grpc/grpc-js/package.json")
echo "grpc: $(date -u +%Y-%m-%d), $(nproc) cores, $(java -version 2>&1 | head -1), node $(node --version), @grpc/grpc-js $grpcjs_version, $(h2load --version | head -1)"

java -jar "$jar" --host 127.0.0.1 --port 0 --admin-port 0 >"$work/duet.log" 2>/dev/null &
pids+=($!)
duet_pid=$!
NODE_PATH=$npm_dir/node_modules node interop/node/grpc-echo-server.js >"$work/node.log" 2>&1 &
pids+=($!)
node_pid=$!
wait_until 60 "duet-server listening" grep -q "http listening on" "$work/duet.log"
wait_until 30 "grpc-js listening" grep -q "listening on" "$work/node.log"
duet_port=$(grep -o "http listening on [^ ]*" "$work/duet.log" | sed 's/.*://')
node_port=$(grep -o "[0-9]*$" "$work/node.log")

# an EchoRequest {message: "hello"} as one gRPC message: no compression, 7 bytes long
printf '\0\0\0\0\7\12\5hello' >"$work/call.bin"
declare -A url=([duet-grpc]="http://127.0.0.1:$duet_port/duet.v1.Echo/Echo"
  [grpc-js]="http://127.0.0.1:$node_port/duet.v1.Echo/Echo" [duet-h2]="http://127.0.0.1:$duet_port/hello")
declare -A pid=([duet-grpc]=$duet_pid [grpc-js]=$node_pid [duet-h2]=$duet_pid)
servers=(duet-grpc grpc-js duet-h2)
for s in duet-grpc grpc-js; do
  port=${url[$s]#http://127.0.0.1:}
  answer=$(timeout 30 /usr/bin/python3 interop/python/grpc_echo_client.py "127.0.0.1:${port%%/*}" echo:hello)
  [[ $answer == *'"message": "hello"'* ]] || { echo "grpc: $s did not echo over gRPC: $answer" >&2; exit 1; }
done

ticks=$(getconf CLK_TCK)
h2load_run() { # h2load_run SERVER SECONDS: one bounded run, its whole output
  local grpc=(-H 'content-type: application/grpc' -H 'te: trailers')
  [[ $1 == duet-h2 ]] && grpc=(-H 'content-type: application/octet-stream')
  timeout -k 5 $(($2 + 30)) h2load -c"$connections" -m"$streams" -D "$2" -d "$work/call.bin" "${grpc[@]}" \
    "${url[$1]}" 2>&1 || true
}
round() { # round SERVER SECONDS: its calls/s, the server's CPU microseconds a call, and the failed or not 2xx
  local before after
  before=$(cpu_ticks "${pid[$1]}")
  h2load_run "$1" "$2" >"$work/h2load.out"
  after=$(cpu_ticks "${pid[$1]}")
  awk -v t=$((after - before)) -v hz="$ticks" '
    /^finished in/ {r = $4}
    /^requests:/ {ok = $8; bad = $10 + $12 + $14}
    /^status codes:/ {bad += $5 + $7 + $9}
    END {if (r == "") exit 1; printf "%s %.2f %d\n", r, (ok > 0 ? t * 1e6 / hz / ok : 0), bad}' "$work/h2load.out" \
    || { echo "grpc: h2load against $1 gave no rate:" >&2; cat "$work/h2load.out" >&2; exit 1; }
}
for s in "${servers[@]}"; do h2load_run "$s" "$warmup" >/dev/null; done

declare -A rates cpus bad
for r in $(seq 1 "$rounds"); do
  line="grpc: round $r of $rounds:"
  for s in "${servers[@]}"; do
    read -r rate cpu failed < <(round "$s" "$seconds")
    [[ -n ${rate:-} ]] || exit 1
    rates[$s]+="$rate "; cpus[$s]+="$cpu "; bad[$s]=$((${bad[$s]:-0} + failed))
    line+=" $s ${rate}/s ${cpu} us"
  done
  echo "$line" >&2
done
declare -A med cpu_med
for s in "${servers[@]}"; do
  # shellcheck disable=SC2086
  med[$s]=$(median_of ${rates[$s]}); cpu_med[$s]=$(median_of ${cpus[$s]})
done
echo "h2load -c$connections -m$streams POST of one 12-byte gRPC message (h2c), median of $rounds interleaved ${seconds}s rounds, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| server | calls/s | server CPU us a call | failed or not 2xx | rounds (calls/s) |"
echo "|---|---|---|---|---|"
echo "| duet-grpc: duet.v1.Echo/Echo on $jar | ${med[duet-grpc]} | ${cpu_med[duet-grpc]} | ${bad[duet-grpc]} | ${rates[duet-grpc]% } |"
echo "| grpc-js: interop/node/grpc-echo-server.js | ${med[grpc-js]} | ${cpu_med[grpc-js]} | ${bad[grpc-js]} | ${rates[grpc-js]% } |"
echo "| duet-h2: the plain echo, same POST, same port | ${med[duet-h2]} | ${cpu_med[duet-h2]} | ${bad[duet-h2]} | ${rates[duet-h2]% } |"
awk -v g="${med[duet-grpc]}" -v n="${med[grpc-js]}" -v h="${med[duet-h2]}" -v cg="${cpu_med[duet-grpc]}" -v cn="${cpu_med[grpc-js]}" \
  'BEGIN {printf "Duet gRPC/grpc-js: %.3f of the rate, %.3f of the CPU a call; Duet gRPC/Duet h2 echo: %.3f of the rate\n",
    (n > 0 ? g / n : 0), (cn > 0 ? cg / cn : 0), (h > 0 ? g / h : 0)}'
