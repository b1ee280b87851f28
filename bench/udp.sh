#!/usr/bin/env bash
# Duet's UDP echo against the Node dgram echo in the article's style (interop/node/udp-echo-server.js),
# both loaded by duet-client on 127.0.0.1, in interleaved rounds: round trips one datagram at a time
# (duet-client udp, each sent once the one before is back), and an open loop at RATE datagrams a
# second (duet-client bench udp): echoed a second, lost, and latency from when each was due.
# Both servers run quiet (no line per datagram), so the echo paths are what is compared.
#
# Usage: bench/udp.sh [ROUNDS] [SECONDS] [RATE]     default 3 rounds, 5 s, 20000/s; about 2 minutes
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
require udp node=nodejs jq

rounds=${1:-3}
seconds=${2:-5}
rate=${3:-20000}
[[ -f server/target/duet-server.jar && -f client/target/duet-client.jar ]] || ./mvnw -B -q package -DskipTests
scratch

image_jvm_opts
java "${jvm_opts[@]}" -jar server/target/duet-server.jar udp --host 127.0.0.1 --port 0 --quiet >"$work/duet.log" 2>&1 &
pids+=($!)
node interop/node/udp-echo-server.js 0 quiet >"$work/node.log" 2>&1 &
pids+=($!)
listening() { grep -q "$2" "$work/$1.log"; }
wait_until 30 "duet-server udp" listening duet "listening on"
wait_until 30 "the Node dgram server" listening node "^listening "
declare -A port
port[duet]=$(sed -n 's/.* listening on [^ ]*:\([0-9]*\) .*/\1/p' "$work/duet.log")
port[node]=$(awk '/^listening / {print $2}' "$work/node.log")

client() { java -jar client/target/duet-client.jar "$@"; }
count=$((seconds * 2000))  # enough one-at-a-time round trips to last about SECONDS on loopback
# a warm-up for each, so neither round is the JIT's first
for s in duet node; do client udp "127.0.0.1:${port[$s]}" --count 2000 --json >/dev/null || true; done
for _ in $(seq 1 "$rounds"); do
  for s in duet node; do  # interleaved, so drift in the machine touches both alike
    client udp "127.0.0.1:${port[$s]}" --count "$count" --timeout 1s --json >"$work/one.json" || true
    jq -r '1000 / .roundTripMs.mean' "$work/one.json" >>"$work/one.$s"
    client bench udp "127.0.0.1:${port[$s]}" --rate "$rate" --duration "${seconds}s" --timeout 1s --json \
      >"$work/open.json" || true
    jq -r '[.perSecond, (100 * .lost / .sent), .latency.p50, .latency.p99] | @tsv' "$work/open.json" >>"$work/open.$s"
  done
done
declare -A one per lost p50 p99
for s in duet node; do
  one[$s]=$(median <"$work/one.$s")
  per[$s]=$(cut -f1 "$work/open.$s" | median)
  lost[$s]=$(cut -f2 "$work/open.$s" | median)
  p50[$s]=$(cut -f3 "$work/open.$s" | median)
  p99[$s]=$(cut -f4 "$work/open.$s" | median)
done
echo "UDP echo (duet-client; median of $rounds interleaved rounds; both servers quiet)"
echo "| server | round trips/s, one at a time | vs Node | at $rate/s for ${seconds}s: echoed/s | lost % | p50 ms | p99 ms | p99 vs Node |"
echo "|---|---|---|---|---|---|---|---|"
for s in duet node; do
  printf '| %s | %.0f | %s | %.0f | %.3f | %s | %s | %s |\n' "$s" "${one[$s]}" "$(ratio "${one[$s]}" "${one[node]}")" \
    "${per[$s]}" "${lost[$s]}" "${p50[$s]}" "${p99[$s]}" "$(ratio "${p99[$s]}" "${p99[node]}")"
done
