#!/usr/bin/env bash
# gRPC on the echo port, from the jars, with peers nobody here wrote:
#   Python's grpcio and npm's @grpc/grpc-js call Echo, EchoStream and Health over h2c and TLS
#   duet-client grpc calls a Python grpcio echo server
#   nginx's grpc_pass carries a call, and the echoed metadata shows what nginx added
#   the access log and /metrics count each call exactly; health follows /readyz
#
# Usage: scripts/e2e-grpc.sh            run it (builds the jars if missing)
#        scripts/e2e-grpc.sh --check    exit 0 if every peer is here, else say which is missing
# npm's @grpc/grpc-js is installed once, outside the repository, in ${XDG_CACHE_HOME:-~/.cache}/duet/npm.
# Everything listens on 127.0.0.1, on free ports.
set -euo pipefail
cd "$(dirname "$0")/.."

e2e_name=e2e-grpc
. scripts/lib.sh
can_run() {
  needs node npm nginx jq curl /usr/bin/python3 || return
  /usr/bin/python3 -c 'import grpc' 2>/dev/null || { echo "needs python3-grpcio"; return 1; }
}
check_or_exit "$@"

work=$(mktemp -d)
cleanup() {
  stop_started
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP PIPE

fail() {
  echo "e2e-grpc: FAIL: $*" >&2
  for log in "$work"/*.log; do
    echo "--- $(basename "$log") (last 10 lines)" >&2
    tail -10 "$log" >&2 || true
  done
  exit 1
}
port_of() { grep -o "$2 listening on [^ ]*" "$1" | head -1 | sed 's/.*://'; }

[[ -f server/target/duet-server.jar && -f client/target/duet-client.jar ]] || ./mvnw -B -q package -DskipTests
duet() { timeout 60 java -jar client/target/duet-client.jar "$@"; }
grpcio() { timeout 60 /usr/bin/python3 interop/python/grpc_echo_client.py "$@"; }
npm_dir=${XDG_CACHE_HOME:-$HOME/.cache}/duet/npm
[[ -f $npm_dir/node_modules/@grpc/grpc-js/package.json ]] || timeout 180 npm install --prefix "$npm_dir" @grpc/grpc-js@1 \
  --no-audit --no-fund --silent || fail "npm install --prefix $npm_dir @grpc/grpc-js@1 failed"
grpcjs() { NODE_PATH=$npm_dir/node_modules timeout 60 node interop/node/grpc-echo-client.js "$@"; }

# --- the servers: h2c with its control plane, and TLS -------------------------------------------
java -jar server/target/duet-server.jar --host 127.0.0.1 --port 0 --admin-port 0 --name plain >"$work/duet.log" 2>&1 &
pids+=($!)
java -jar server/target/duet-server.jar --host 127.0.0.1 --port 0 --admin-port off --quiet --tls self-signed \
  --write-cert "$work/cert.pem" >"$work/duet-tls.log" 2>&1 &
pids+=($!)
wait_for 30 "duet-server" grep -q "admin listening on" "$work/duet.log"
wait_for 30 "duet-server --tls" grep -q "https listening on" "$work/duet-tls.log"
h2c=127.0.0.1:$(port_of "$work/duet.log" http) admin=127.0.0.1:$(port_of "$work/duet.log" admin)
tls=localhost:$(port_of "$work/duet-tls.log" https)

# --- grpcio and grpc-js, over h2c and TLS ---------------------------------------------------------
for where in "$h2c" "$tls --ca $work/cert.pem"; do
  # shellcheck disable=SC2086 # the TLS line's words are meant to split
  out=$(grpcio $where echo:hi stream:a,b health) || fail "grpcio against $where exited $?"
  expect "grpcio Echo ($where)" "$(sed -n 1p <<<"$out")" '[.reply.message, .reply.received.method]' '["hi","/duet.v1.Echo/Echo"]'
  expect "grpcio EchoStream ($where)" "$(sed -n 2p <<<"$out")" '[.replies[].message]' '["a","b"]'
  expect "grpcio Health ($where)" "$(sed -n 3p <<<"$out")" .status 1
done
expect "grpcio over TLS" "$(grpcio "$tls" --ca "$work/cert.pem" echo:x)" '.reply.received.tls | [.alpn, .sni]' '["h2","localhost"]'
for where in "$h2c" "$tls $work/cert.pem"; do
  # shellcheck disable=SC2086
  out=$(grpcjs $where) || fail "grpc-js against $where exited $?"
  expect "grpc-js Echo ($where)" "$(sed -n 1p <<<"$out")" '[.reply.message, (.reply.received.metadata | map(select(.[0] == "x-from"))[0][1])]' '["from node","grpc-js"]'
  expect "grpc-js EchoStream ($where)" "$(sed -n 2p <<<"$out")" '[.replies[].message]' '["one","two","three"]'
  expect "grpc-js Health ($where)" "$(sed -n 3p <<<"$out")" .status 1
done

# --- the access log and /metrics: each call, exactly once -------------------------------------
series=$(curl -sf "http://$admin/metrics" | grep -c '^duet_requests_total{.*transport="grpc"' || true)
[[ $series == 1 ]] || fail "/metrics has $series grpc series; every call so far ended OK: one series, code 0"
ok_before=$(curl -sf "http://$admin/metrics" | sed -n 's/^duet_requests_total{code="0",method="POST",transport="grpc"} //p')
duet grpc "$h2c" --count 5 >/dev/null || fail "duet-client grpc --count 5 exited $?"
ok_after=$(curl -sf "http://$admin/metrics" | sed -n 's/^duet_requests_total{code="0",method="POST",transport="grpc"} //p')
[[ $(jq -n "$ok_after - $ok_before") == 5 ]] || fail "5 calls counted as $ok_before -> $ok_after"
echo "ok: /metrics counts 5 calls as 5: duet_requests_total{code=\"0\",method=\"POST\",transport=\"grpc\"} $ok_before -> $ok_after"
wait_for 30 "the access log's GRPC line" grep -q 'INFO access - GRPC /duet.v1.Echo/Echo 0 127.0.0.1:' "$work/duet.log"
echo "ok: the access log shows: $(grep -m1 'GRPC /duet.v1.Echo/Echo 0' "$work/duet.log" | sed 's/.*access - //')"

# --- health follows /readyz -------------------------------------------------------------------
curl -sf -X POST "http://$admin/readyz/disable" >/dev/null || fail "POST /readyz/disable"
expect "health while /readyz says 503" "$(grpcio "$h2c" health)" .status 2
curl -sf -X POST "http://$admin/readyz/enable" >/dev/null || fail "POST /readyz/enable"
expect "health once ready again" "$(grpcio "$h2c" health)" .status 1

# --- the Duet client against Python's grpcio server -------------------------------------------
coproc python_server { exec /usr/bin/python3 interop/python/grpc_echo_server.py; }
pids+=("$python_server_PID")
read -r -t 30 line <&"${python_server[0]}" || fail "grpc_echo_server.py did not start"
python_port=${line##* }
[[ $(duet grpc "127.0.0.1:$python_port" --message 'to python') == $'status: OK\nto python' ]] ||
  fail "duet-client grpc against grpcio's server"
echo "ok: duet-client grpc calls grpcio's echo server"

# --- through nginx's grpc_pass ----------------------------------------------------------------
nginx_port=$(free_port)
cat >"$work/nginx.conf" <<CONF
daemon off; pid $work/nginx.pid; error_log $work/nginx.log; worker_processes 1;
events {}
http {
  access_log off;
  client_body_temp_path $work/nginx-body;
  server {
    listen 127.0.0.1:$nginx_port http2;
    location / {
      grpc_pass grpc://$h2c;
      grpc_set_header X-Forwarded-For \$remote_addr;
      grpc_set_header X-Via nginx;
    }
  }
}
CONF
nginx -c "$work/nginx.conf" -e "$work/nginx.log" &
pids+=($!)
wait_for 30 "nginx" curl -s -o /dev/null --http2-prior-knowledge "http://127.0.0.1:$nginx_port/"
direct=$(duet grpc "$h2c" --json) || fail "duet-client grpc direct exited $?"
through=$(duet grpc "127.0.0.1:$nginx_port" --json) || fail "duet-client grpc through nginx exited $?"
expect "through nginx" "$through" '[.status, .body]' '["OK","hello"]'
# what nginx added: the metadata the server received through it and not directly
added=$(jq -c --argjson direct "$direct" '[.received.metadata[] | select(.[0] as $n | $direct.received.metadata | map(.[0]) | index($n) | not)]' <<<"$through")
expect "what nginx added" "$added" 'map(select(.[0] == "x-forwarded-for" or .[0] == "x-via")) | sort' '[["x-forwarded-for","127.0.0.1"],["x-via","nginx"]]'
echo "ok: e2e-grpc: every check passed"
