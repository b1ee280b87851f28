#!/usr/bin/env bash
# Real clients nobody here wrote, against the server jar on loopback: curl (with and without
# "Expect: 100-continue", chunked, and two uploads on one kept connection), wget, Python's
# http.client and urllib, and Node's http.request each upload 10 MiB to the plain-text echo and
# must get a 200 with the target as the body, and exit 0. Then curl through Duet as a proxy must
# be refused with 405: no tunnel opens.
#
# Usage: scripts/e2e-interop.sh            run it (builds the server jar if missing)
#        scripts/e2e-interop.sh --check    exit 0 if every peer is here, else say which is missing
#   JAR   another server jar to try (default server/target/duet-server.jar)
set -euo pipefail
cd "$(dirname "$0")/.."

e2e_name=e2e-interop
. scripts/lib.sh
can_run() { needs curl wget python3 node; }
check_or_exit "$@"

work=$(mktemp -d)
log=$work/server.log
cleanup() {
  [[ -n ${server_pid:-} ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP PIPE

fail() {
  echo "e2e-interop: FAIL: $*" >&2
  echo "--- server log (last 20 lines)" >&2
  tail -20 "$log" >&2
  exit 1
}

jar=${JAR:-server/target/duet-server.jar}
[[ -f $jar ]] || ./mvnw -B -q package -DskipTests
java -jar "$jar" --host 127.0.0.1 --port 0 --admin-port 0 --max-body 16MiB >"$log" 2>&1 &
server_pid=$!
for _ in $(seq 1 300); do
  grep -q "listening on" "$log" && break
  kill -0 "$server_pid" 2>/dev/null || fail "the server exited"
  sleep 0.1
done
port=$(grep -o 'listening on [^ ]*' "$log" | head -1 | sed 's/.*://' || true)
[[ -n $port ]] || fail "the server did not start within 30s"
base=http://127.0.0.1:$port
head -c $((10 << 20)) /dev/urandom >"$work/10MiB"
echo "e2e-interop: server on $base; each peer uploads 10 MiB"

# expect TOOL OUTPUT WANTED: the peer's output must be exactly WANTED
expect() {
  [[ $2 == "$3" ]] || fail "$1 printed '$2', wanted '$3'"
  echo "ok: $1"
}

out=$(curl -sS --max-time 60 --data-binary "@$work/10MiB" -H 'Expect:' "$base/curl?expect=no") \
  || fail "curl without Expect exited $?"
expect "curl --data-binary, no Expect" "$out" "/curl?expect=no"

out=$(curl -sS --max-time 60 --data-binary "@$work/10MiB" "$base/curl?expect=100") \
  || fail "curl with Expect: 100-continue exited $?"
expect "curl --data-binary, Expect: 100-continue" "$out" "/curl?expect=100"

out=$(curl -sS --max-time 60 -T "$work/10MiB" -H 'Transfer-Encoding: chunked' "$base/curl/chunked") \
  || fail "curl chunked exited $?"
expect "curl -T, chunked" "$out" "/curl/chunked"

out=$(curl -sS -v --max-time 60 --data-binary "@$work/10MiB" -H 'Expect:' "$base/first" \
  --next --data-binary "@$work/10MiB" -H 'Expect:' "$base/second" 2>"$work/curl-v") \
  || fail "curl with two uploads exited $?"
expect "curl, two uploads" "$out" "/first/second"
grep -q "Re-using existing connection" "$work/curl-v" || fail "curl opened a second connection: the first was not kept"
echo "ok: curl sent the second upload on the connection the first one used"

out=$(wget -q -O - --timeout=60 --tries=1 --post-file="$work/10MiB" "$base/wget") || fail "wget exited $?"
expect "wget --post-file" "$out" "/wget"

out=$(python3 interop/python/upload.py "$base/python" "$work/10MiB") || fail "python3 exited $?"
expect "python3 http.client and urllib" "$out" $'http.client 200 /python\nhttp.client again 200 /python/again\nurllib 200 /python'

out=$(node interop/node/upload.js "$base/node" "$work/10MiB") || fail "node exited $?"
expect "node http.request" "$out" "200 /node"

status=0
curl -sS --max-time 10 -p -x "127.0.0.1:$port" http://example.com/ >/dev/null 2>"$work/connect" || status=$?
((status == 56)) && grep -q "CONNECT tunnel failed, response 405" "$work/connect" \
  || fail "curl through Duet as a proxy: exit $status, $(cat "$work/connect")"
echo "ok: curl -p -x through Duet: CONNECT refused with 405, no tunnel"

echo "e2e-interop: passed"
