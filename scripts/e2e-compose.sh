#!/usr/bin/env bash
# Runs Duet with Docker Compose for real and checks what users see: the server healthy (its
# /readyz), the client's logs showing `statusCode: 200` and `/hello`, curl on the published port,
# the control plane's /readyz and /metrics on its published port, and the tcp, unix and udp profiles
# echoing (udp also from the host, through its published UDP port), gRPC on the echo port; and what users of echo servers
# ask for most, set as docs/containers.md says: the whole request in `docker compose logs`, controls
# in the query, chaos for the instance from the control plane, compressed (gzip, br, zstd: the
# image's native codecs) and streamed answers, CORS and JWT. Tears everything down afterwards, pass
# or fail.
# Works with `docker compose` (v2) or the older `docker-compose` (v1).
#
# Usage: scripts/e2e-compose.sh            (DUET_PORT, DUET_ADMIN_PUBLISH and DUET_UDP_PORT pick the
#                                          published ports, default 8888, 8889 and 9001)
#        scripts/e2e-compose.sh --check    exit 0 if a Docker engine answers and the base images are
#                                          here, else say why
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh # wait_for

if docker compose version >/dev/null 2>&1; then
  compose=(docker compose)
elif command -v docker-compose >/dev/null 2>&1; then
  compose=(docker-compose)
else
  compose=()
fi

can_run() {
  if ! command -v docker >/dev/null; then echo "docker is not installed"; return 1; fi
  if ! docker info >/dev/null 2>&1; then echo "no Docker engine answers (is dockerd running?)"; return 1; fi
  if ((${#compose[@]} == 0)); then echo "neither 'docker compose' nor 'docker-compose' is installed"; return 1; fi
}

# CI asks with --check, and runs the test only where the base images are already here: a machine
# that cannot reach a registry would otherwise fail on the pull, not on anything of Duet's.
base_images_present() {
  for image in maven:3.9-eclipse-temurin-25 eclipse-temurin:25-jre; do
    docker image inspect "$image" >/dev/null 2>&1 || { echo "base image $image is not on this machine (docker pull $image)"; return 1; }
  done
}

if [[ ${1:-} == --check ]]; then
  can_run && base_images_present
  exit
fi
reason=$(can_run) || { echo "e2e-compose: cannot run: $reason" >&2; exit 1; }

port=${DUET_PORT:-8888}
admin_port=${DUET_ADMIN_PUBLISH:-8889}
udp_port=${DUET_UDP_PORT:-9001}
export DUET_PORT=$port DUET_ADMIN_PUBLISH=$admin_port DUET_UDP_PORT=$udp_port
# the options a user turns on through the compose file's variables (docs/containers.md)
export DUET_LOG_HEADERS=true DUET_LOG_BODY=64 DUET_CORS='*' DUET_ADMIN_TOKEN=
project=duet-e2e-$$
dc=("${compose[@]}" -p "$project" --profile tcp --profile unix --profile udp)

cleanup() {
  "${dc[@]}" down -v --remove-orphans >/dev/null 2>&1 || true
}
trap cleanup EXIT
# a signal ends the script through the EXIT trap too, so nothing it started is left running
trap 'exit 130' INT TERM HUP PIPE

fail() {
  echo "e2e-compose: FAIL: $*" >&2
  "${dc[@]}" ps >&2 || true
  "${dc[@]}" logs --no-color --tail 30 >&2 || true
  exit 1
}

# wait_for SECONDS DESCRIPTION COMMAND...: polls COMMAND once a second until it succeeds

healthy() {
  local id
  id=$("${dc[@]}" ps -q "$1")
  [[ -n $id && $(docker inspect -f '{{.State.Health.Status}}' "$id") == healthy ]]
}

logs_show() {
  grep -q -- "$2" <<<"$("${dc[@]}" logs --no-color "$1")"
}

# udp_echoes PORT: a datagram to the published UDP port comes back (bash's /dev/udp: no tool needed)
udp_echoes() {
  local reply
  exec 3<>"/dev/udp/127.0.0.1/$1" || return 1
  printf 'hello' >&3
  read -r -t 2 -N 5 reply <&3 || true
  exec 3<&-
  [[ $reply == hello ]]
}

client_saw_hello() {
  # "statusCode: 200" and then "/hello" on the next line of the client's own output
  grep -A1 -x 'statusCode: 200' <<<"$("${dc[@]}" logs --no-color client | sed 's/^[^|]*| //')" | grep -x '/hello' >/dev/null
}

echo "e2e-compose: ${compose[*]} up --build (project $project, port $port)"
"${dc[@]}" up -d --build >/dev/null 2>&1 || { "${dc[@]}" up -d --build; fail "compose up failed"; }

wait_for 120 "server healthy" healthy server
echo "ok: server is healthy"
wait_for 60 "client printed statusCode: 200 and /hello" client_saw_hello
echo "ok: the client's logs show 'statusCode: 200' and '/hello'"

out=$(curl -sS "http://localhost:$port/hello") || fail "curl localhost:$port failed"
[[ $out == /hello ]] || fail "curl printed: $out"
echo "ok: curl localhost:$port/hello printed /hello"

out=$(curl -sS "http://localhost:$admin_port/readyz") || fail "curl localhost:$admin_port/readyz failed"
[[ $out == ready ]] || fail "/readyz said: $out"
metrics=$(curl -sS "http://localhost:$admin_port/metrics") || fail "curl localhost:$admin_port/metrics failed"
grep -q '^duet_requests_total{code="200",method="GET",transport="http"} [1-9]' <<<"$metrics" \
  || fail "/metrics counts no GET: $(grep duet_requests_total <<<"$metrics")"
echo "ok: the control plane on $admin_port: /readyz says ready, /metrics counts the client's GETs"

base=http://localhost:$port
admin=http://localhost:$admin_port
# 1. the whole request in the log: headers and body, the token redacted
curl -sS -o /dev/null -H 'X-Probe: e2e-23' -H 'Authorization: Bearer e2e-secret' --data 'probe-body' "$base/logged" \
  || fail "curl with headers and a body failed"
wait_for 10 "the request's headers in the server's log" logs_show server 'X-Probe="e2e-23"'
logs_show server 'Authorization="<redacted: 17 bytes>"' || fail "the token is not redacted in the log"
logs_show server 'body: 10 bytes sha256=' || fail "the body is not in the log"
! logs_show server 'e2e-secret' || fail "the token is in the log"
echo "ok: the server's log has the request's headers and body, the token redacted"
# 2. controls in the query, the target still echoed whole
out=$(curl -sS -w ' %{http_code}' "$base/q?x=1&duet-status=503") || fail "curl with a query control failed"
[[ $out == "/q?x=1&duet-status=503 503" ]] || fail "?duet-status=503 answered: $out"
echo "ok: ?duet-status=503 answers 503 with the whole target"
# (grep reads what curl wrote whole, from a here-string: a grep -q that ends a pipe early gives curl
# a broken pipe, exit 23, which pipefail makes the check's failure)
# 3. chaos for the instance: PUT /controls, in /version, counted, DELETE; the probes untouched
curl -sSf -X PUT --data 'status=500' "$admin/controls" >/dev/null || fail "PUT /controls failed"
[[ $(curl -s -o /dev/null -w '%{http_code}' "$base/chaos") == 500 ]] || fail "the default controls did not apply"
grep -q '"defaults":"status=500"' <<<"$(curl -sS "$admin/version")" || fail "/version does not show the controls"
grep -q '^duet_controls_applied_total{control="status"} [1-9]' <<<"$(curl -sS "$admin/metrics")" \
  || fail "duet_controls_applied_total counts nothing"
[[ $(curl -sS "$admin/readyz") == ready ]] || fail "the chaos reached the control plane"
curl -sSf -X DELETE "$admin/controls" >/dev/null || fail "DELETE /controls failed"
[[ $(curl -s -o /dev/null -w '%{http_code}' "$base/calm") == 200 ]] || fail "DELETE /controls did not end the chaos"
echo "ok: PUT /controls made every answer 500, /version and /metrics said so, /readyz stayed ready, DELETE ended it"
# 4. compressed answers in each coding, read by curl
for coding in gzip br zstd; do
  grep -qi "^content-encoding: $coding" <<<"$(curl -sS -D - -o /dev/null -H "Accept-Encoding: $coding" "$base/c?duet-size=4KiB")" \
    || fail "no $coding answer (docker compose logs server says whether its codec loaded)"
  [[ $(curl -sS --compressed -H "Accept-Encoding: $coding" "$base/c?duet-size=4KiB" | wc -c) == 4096 ]] \
    || fail "curl --compressed did not read the $coding answer"
done
echo "ok: gzip, br and zstd answers, read by curl --compressed"
# 5. streamed answers, and Server-Sent Events
[[ $(curl -sS -N "$base/s?duet-stream=3x200ms" | wc -l) == 3 ]] || fail "duet-stream=3x200ms did not send 3 lines"
grep -qx 'id: 3' <<<"$(curl -sS -N -H 'Accept: text/event-stream' "$base/s?duet-stream=3x100ms")" || fail "no event with id 3"
echo "ok: duet-stream=3x200ms streamed 3 chunks, and 3 events to an event-stream client"
# 6. CORS: the preflight answered for a page of another origin
preflight=$(curl -sS -D - -o /dev/null -X OPTIONS -H 'Origin: http://page.example' \
  -H 'Access-Control-Request-Method: PUT' "$base/api")
grep -qi '^access-control-allow-origin: http://page.example' <<<"$preflight" || fail "the preflight was not answered"
echo "ok: DUET_CORS='*': a preflight is answered for http://page.example"
# 7. a JWT decoded in the JSON echo
jwt="$(printf '{"alg":"none"}' | base64 | tr '+/' '-_' | tr -d '=\n').$(printf '{"sub":"e2e"}' | base64 | tr '+/' '-_' | tr -d '=\n')."
grep -q '"claims":{"sub":"e2e"}' <<<"$(curl -sS -H "Authorization: Bearer $jwt" -H 'Accept: application/json' "$base/me")" \
  || fail "the JWT is not decoded in the JSON echo"
echo "ok: a bearer JWT is decoded in the JSON echo"

wait_for 60 "tcp profile echo" logs_show tcp-client "receive: hello"
echo "ok: tcp profile: the client got its echo over TCP"
wait_for 60 "unix profile echo" logs_show unix-client "receive: hello"
echo "ok: unix profile: the client got its echo over the shared Unix socket"
wait_for 60 "udp profile echo" logs_show udp-client "echo 1: 64 bytes in "
echo "ok: udp profile: the client got its datagram's echo"
wait_for 30 "an echo from the published UDP port $udp_port" udp_echoes "$udp_port"
echo "ok: udp profile: a datagram to localhost:$udp_port/udp came back from the host"
# gRPC on the echo port: the client image calls duet.v1.Echo on the server service
out=$("${dc[@]}" run --rm --no-deps -T client grpc server:8888 --message e2e-grpc 2>/dev/null) \
  || fail "duet-client grpc server:8888 failed: $out"
[[ $out == $'status: OK\ne2e-grpc' ]] || fail "duet-client grpc server:8888 printed: $out"
echo "ok: gRPC: the client image's duet-client grpc got its message back from duet.v1.Echo on 8888"
echo "e2e-compose: passed"
