#!/usr/bin/env bash
# Two hosts on one machine: the server jar in one network namespace, the client jar and curl in
# another, joined by a veth pair. Proves the "client on a second machine" case for real.
#
# Usage: scripts/e2e-two-hosts.sh            run it (needs root and `ip`; builds the jars if missing)
#        scripts/e2e-two-hosts.sh --check    exit 0 if this machine can make namespaces, else say why
set -euo pipefail
cd "$(dirname "$0")/.."
e2e_name=e2e-two-hosts
. scripts/lib.sh

# TEST-NET-2 (RFC 5737): addresses that exist only inside these two namespaces.
server_ip=198.51.100.1
client_ip=198.51.100.2
port=8888
id=$$
server_ns=duet-server-$id
client_ns=duet-client-$id
log=$(mktemp)

can_run() {
  if [[ $(id -u) -ne 0 ]]; then echo "needs root to create network namespaces"; return 1; fi
  if ! command -v ip >/dev/null; then echo "needs iproute2 (ip)"; return 1; fi
  if ! ip netns add "duet-probe-$id" 2>/dev/null; then echo "cannot create network namespaces here"; return 1; fi
  ip netns delete "duet-probe-$id"
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
  echo "e2e-two-hosts: FAIL: $*" >&2
  echo "--- server log" >&2
  cat "$log" >&2
  exit 1
}

if [[ ! -f server/target/duet-server.jar || ! -f client/target/duet-client.jar ]]; then
  ./mvnw -B -q package -DskipTests
fi

two_hosts "$server_ns" "$client_ns" "$server_ip" "$client_ip" "d$id"

ip netns exec "$server_ns" java -jar server/target/duet-server.jar --host "$server_ip" --port "$port" >"$log" 2>&1 &
server_pid=$!
await_start "$server_pid" "$log"

echo "e2e-two-hosts: server on $server_ip:$port in $server_ns, client in $client_ns"

out=$(ip netns exec "$client_ns" java -jar client/target/duet-client.jar "$server_ip:$port/hello") \
  || fail "client exited $?"
[[ $out == $'statusCode: 200\n/hello' ]] || fail "client printed: $out"
echo "ok: client jar on the second host printed 'statusCode: 200' and '/hello'"

out=$(ip netns exec "$client_ns" curl -sS "http://$server_ip:$port/hello")
[[ $out == /hello ]] || fail "curl printed: $out"
echo "ok: curl from the second host printed '/hello'"

out=$(ip netns exec "$client_ns" curl -sS -H 'Accept: application/json' "http://$server_ip:$port/who")
[[ $out == *"\"client\":{\"address\":\"$client_ip\""* ]] || fail "JSON echo did not name the caller $client_ip: $out"
[[ $out == *"\"address\":\"$server_ip\",\"port\":$port}"* ]] || fail "JSON echo did not name the server's address: $out"
echo "ok: the JSON echo names the caller ($client_ip) and the interface that answered ($server_ip)"

grep -q "GET /hello 200 $client_ip:" "$log" || fail "no access-log line for the client's request"
echo "ok: the server logged the request from $client_ip"
echo "e2e-two-hosts: passed"
