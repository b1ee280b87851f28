#!/usr/bin/env bash
# The echo's protocols against peers nobody here wrote, on loopback: curl over TLS (HTTP/2 by ALPN,
# trusting the certificate the server wrote, and refused with exit 60 without it), openssl s_client
# (ALPN h2 chosen, TLS 1.1 refused, TLS 1.2's CBC suites refused and ChaCha20 chosen, a renegotiation
# refused with an alert, on the TCP echo too), curl over cleartext HTTP/2 (prior knowledge and Upgrade: h2c)
# with an odd target, h2load's 2000 requests over h2c and over TLS, mutual TLS with a CA and client
# certificates openssl makes here, the X-Duet-* response controls as curl sees them, npm's `ws`
# echoing text, binary and 200 KiB messages over ws:// and wss:// and seeing text that is not UTF-8
# closed with 1007, openssl through the TCP echo's
# TLS, and last HTTP/1.1 over TLS chosen by ALPN (openssl and curl --http1.1). Duet's own client
# takes part too: --cacert --http2, and ws over wss://. Every answer is checked exactly.
#
# Usage: scripts/e2e-protocols.sh            run it (builds the server jar if missing)
#        scripts/e2e-protocols.sh --check    exit 0 if every peer is here, else say which is missing
#   JAR         another server jar to try (default server/target/duet-server.jar)
#   CLIENT_JAR  another client jar (default client/target/duet-client.jar)
# npm's `ws` is installed once, outside the repository, in ${XDG_CACHE_HOME:-~/.cache}/duet/npm.
set -euo pipefail
cd "$(dirname "$0")/.."

e2e_name=e2e-protocols
. scripts/lib.sh
can_run() { needs curl openssl h2load node npm; }
check_or_exit "$@"

work=$(mktemp -d)
log=$work/none.log # the log of the server being checked, which fail shows
cleanup() {
  stop_started
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP PIPE

fail() {
  echo "e2e-protocols: FAIL: $*" >&2
  echo "--- server log $(basename "$log") (last 20 lines)" >&2
  tail -20 "$log" >&2 || true
  exit 1
}

# start NAME WHAT ARGS...: the server jar with ARGS, logging to $work/NAME.log; sets port from its
# "WHAT listening on HOST:PORT" line (the admin port has a line of its own)
jar=${JAR:-server/target/duet-server.jar}
[[ -f $jar ]] || ./mvnw -B -q package -DskipTests
start() {
  local name=$1 what=$2
  log=$work/$name.log
  java -jar "$jar" "${@:3}" >"$log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 300); do
    grep -q "$what listening on" "$log" && break
    kill -0 "${pids[-1]}" 2>/dev/null || fail "the $name server exited"
    sleep 0.1
  done
  grep -q "$what listening on" "$log" || fail "the $name server did not start within 30s"
  port=$(grep -o "$what listening on [^ ]*" "$log" | head -1 | sed 's/.*://')
}

# expect WHAT OUTPUT WANTED: the peer's output must be exactly WANTED
expect() {
  [[ $2 == "$3" ]] || fail "$1 printed '$2', wanted '$3'"
  echo "ok: $1"
}
# expect_in WHAT OUTPUT NEEDLE...: the peer's output must contain every NEEDLE
expect_in() {
  local needle
  for needle in "${@:3}"; do [[ $2 == *"$needle"* ]] || fail "$1: no '$needle' in '$2'"; done
  echo "ok: $1"
}
# status COMMAND...: COMMAND's exit status; its output (both streams) goes to $work/out
status() { local s=0; "$@" >"$work/out" 2>&1 || s=$?; echo "$s"; }
ask() { curl -sS --max-time 20 "$@"; }
s_client() { timeout 10 openssl s_client -connect "127.0.0.1:$port" "$@" </dev/null 2>&1; }
# h2load_all URL PROTOCOL: 2000 requests on 10 connections of 10 streams, each a 2xx, over PROTOCOL
h2load_all() {
  local out
  out=$(timeout 60 h2load -n 2000 -c 10 -m 10 "$1" 2>&1) || fail "h2load $1 exited $?"
  expect "h2load $1: 2000 requests over $2, every one a 2xx" \
    "$(grep -E '^(Application protocol|requests|status codes):' <<<"$out")" "Application protocol: $2
requests: 2000 total, 2000 started, 2000 done, 2000 succeeded, 0 failed, 0 errored, 0 timeout
status codes: 2000 2xx, 0 3xx, 0 4xx, 0 5xx"
}

# TLS with a certificate made at start, written out for the peers to trust
start tls https --host 127.0.0.1 --port 0 --admin-port 0 --tls self-signed --write-cert "$work/tls.pem"
tls_port=$port tls=https://localhost:$port cert=$work/tls.pem
echo "e2e-protocols: TLS server on $tls"
out=$(ask --http2 --cacert "$cert" -w ' %{http_version}' "$tls/hello?x=1") || fail "curl --cacert exited $?"
expect "curl --http2 --cacert: the target, over HTTP/2" "$out" "/hello?x=1 2"
out=$(ask --http2 -k -w ' %{http_version}' "$tls/hello?x=1") || fail "curl -k exited $?"
expect "curl --http2 -k: the target, over HTTP/2" "$out" "/hello?x=1 2"
out=$(ask --cacert "$cert" -H 'Accept: application/json' "$tls/json") || fail "curl for JSON exited $?"
expect_in "JSON over TLS: HTTP/2.0, ALPN h2" "$out" '"target":"/json"' '"protocol":"HTTP/2.0"' '"alpn":"h2"'
s=$(status ask "$tls/untrusted")
((s == 60)) || fail "curl without --cacert or -k: exit $s, wanted 60: $(cat "$work/out")"
echo "ok: curl without --cacert or -k: exit 60, the self-signed certificate is not trusted"

# Duet's own client, as the README has users call it
client_jar=${CLIENT_JAR:-client/target/duet-client.jar}
[[ -f $client_jar ]] || ./mvnw -B -q package -DskipTests
duet() { timeout 30 java -jar "$client_jar" "$@"; }
out=$(duet --cacert "$cert" --http2 --json "$tls/hello?x=1") || fail "duet-client --cacert --http2 exited $?"
expect_in "duet-client --cacert --http2: the target, over HTTP/2.0" "$out" '"statusCode":200' \
  '"protocol":"HTTP/2.0"' '"body":"/hello?x=1"'
out=$(duet ws --cacert "$cert" --count 3 --interval 50ms "wss://localhost:$tls_port/ws") \
  || fail "duet-client ws exited $?: $out"
expect_in "duet-client ws: 3 round trips over wss://, each echo checked" "$out" "round trips: 3,"

out=$(s_client -alpn h2) || true # what it says of ALPN is the check
expect "openssl s_client -alpn h2" "$(grep -m1 ALPN <<<"$out")" "ALPN protocol: h2"
if ! openssl s_client -help 2>&1 | grep -q -- -tls1_1; then
  echo "skipped: TLS 1.1 refused (this openssl cannot offer TLS 1.1 at all)"
else # offer it even where the system's OpenSSL settings forbid it, so the server is what says no
  out=$(OPENSSL_CONF=/dev/null s_client -tls1_1 -cipher 'DEFAULT@SECLEVEL=0') \
    && fail "a TLS 1.1 handshake succeeded: $out"
  if grep -q 'alert protocol version' <<<"$out"; then
    echo "ok: openssl s_client -tls1_1: refused, alert protocol version"
  elif grep -q 'no protocols available' <<<"$out"; then
    echo "skipped: TLS 1.1 refused (this openssl will not offer TLS 1.1)"
  else
    fail "openssl s_client -tls1_1 failed, but not with the server's protocol version alert: $out"
  fi
fi
# TLS 1.2 offers AEAD suites only, and a renegotiation the client starts gets an alert
out=$(s_client -tls1_2 -cipher ECDHE-ECDSA-AES128-SHA256:ECDHE-ECDSA-AES256-SHA384) \
  && fail "a TLS 1.2 handshake with only CBC suites offered succeeded: $out"
expect_in "openssl s_client -tls1_2 with only CBC suites: refused" "$out" "alert handshake failure"
out=$(s_client -tls1_2 -cipher ECDHE-ECDSA-CHACHA20-POLY1305) || true
expect "openssl s_client -tls1_2 with ChaCha20-Poly1305" "$(grep -m1 'Cipher is' <<<"$out")" \
  "New, TLSv1.2, Cipher is ECDHE-ECDSA-CHACHA20-POLY1305"
# renegotiate RUN_PORT: s_client's "R" on TLS 1.2; the server must answer with an alert, not just close
renegotiate() {
  { echo R; sleep 2; } | timeout 10 openssl s_client -connect "127.0.0.1:$1" -tls1_2 -msg 2>&1 || true
}
out=$(renegotiate "$tls_port")
expect_in "openssl s_client renegotiating: refused with an alert" "$out" "RENEGOTIATING" \
  "<<< TLS 1.2, Alert [length 0002], fatal handshake_failure"
h2load_all "https://127.0.0.1:$tls_port/h2load" h2

# cleartext HTTP/2, reached both ways curl knows; the target's %2F and %zz must come back as sent
start clear http --host 127.0.0.1 --port 0 --admin-port 0
clear_port=$port clear=http://127.0.0.1:$port odd='/a%2Fb?x=%zz&y'
echo "e2e-protocols: cleartext server on $clear"
for way in --http2-prior-knowledge --http2; do
  out=$(ask --path-as-is "$way" -w ' %{http_version}' "$clear$odd") || fail "curl $way exited $?"
  expect "curl $way: the odd target as sent, over HTTP/2" "$out" "$odd 2"
done
h2load_all "$clear/h2load" h2c

# the response controls, as curl sees them (LC_ALL=C: the time with a decimal point, for awk)
out=$(LC_ALL=C ask -o "$work/body" -w '%{http_code} %{time_total}' -H 'X-Duet-Status: 503' \
  -H 'X-Duet-Delay: 200ms' "$clear/slow?x=1") || fail "curl with X-Duet-Status and -Delay exited $?"
read -r code seconds <<<"$out"
[[ $code == 503 && $(<"$work/body") == '/slow?x=1' ]] && awk "BEGIN { exit !($seconds >= 0.2) }" \
  || fail "X-Duet-Status: 503, X-Duet-Delay: 200ms: got $code after ${seconds}s with '$(<"$work/body")'"
echo "ok: X-Duet-Status: 503 and X-Duet-Delay: 200ms: 503 with the target after ${seconds}s"
ask -o "$work/body" -H 'X-Duet-Size: 1MiB' "$clear/big" || fail "curl with X-Duet-Size exited $?"
expect "X-Duet-Size: 1MiB" "$(stat -c %s "$work/body") bytes" "1048576 bytes"
s=$(status ask "$clear/reset" -H 'X-Duet-Fault: reset')
((s == 56)) || fail "X-Duet-Fault: reset: curl exit $s, wanted 56: $(cat "$work/out")"
echo "ok: X-Duet-Fault: reset: curl exit 56, connection reset"
out=$(ask -o /dev/null -w '%{http_code}' -H 'X-Duet-Status: 99' "$clear/bad") || fail "curl exited $?"
expect "X-Duet-Status: 99 is refused" "$out" "400"

# WebSocket: npm's ws, over both servers
npm_dir=${XDG_CACHE_HOME:-$HOME/.cache}/duet/npm
[[ -f $npm_dir/node_modules/ws/package.json ]] || timeout 120 npm install --prefix "$npm_dir" ws@8 \
  --no-audit --no-fund --silent || fail "npm install --prefix $npm_dir ws@8 failed"
ws_echo() { NODE_PATH=$npm_dir/node_modules timeout 30 node interop/node/ws-echo.js "$@"; }
log=$work/clear.log
out=$(ws_echo "ws://127.0.0.1:$clear_port/chat?room=1") || fail "ws-echo.js over ws:// exited $?"
expect "ws over ws://: text, binary and 200 KiB echoed exactly" "$out" "ws 3 messages echoed"
log=$work/tls.log
out=$(ws_echo --ca "$cert" "wss://localhost:$tls_port/secure") || fail "ws-echo.js over wss:// exited $?"
expect "ws over wss://: text, binary and 200 KiB echoed exactly" "$out" "wss 3 messages echoed"
ws_utf8() { NODE_PATH=$npm_dir/node_modules timeout 30 node interop/node/ws-utf8.js "$@"; }
out=$(ws_utf8 --ca "$cert" "wss://localhost:$tls_port/utf8") || fail "ws-utf8.js over wss:// exited $?: $out"
expect "ws over wss://: text that is not UTF-8, whole or split across fragments, closes with 1007" "$out" \
  "wss 4 invalid texts closed with 1007"

# mutual TLS: a CA, a server and a client certificate it signed, and a stranger it did not
pki=$work/pki
mkdir "$pki"
ec=(-newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes)
self_signed() { # self_signed NAME SUBJECT
  openssl req -x509 "${ec[@]}" -keyout "$pki/$1.key" -days 1 -subj "$2" -out "$pki/$1.pem" 2>/dev/null
}
self_signed ca '/CN=Duet e2e CA'
self_signed stranger /CN=stranger
sign() { # sign NAME SUBJECT EXTENSION: a key, and a certificate the CA signed
  openssl req -new "${ec[@]}" -keyout "$pki/$1.key" -subj "$2" -out "$pki/$1.csr" 2>/dev/null
  openssl x509 -req -in "$pki/$1.csr" -CA "$pki/ca.pem" -CAkey "$pki/ca.key" -CAcreateserial -days 1 \
    -extfile <(echo "$3") -out "$pki/$1.pem" 2>/dev/null
}
sign server /CN=localhost subjectAltName=DNS:localhost,IP:127.0.0.1
sign client '/O=Duet/CN=e2e client' extendedKeyUsage=clientAuth
start mtls https --host 127.0.0.1 --port 0 --admin-port 0 --cert "$pki/server.pem" --key "$pki/server.key" \
  --client-ca "$pki/ca.pem"
mtls=https://localhost:$port
client=(--cacert "$pki/ca.pem" --cert "$pki/client.pem" --key "$pki/client.key")
out=$(ask "${client[@]}" "$mtls/mtls?x=1") || fail "curl with the client certificate exited $?"
expect "mutual TLS: curl with the client certificate" "$out" "/mtls?x=1"
out=$(ask "${client[@]}" -H 'Accept: application/json' "$mtls/who") || fail "curl for JSON exited $?"
expect_in "mutual TLS: the JSON names the client" "$out" '"clientCertificate":"CN=e2e client,O=Duet"'
# the same CA and server certificate, so a refusal now is the client certificate's doing
s=$(status ask --cacert "$pki/ca.pem" "$mtls/anonymous")
((s != 0)) || fail "mutual TLS: curl without a client certificate got in: $(cat "$work/out")"
echo "ok: mutual TLS: curl without a client certificate is refused (exit $s)"
for _ in $(seq 1 50); do grep -q 'TLS handshake from 127.0.0.1' "$log" && break; sleep 0.1; done
grep -q 'TLS handshake from 127.0.0.1' "$log" || fail "the refused handshake left no line in the server log"
echo "ok: mutual TLS: the server logs the refused handshake"
s=$(status ask --cacert "$pki/ca.pem" --cert "$pki/stranger.pem" --key "$pki/stranger.key" "$mtls/stranger")
((s != 0)) || fail "mutual TLS: a certificate the CA did not sign got in: $(cat "$work/out")"
echo "ok: mutual TLS: curl with a certificate the CA did not sign is refused (exit $s)"

# the TCP echo over TLS: openssl reads until the echo is back, then closes its end
start tcp 'tcp+tls' tcp --host 127.0.0.1 --port 0 --tls self-signed --write-cert "$work/tcp.pem"
mkfifo "$work/in"
timeout 10 openssl s_client -quiet -no_ign_eof -verify_return_error -connect "127.0.0.1:$port" \
  -CAfile "$work/tcp.pem" <"$work/in" >"$work/echo" 2>"$work/out" &
peer=$!
exec 3>"$work/in"
printf 'hello\n' >&3
for _ in $(seq 1 100); do grep -q hello "$work/echo" && break; sleep 0.1; done
exec 3>&-
wait "$peer" || fail "openssl s_client to the tcp echo exited $?: $(cat "$work/out")"
expect "openssl s_client through tcp --tls" "$(<"$work/echo")" "hello"
out=$(renegotiate "$port")
expect_in "openssl s_client renegotiating with the TCP echo: refused with an alert" "$out" "RENEGOTIATING" \
  "<<< TLS 1.2, Alert [length 0002], fatal handshake_failure"

# HTTP/1.1 over TLS, chosen by ALPN, as a client that does not speak h2 asks for it
log=$work/tls.log port=$tls_port
out=$(s_client -alpn http/1.1) || true
expect "openssl s_client -alpn http/1.1" "$(grep -m1 ALPN <<<"$out")" "ALPN protocol: http/1.1"
out=$(ask --http1.1 --cacert "$cert" -H 'Accept: application/json' "$tls/one") \
  || fail "curl --http1.1 over TLS exited $?"
expect_in "curl --http1.1 over TLS: HTTP/1.1, ALPN http/1.1" "$out" '"target":"/one"' '"protocol":"HTTP/1.1"' \
  '"alpn":"http/1.1"'

echo "e2e-protocols: passed"
