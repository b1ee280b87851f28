#!/usr/bin/env bash
# Duet's HTTP/2 against Node's own http2 module (bench/node/http2-server.js), both answering every
# request with its target: h2load with 50 connections and 10 streams in flight on each, in
# interleaved rounds after a warm-up, printing each round's requests/s and the server's CPU time a
# request, then the ratio of the medians Duet/Node. Cleartext h2c (prior knowledge) by default; with
# TLS=1 both serve h2 over TLS (chosen by ALPN) with one P-256 key and certificate that openssl
# makes here, so the comparison is like for like. Duet runs in its default configuration (access log
# on, to /dev/null as in bench/compare.sh; control plane on a free port). Traffic goes to 127.0.0.1
# only.
#
# Usage: bench/h2.sh [ROUNDS] [SECONDS]   default 5 rounds of 5 s (h2load -D), about a minute
#        TLS=1 bench/h2.sh                both sides over TLS
#   JAR (default server/target/duet-server.jar, built when missing), CONNECTIONS (default 50),
#   STREAMS (default 10), TARGET (default /hello), WARMUP (seconds of h2load on each before the
#   rounds, default 5) and SERVER_ARGS (extra Duet flags, e.g. --quiet) adjust it.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
require h2 h2load=nghttp2-client curl node=nodejs
tls=${TLS:-0}
[[ $tls == 1 ]] && require h2 openssl

rounds=${1:-5}
seconds=${2:-5}
connections=${CONNECTIONS:-50}
streams=${STREAMS:-10}
target=${TARGET:-/hello}
warmup=${WARMUP:-5}
jar=${JAR:-server/target/duet-server.jar}
[[ -f $jar ]] || ./mvnw -B -q package -DskipTests
scratch


echo "h2: $(date -u +%Y-%m-%d), $(nproc) cores, $(java -version 2>&1 | head -1), node $(node --version), $(h2load --version | head -1)"

duet_port=$(free_port)
node_port=$(free_port)
duet_args=(--host 127.0.0.1 --port "$duet_port")
node_args=("$node_port")
scheme=http
curl_h2=(--http2-prior-knowledge)
if [[ $tls == 1 ]]; then
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 -subj /CN=localhost \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
  duet_args+=(--cert "$work/cert.pem" --key "$work/key.pem")
  node_args+=("$work/cert.pem" "$work/key.pem")
  scheme=https
  curl_h2=(--http2 --cacert "$work/cert.pem")
fi
# another server on this machine may hold the control plane's default port (builds from
# before it had one have no such option)
if [[ ${SERVER_ARGS:-} != *--admin-port* ]] && java -jar "$jar" --help | grep -q -- --admin-port; then
  duet_args+=(--admin-port 0)
fi
# shellcheck disable=SC2086
java -jar "$jar" "${duet_args[@]}" ${SERVER_ARGS:-} >/dev/null 2>&1 &
pids+=($!)
duet_pid=$!
node bench/node/http2-server.js "${node_args[@]}" >/dev/null 2>&1 &
pids+=($!)
node_pid=$!

declare -A url=([duet]="$scheme://127.0.0.1:$duet_port$target" [node]="$scheme://127.0.0.1:$node_port$target")
declare -A pid=([duet]=$duet_pid [node]=$node_pid)
# ready SERVER: it answers over HTTP/2, 200
ready() { [[ $(curl -s -o /dev/null --max-time 1 -w '%{http_version} %{http_code}' "${curl_h2[@]}" "${url[$1]}") == "2 200" ]]; }
for s in duet node; do wait_until 30 "$s answering h2 on ${url[$s]}" ready "$s"; done
# both must answer alike: the target, as sent, for its body
probe="/h2/probe?a=1&b=%20c"
for s in duet node; do
  body=$(curl -s --max-time 5 "${curl_h2[@]}" "${url[$s]%"$target"}$probe")
  [[ $body == "$probe" ]] || echo "h2: $s answered $probe with '$body'" >&2
done

ticks=$(getconf CLK_TCK)
# h2load SERVER SECONDS: one bounded h2load run, its whole output
h2load_run() {
  timeout -k 5 $(($2 + 30)) h2load -c"$connections" -m"$streams" -D "$2" "${url[$1]}" 2>&1 || true
}
# one round against SERVER: prints its requests/s, the server's CPU microseconds a request, and
# how many requests failed, errored, timed out or were answered with other than 2xx
round() {
  local before after
  before=$(cpu_ticks "${pid[$1]}")
  h2load_run "$1" "$2" >"$work/h2load.out"
  after=$(cpu_ticks "${pid[$1]}")
  awk -v t=$((after - before)) -v hz="$ticks" '
    /^finished in/ {r = $4}
    /^requests:/ {ok = $8; bad = $10 + $12 + $14}
    /^status codes:/ {bad += $5 + $7 + $9} # 3xx, 4xx, 5xx
    END {if (r == "") exit 1; printf "%s %.2f %d\n", r, (ok > 0 ? t * 1e6 / hz / ok : 0), bad}' "$work/h2load.out" \
    || { echo "h2: h2load against $1 gave no rate:" >&2; cat "$work/h2load.out" >&2; exit 1; }
}
declare -A protocol
for s in duet node; do
  h2load_run "$s" "$warmup" >"$work/warm.$s" # warm-up: the JIT compiles Duet's h2 path
  protocol[$s]=$(awk -F': ' '/^TLS Protocol/ {v = $2} /^Cipher/ {c = $2} /^Application protocol/ {a = $2}
    END {print (v ? v " " c " " : "") a}' "$work/warm.$s")
done

declare -A rates cpus bad
for r in $(seq 1 "$rounds"); do # interleaved, so drift in the machine touches both alike
  line="h2: round $r of $rounds:"
  for s in duet node; do
    read -r rate cpu failed < <(round "$s" "$seconds")
    [[ -n ${rate:-} ]] || exit 1
    rates[$s]+="$rate "; cpus[$s]+="$cpu "; bad[$s]=$((${bad[$s]:-0} + failed))
    line+=" $s ${rate}/s ${cpu} us"
  done
  echo "$line" >&2
done
# shellcheck disable=SC2086
{ md=$(median_of ${rates[duet]}); mn=$(median_of ${rates[node]}); cpu_d=$(median_of ${cpus[duet]}); cpu_n=$(median_of ${cpus[node]}); }

# what h2load negotiated with each (TLS version and cipher, ALPN), shown when they differ
over=${protocol[duet]}
[[ ${protocol[node]} == "$over" ]] || over="duet ${protocol[duet]}, node ${protocol[node]}"
echo "h2load -c$connections -m$streams GET $target ($over), median of $rounds interleaved ${seconds}s rounds, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| server | requests/s | server CPU us a request | failed or not 2xx | rounds (requests/s) |"
echo "|---|---|---|---|---|"
echo "| duet: $jar${SERVER_ARGS:+ $SERVER_ARGS} | $md | $cpu_d | ${bad[duet]} | ${rates[duet]% } |"
echo "| node: bench/node/http2-server.js | $mn | $cpu_n | ${bad[node]} | ${rates[node]% } |"
awk -v a="$mn" -v b="$md" -v ca="$cpu_n" -v cb="$cpu_d" \
  'BEGIN {printf "Duet/Node: %.3f of the rate, %.3f of the CPU a request\n", (a > 0 ? b / a : 0), (ca > 0 ? cb / ca : 0)}'
