#!/usr/bin/env bash
# UDP through a network that loses, duplicates and reorders datagrams: the server jar in one network
# namespace, the client jar in another, joined by a veth pair whose client end runs netem (tc). Each
# of the three is made to happen by netem at random, and the client must name it; the deterministic
# proof of the same, at the unit level, is UdpCommandTest's UnreliablePath.
#
# Usage: scripts/e2e-udp-netem.sh            run it (needs root, ip, tc with the kernel's netem, jq)
#        scripts/e2e-udp-netem.sh --check    exit 0 if this machine can run it, else say why
set -euo pipefail
cd "$(dirname "$0")/.."
e2e_name=e2e-udp-netem
. scripts/lib.sh

# TEST-NET-2 (RFC 5737): addresses that exist only inside these two namespaces.
server_ip=198.51.100.1
client_ip=198.51.100.2
port=9001
id=$$
server_ns=duet-udp-server-$id
client_ns=duet-udp-client-$id
link=dudp$id
log=$(mktemp)

can_run() {
  if [[ $(id -u) -ne 0 ]]; then echo "needs root to create network namespaces"; return 1; fi
  local tool
  for tool in ip tc jq; do
    command -v "$tool" >/dev/null || { echo "needs $tool (iproute2, jq)"; return 1; }
  done
  local probe=duet-netem-probe-$id why
  if ! ip netns add "$probe" 2>/dev/null; then echo "cannot create network namespaces here"; return 1; fi
  ip -n "$probe" link add p0 type veth peer name p1
  if ! why=$(ip netns exec "$probe" tc qdisc add dev p0 root netem loss 1% 2>&1); then
    ip netns delete "$probe"
    echo "the kernel has no netem qdisc (sch_netem; tc says: ${why//$'\n'/ })"
    return 1
  fi
  ip netns delete "$probe"
}

check_or_exit "$@"

cleanup() {
  [[ -n ${server_pid:-} ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  drop_hosts "$server_ns" "$client_ns"
  rm -f "$log"
}
trap cleanup EXIT
# a signal ends the script through the EXIT trap too, so nothing it started is left running
trap 'exit 130' INT TERM HUP PIPE

fail() {
  echo "e2e-udp-netem: FAIL: $*" >&2
  echo "--- server log" >&2
  tail -20 "$log" >&2
  exit 1
}

if [[ ! -f server/target/duet-server.jar || ! -f client/target/duet-client.jar ]]; then
  ./mvnw -B -q package -DskipTests
fi

two_hosts "$server_ns" "$client_ns" "$server_ip" "$client_ip" "$link"

ip netns exec "$server_ns" java -jar server/target/duet-server.jar udp --host "$server_ip" --port "$port" --quiet \
  >"$log" 2>&1 &
server_pid=$!
await_start "$server_pid" "$log"
echo "e2e-udp-netem: UDP echo on $server_ip:$port in $server_ns, client in $client_ns"

# netem QDISC...: what the client's end of the link does to every datagram it sends
netem() { ip netns exec "$client_ns" tc qdisc replace dev "${link}c" root netem "$@"; }
# udp ARGS...: the client's --json report of a run through the link (it exits 28 when some are lost)
udp() { ip netns exec "$client_ns" java -jar client/target/duet-client.jar udp "$server_ip:$port" --json "$@" || true; }
field() { jq -r ".$1" <<<"$2"; }

netem delay 1ms
out=$(udp --count 20)
[[ $(field lost "$out") == 0 && $(field echoed "$out") == 20 ]] || fail "a clean link lost datagrams: $out"
echo "ok: through a clean link, 20 of 20 echoed"

netem loss 30%
out=$(udp --count 100 --interval 5ms --timeout 1s)
lost=$(field lost "$out")
((lost > 0 && lost < 100)) || fail "30% loss: expected some lost, got: $out"
[[ $(field 'lostSeqs | length' "$out") == "$lost" ]] || fail "the lost datagrams are not all named: $out"
echo "ok: netem loss 30%: the client counted and named $lost of 100 lost"

netem duplicate 100%
out=$(udp --count 50 --interval 5ms)
duplicated=$(field duplicated "$out")
((duplicated >= 25)) || fail "duplicate 100%: expected most echoed twice, got: $out"
[[ $(field lost "$out") == 0 ]] || fail "duplicate 100% lost datagrams: $out"
echo "ok: netem duplicate 100%: the client counted $duplicated of 50 echoed twice"

# reordering needs a delay: the datagrams netem picks go at once, the others 10 ms later
netem delay 10ms reorder 25% 50%
out=$(udp --count 200 --interval 2ms)
reordered=$(field reordered "$out")
((reordered > 0)) || fail "reorder 25%: expected some reordered, got: $out"
echo "ok: netem reorder: the client counted and named $reordered of 200 reordered"

netem loss 10%
out=$(ip netns exec "$client_ns" java -jar client/target/duet-client.jar bench udp "$server_ip:$port" \
  --rate 500 --duration 2s --timeout 1s --json)
lost=$(field lost "$out")
((lost > 0)) || fail "bench udp through 10% loss counted none lost: $out"
[[ $(field latency.p99 "$out") != null ]] || fail "bench udp gave no latency percentiles: $out"
echo "ok: bench udp through netem loss 10%: $lost of $(field sent "$out") lost, p99 $(field latency.p99 "$out") ms"
echo "e2e-udp-netem: passed"
