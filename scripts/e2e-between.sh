#!/usr/bin/env bash
# What sits between two processes, named by both ends: real intermediaries nobody here wrote, each
# set up to do known things to the traffic between duet-client and duet-server, and the client's
# `diff` and run counts checked to name exactly those things.
#   nothing between  diff says same, every key empty; get and bench count every request once
#   nginx            adds, removes and rewrites a header; rewrites the path; terminates TLS and
#                    turns HTTP/2 into HTTP/1.1; caches GETs (the counts show the cache's answers)
#   HAProxy          lower-cases header names and adds X-Forwarded-For; retries a 503 and a reset
#                    (the counts show each request arriving three times)
#   Caddy            terminates TLS, turns HTTP/2 into HTTP/1.1, adds X-Forwarded-*
#   Varnish          caches GETs, adds X-Forwarded-For and X-Varnish
# and the path under stress (faults, limits):
#   nothing between  each fault reads as the server produced it; the limits are the server's own,
#                    as its /version states them
#   nginx            with proxy_read_timeout 1s the slow and hung answers read as 504, a closed or
#                    reset connection and an oversized answer header as 502; with
#                    large_client_header_buffers 4 2k a request line or header line stops at 2 KiB
#   HAProxy          retries a 503, a close and a reset (the server sees each three times); stops
#                    at 100 header fields, and adds X-Forwarded-For to the head the server limits
#
# Usage: scripts/e2e-between.sh            run it (builds the jars if missing)
#        scripts/e2e-between.sh --check    exit 0 if every intermediary is here, else say which is missing
# Everything listens on 127.0.0.1, on free ports.
set -euo pipefail
cd "$(dirname "$0")/.."

e2e_name=e2e-between
. scripts/lib.sh
can_run() { needs nginx haproxy caddy varnishd jq curl openssl python3; }
check_or_exit "$@"

work=$(mktemp -d)
chmod 755 "$work" # Varnish's worker drops root and must reach its folder
cleanup() {
  stop_started
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP PIPE

fail() {
  echo "e2e-between: FAIL: $*" >&2
  for log in "$work"/*.log; do
    echo "--- $(basename "$log") (last 10 lines)" >&2
    tail -10 "$log" >&2 || true
  done
  exit 1
}
# the keys diff --json has; every one but these is empty when the path did nothing
untouched() { # untouched WHAT JSON KEY...: every key of the report but url, same and KEY... is empty
  local keys
  keys=$(jq -c --argjson but "$(printf '%s\n' url same "${@:3}" | jq -R . | jq -sc .)" \
    '[to_entries[] | select((.key | IN($but[])) | not) | select(.value | length > 0) | .key]' <<<"$2")
  [[ $keys == "[]" ]] || fail "$1: these changed too: $keys (from $2)"
  echo "ok: $1: nothing else changed"
}

[[ -f server/target/duet-server.jar && -f client/target/duet-client.jar ]] || ./mvnw -B -q package -DskipTests
duet() { timeout 60 java -jar client/target/duet-client.jar "$@"; }

# --- the server, and nothing between --------------------------------------------------------------
java -jar server/target/duet-server.jar --host 127.0.0.1 --port 0 --admin-port 0 --max-body 1MiB --quiet \
  >"$work/duet.log" 2>&1 &
pids+=($!)
wait_for 30 "duet-server" grep -q "admin listening on" "$work/duet.log"
server=$(grep -o "http listening on [^ ]*" "$work/duet.log" | head -1 | sed 's/.*://')
admin=$(grep -o "admin listening on [^ ]*" "$work/duet.log" | head -1 | sed 's/.*://')
direct=http://127.0.0.1:$server

out=$(duet diff "$direct/a?b=1" -H 'X-Custom-Key: v') || fail "diff with nothing between exited $?"
[[ -z $out ]] || fail "diff with nothing between printed: $out"
echo "ok: diff with nothing between prints nothing"
for how in "" --http2; do
  report=$(duet diff --json $how -d 'a body' -H 'X-Twice: 1' -H 'X-Twice: 2' "$direct/j") || fail "diff --json $how exited $?"
  expect "nothing between ${how:-HTTP/1.1}" "$report" .same true
  untouched "nothing between ${how:-HTTP/1.1}" "$report"
done
run=$(duet get --json --count 3 "$direct/c" | tail -1)
expect "get with nothing between" "$run" '[.sent,.answered,.reachedServer,.duplicates,.neverArrived,.answeredInBetween]' \
  '[3,3,3,0,0,0]'
bench=$(duet bench --json --concurrency 4 --duration 1s "$direct/b") || fail "bench with nothing between exited $?"
expect "bench with nothing between" "$bench" '[.sent == .answered, .reachedServer == .sent, .duplicates, .neverArrived, .answeredInBetween, (.path.p50 <= .latency.p50)]' \
  '[true,true,0,0,0,true]'

# faults TABLE...: each fault's [fault, status, error, connectionKept, serverSaw], as jq prints them
fault_rows() { jq -c '[.[] | [.fault, .status, .error, .connectionKept, .serverSaw]]' <<<"$1"; }
# a run of faults short enough for a test: slow and trickle 3 s, a body of 1 MiB
faults() { duet faults --json --slow 3s --big-body 1MiB "$@"; }
# limits up to what the server takes, and a little more
limits() { duet limits --json --max-body 2MiB --max-message 2MiB "$@"; }

table=$(faults --timeout 6s "$direct/f") || fail "faults with nothing between exited $?"
expect "faults with nothing between: each as the server produced it" "$table" \
  '[.[] | [.fault, .status, .error, .connectionKept, .serverSaw]]' \
  '[["503",503,null,true,1],["500",500,null,true,1],["slow",200,null,true,1],["close",null,"closed",false,1],["reset",null,"reset",false,1],["hang",null,"timeout",false,1],["cut",200,"partial",false,1],["trickle",200,null,true,1],["big-header",200,null,true,1],["big-body",200,null,true,1]]'
expect "the slow and hung ones took their time" "$table" \
  '[.[] | select(.fault == "slow" or .fault == "trickle" or .fault == "hang") | .ms >= 3000]' '[true,true,true]'
direct_walls=$(limits "$direct/l") || fail "limits with nothing between exited $?"
version=$(curl -sf "http://127.0.0.1:$admin/version") || fail "/version did not answer"
stated=$(jq -c '.listening[0].limits' <<<"$version")
expect "the server's own limits, as /version states them" "$direct_walls" \
  '[.headerSection.largest, .body.largest, .wsMessage.largest]' "$(jq -c '[.maxHeaderSize, .maxBody, .maxMessage]' <<<"$stated")"
expect "limits with nothing between: refused by the server itself" "$direct_walls" \
  '[.target.refusedAs, .headerValue.refusedAs, .headerSection.refusedAs, .headerCount.refusedAs, .body.refusedAs, .wsMessage.refusedAs]' \
  '["431","431","431","431","413","1009"]'

# --- nginx ---------------------------------------------------------------------------------------
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$work/key.pem" -out "$work/cert.pem" \
  -days 1 -subj /CN=localhost -addext subjectAltName=DNS:localhost >/dev/null 2>&1
nginx_port=$(free_port) nginx_tls=$(free_port) nginx_stress=$(free_port)
# pass Host and Connection on as they came, so each location changes only what it says
keep='proxy_http_version 1.1; proxy_set_header Host $http_host; proxy_set_header Connection $http_connection;'
cat >"$work/nginx.conf" <<EOF
daemon off; pid $work/nginx.pid; error_log $work/nginx.log; worker_processes 1;
events {}
http {
  access_log off;
  client_body_temp_path $work/nginx-body; proxy_temp_path $work/nginx-proxy;
  proxy_cache_path $work/nginx-cache keys_zone=echo:1m;
  server {
    listen 127.0.0.1:$nginx_port;
    location / {
      proxy_pass http://127.0.0.1:$server; $keep
      proxy_set_header X-Added by-nginx; proxy_set_header X-Secret ""; proxy_set_header X-Mode rewritten;
    }
    location /api/ { proxy_pass http://127.0.0.1:$server/v2/; $keep }
    location /cached/ { proxy_pass http://127.0.0.1:$server; $keep proxy_cache echo; proxy_cache_valid 200 1m; }
  }
  server { # the path under stress: short read timeouts, small header buffers, bodies up to 512 KiB
    listen 127.0.0.1:$nginx_stress;
    large_client_header_buffers 4 2k;
    client_max_body_size 512k;
    location / {
      proxy_pass http://127.0.0.1:$server; $keep proxy_set_header Upgrade \$http_upgrade;
      proxy_read_timeout 1s;
    }
  }
  server {
    listen 127.0.0.1:$nginx_tls ssl http2;
    ssl_certificate $work/cert.pem; ssl_certificate_key $work/key.pem;
    location / { proxy_pass http://127.0.0.1:$server; $keep }
  }
}
EOF
nginx -c "$work/nginx.conf" >"$work/nginx-start.log" 2>&1 &
pids+=($!)
wait_for 30 nginx curl -sf "http://127.0.0.1:$nginx_port/up"

report=$(duet diff --json -H 'X-Secret: s' -H 'X-Mode: original' "http://localhost:$nginx_port/h?x=1")
expect "nginx adds a header" "$report" .added '{"X-Added":["by-nginx"]}'
expect "nginx removes a header" "$report" .removed '{"X-Secret":["s"]}'
expect "nginx rewrites a header" "$report" .changed '{"X-Mode":{"sent":["original"],"received":["rewritten"]}}'
expect "nginx is another caller" "$report" '[.caller.local != .caller.seenByServer, .caller.forwardedFor]' '[true,[]]'
untouched "nginx's headers" "$report" added removed changed caller

report=$(duet diff --json "http://localhost:$nginx_port/api/a?b")
expect "nginx rewrites the path" "$report" .target '{"sent":"/api/a?b","received":"/v2/a?b"}'
untouched "nginx's path" "$report" target caller

report=$(duet diff --json --http2 --cacert "$work/cert.pem" "https://localhost:$nginx_tls/t")
expect "nginx turns HTTP/2 into HTTP/1.1" "$report" .protocol '{"sent":"HTTP/2","received":"HTTP/1.1"}'
expect "nginx terminates TLS" "$report" .tls '{"sent":true,"received":false}'
untouched "nginx's TLS" "$report" protocol tls caller

run=$(duet get --json --count 4 "http://localhost:$nginx_port/cached/x" | tail -1)
expect "nginx answers from its cache" "$run" '[.sent,.answered,.reachedServer,.duplicates,.neverArrived,.answeredInBetween]' \
  '[4,4,1,0,3,3]'
duet diff "http://localhost:$nginx_port/cached/j" >/dev/null || fail "the first diff through nginx's cache exited $?"
status=0; out=$(duet diff "http://localhost:$nginx_port/cached/j" 2>&1) || status=$?
[[ $status == 1 && $out == *"answered with the echo of another request"*"a cache or a hop answered"* ]] \
  || fail "a diff nginx answered from its cache: exit $status, $out"
echo "ok: diff says when nginx's cache answered instead of the server"

table=$(faults --timeout 6s "http://127.0.0.1:$nginx_stress/f") || fail "faults through nginx exited $?"
expect "faults through nginx: 504 for the slow and the hung, 502 for what broke" "$table" \
  '[.[] | [.fault, .status, .error, .connectionKept, .serverSaw]]' \
  '[["503",503,null,true,1],["500",500,null,true,1],["slow",504,null,true,1],["close",502,null,true,1],["reset",502,null,true,1],["hang",504,null,true,1],["cut",200,"partial",false,1],["trickle",200,null,true,1],["big-header",502,null,true,1],["big-body",200,null,true,1]]'
expect "nginx gives up on the slow and the hung after its 1 s" "$table" \
  '[.[] | select(.fault == "slow" or .fault == "hang") | .ms >= 1000 and .ms < 3000]' '[true,true]'
walls=$(limits "http://127.0.0.1:$nginx_stress/l") || fail "limits through nginx exited $?"
# a 2 KiB buffer holds the request line, or one header line, with its CRLF
expect "nginx's 2k header buffers: the request line and a header line stop at 2048 bytes" "$walls" \
  '[.target.largest + ("GET  HTTP/1.1\r\n" | length), .target.refusedAs, .headerValue.largest + ("X-Limit-Value: \r\n" | length), .headerValue.refusedAs]' \
  '[2048,"414",2048,"400"]'
expect "nginx's client_max_body_size 512k" "$walls" .body '{"largest":524288,"smallestRefused":524289,"refusedAs":"413"}'
expect "nginx tunnels WebSocket: the server's own message limit" "$walls" .wsMessage "$(jq -c .wsMessage <<<"$direct_walls")"

# --- HAProxy -------------------------------------------------------------------------------------
haproxy_port=$(free_port)
cat >"$work/haproxy.cfg" <<EOF
global
  maxconn 100
defaults
  mode http
  timeout connect 2s
  timeout client 10s
  timeout server 10s
  retries 2
frontend in
  bind 127.0.0.1:$haproxy_port
  option forwardfor
  default_backend duet
backend duet
  retry-on 503 empty-response conn-failure
  server duet 127.0.0.1:$server
EOF
haproxy -f "$work/haproxy.cfg" -db >"$work/haproxy.log" 2>&1 &
pids+=($!)
wait_for 30 haproxy curl -sf "http://127.0.0.1:$haproxy_port/up"

report=$(duet diff --json -H 'X-Legacy-Key: v' "http://localhost:$haproxy_port/h")
# (the server spells X-Forwarded-For, a header it knows, its own way: only the others show their case)
expect "HAProxy lower-cases names" "$report" .caseChanged \
  '{"X-Legacy-Key":"x-legacy-key","X-Duet-Run":"x-duet-run","X-Duet-Seq":"x-duet-seq"}'
expect "HAProxy adds X-Forwarded-For" "$report" '[.added, .hops, .caller.forwardedFor]' \
  '[{"X-Forwarded-For":["127.0.0.1"]},[{"header":"X-Forwarded-For","value":"127.0.0.1"}],["127.0.0.1"]]'
expect "HAProxy drops Connection" "$report" .removed '{"Connection":["Keep-Alive"]}'
untouched "HAProxy" "$report" caseChanged added hops caller removed

# (get exits 22 for an answer of 400 or more, as curl -f does: the JSON says the rest)
lines=$(duet get --json -H 'X-Duet-Status: 503' "http://localhost:$haproxy_port/busy" 2>/dev/null) || true
expect "HAProxy retries a 503 twice" "$(tail -1 <<<"$lines")" \
  '[.sent,.answered,.reachedServer,.duplicates,.neverArrived,.answeredInBetween]' '[1,1,1,2,0,0]'
lines=$(duet get --json -H 'X-Duet-Fault: reset' "http://localhost:$haproxy_port/reset" 2>/dev/null || true)
expect "HAProxy answers a reset itself" "$(head -1 <<<"$lines")" .statusCode 502
expect "HAProxy retries a reset twice" "$(tail -1 <<<"$lines")" \
  '[.sent,.answered,.reachedServer,.duplicates,.neverArrived,.answeredInBetween]' '[1,1,1,2,0,1]'

table=$(faults --timeout 6s --only 503,close,reset,slow "http://127.0.0.1:$haproxy_port/f") \
  || fail "faults through HAProxy exited $?"
expect "faults through HAProxy: retry-on sends the 503, the close and the reset three times" "$table" \
  '[.[] | [.fault, .status, .error, .connectionKept, .serverSaw]]' \
  '[["503",503,null,true,3],["slow",200,null,true,1],["close",502,null,true,3],["reset",502,null,true,3]]'
walls=$(limits "http://127.0.0.1:$haproxy_port/l") || fail "limits through HAProxy exited $?"
expect "HAProxy stops at 100 header fields" "$walls" .headerCount '{"largest":100,"smallestRefused":101,"refusedAs":"400"}'
expect "HAProxy's X-Forwarded-For takes its bytes of the server's head" "$walls" \
  '[.headerSection.largest + ("X-Forwarded-For: 127.0.0.1\r\n" | length), .headerSection.refusedAs]' \
  "[$(jq .maxHeaderSize <<<"$stated"),\"431\"]"

# --- Caddy ---------------------------------------------------------------------------------------
caddy_port=$(free_port)
mkdir -p "$work/caddy"
cat >"$work/Caddyfile" <<EOF
{
  admin off
  skip_install_trust
  storage file_system $work/caddy
}
https://localhost:$caddy_port {
  tls internal
  reverse_proxy 127.0.0.1:$server
}
EOF
HOME=$work/caddy XDG_DATA_HOME=$work/caddy XDG_CONFIG_HOME=$work/caddy \
  caddy run --config "$work/Caddyfile" --adapter caddyfile >"$work/caddy.log" 2>&1 &
pids+=($!)
wait_for 30 caddy curl -skf "https://localhost:$caddy_port/up"

report=$(duet diff --json -k --http2 "https://localhost:$caddy_port/c")
expect "Caddy turns HTTP/2 into HTTP/1.1" "$report" .protocol '{"sent":"HTTP/2","received":"HTTP/1.1"}'
expect "Caddy terminates TLS" "$report" .tls '{"sent":true,"received":false}'
expect "Caddy adds X-Forwarded-*" "$report" '[(.added | keys), (.hops | map(.header)), .caller.forwardedFor]' \
  '[["X-Forwarded-For","X-Forwarded-Host","X-Forwarded-Proto"],["X-Forwarded-For","X-Forwarded-Host","X-Forwarded-Proto"],["127.0.0.1"]]'
untouched "Caddy" "$report" protocol tls added hops caller

# --- Varnish -------------------------------------------------------------------------------------
varnish_port=$(free_port)
varnishd -F -a "127.0.0.1:$varnish_port" -b "127.0.0.1:$server" -n "$work/varnish" -s malloc,16m \
  >"$work/varnish.log" 2>&1 &
pids+=($!)
wait_for 30 varnish curl -sf "http://127.0.0.1:$varnish_port/up"

report=$(duet diff --json -X POST "http://localhost:$varnish_port/v") # a POST passes through the cache
expect "Varnish adds X-Forwarded-For and X-Varnish" "$report" '[(.added | keys), (.hops | map(.header))]' \
  '[["X-Forwarded-For","X-Varnish"],["X-Forwarded-For","X-Varnish"]]'
expect "Varnish drops Connection" "$report" .removed '{"Connection":["Keep-Alive"]}'
untouched "Varnish" "$report" added hops removed caller
run=$(duet get --json --count 3 "http://localhost:$varnish_port/cached" | tail -1)
expect "Varnish answers from its cache" "$run" '[.sent,.answered,.reachedServer,.duplicates,.neverArrived,.answeredInBetween]' \
  '[3,3,1,0,2,2]'
bench=$(duet bench --json --concurrency 4 --duration 1s "http://localhost:$varnish_port/load")
expect "bench through Varnish: the cache answered all but the first" "$bench" \
  '[.reachedServer, .answeredInBetween == .answered - 1, .neverArrived == .sent - 1]' '[1,true,true]'

echo "e2e-between: every intermediary named by what it did"
