#!/usr/bin/env bash
# Soak: one HTTP server and one TCP echo server under mixed load with faults for a bounded time,
# then checks that good clients saw no errors, no stream lost a byte, both servers still answer,
# and the heap is back near where it started.
#
# Usage: bench/soak.sh [SECONDS]      default 120; e.g. bench/soak.sh 3600 for an hour
# Traffic goes to 127.0.0.1 only; every loop stops at the deadline.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-120}
[[ $seconds =~ ^[0-9]+$ && $seconds -ge 5 ]] || { echo "usage: bench/soak.sh [SECONDS>=5]" >&2; exit 2; }
source bench/lib.sh
require soak curl jcmd=openjdk-17-jdk-headless
[[ -f server/target/duet-server.jar && -f client/target/duet-client.jar ]] || ./mvnw -B -q package -DskipTests

scratch

start_server() { # start_server NAME ARGS...: starts the jar, waits for "listening", writes NAME.port
  local name=$1; shift
  java -jar server/target/duet-server.jar "$@" >"$work/$name.log" 2>&1 &
  pids+=($!)
  echo $! >"$work/$name.pid"
  for _ in $(seq 1 300); do
    if grep -q "listening on" "$work/$name.log"; then
      grep -o 'listening on [^ ]*' "$work/$name.log" | head -1 | sed 's/.*://' >"$work/$name.port"
      return
    fi
    sleep 0.1
  done
  echo "soak: $name did not start" >&2; cat "$work/$name.log" >&2; exit 1
}

start_server http http --host 127.0.0.1 --port 0 --admin-port 0 --quiet --idle-timeout 5s
start_server tcp tcp --host 127.0.0.1 --port 0 --quiet
http_port=$(cat "$work/http.port")
tcp_port=$(cat "$work/tcp.port")
http_pid=$(cat "$work/http.pid")
tcp_pid=$(cat "$work/tcp.pid")

heap_used_kib() { # after a full GC, what the heap holds
  jcmd "$1" GC.run >/dev/null
  jcmd "$1" GC.heap_info | grep -oE 'used [0-9]+K' | head -1 | grep -oE '[0-9]+'
}

# warm up, then take the baseline
for i in $(seq 1 200); do curl -s -o /dev/null "http://127.0.0.1:$http_port/warm/$i"; done
java -jar client/target/duet-client.jar tcp "127.0.0.1:$tcp_port" --count 20 --interval 1ms >/dev/null
base_http=$(heap_used_kib "$http_pid")
base_tcp=$(heap_used_kib "$tcp_pid")
echo "soak: ${seconds}s against http :$http_port and tcp :$tcp_port (heap after GC: http ${base_http}K, tcp ${base_tcp}K)"

deadline=$((SECONDS + seconds))
: >"$work/errors"

good_http() { # checks every answer is its own target
  local n=0
  while ((SECONDS < deadline)); do
    n=$((n + 1))
    body=$(curl -s --max-time 10 "http://127.0.0.1:$http_port/good/$1/$n?q=$RANDOM") \
      || { echo "good http $1/$n: curl failed" >>"$work/errors"; continue; }
    [[ $body == /good/$1/$n\?q=* ]] || echo "good http $1/$n: got '$body'" >>"$work/errors"
  done
  echo "$n" >"$work/good_http.$1"
}

good_stream() { # every echo must come back whole: the client exits non-zero otherwise
  local n=0 message
  while ((SECONDS < deadline)); do
    n=$((n + 1))
    message=$(head -c 3000 /dev/urandom | base64 -w0)
    java -jar client/target/duet-client.jar tcp "127.0.0.1:$tcp_port" --count 50 --interval 1ms \
      --message "$message" >/dev/null 2>"$work/stream.$1.err" \
      || echo "good stream $1/$n: $(cat "$work/stream.$1.err")" >>"$work/errors"
  done
  echo "$n" >"$work/good_stream.$1"
}

killed_clients() { # clients killed mid-request or mid-stream
  while ((SECONDS < deadline)); do
    head -c 5000000 /dev/zero | curl -s -o /dev/null --max-time 0.05 -X POST --data-binary @- \
      "http://127.0.0.1:$http_port/killed" || true
    java -jar client/target/duet-client.jar tcp "127.0.0.1:$tcp_port" --interval 1ms >/dev/null 2>&1 &
    local victim=$!
    sleep 0.3
    kill -9 "$victim" 2>/dev/null || true
    wait "$victim" 2>/dev/null || true
  done
}

slow_clients() { # half-sent requests held open, many at a time
  local fds fd
  while ((SECONDS < deadline)); do
    fds=()
    for i in $(seq 1 50); do
      exec {fd}<>"/dev/tcp/127.0.0.1/$http_port"
      printf 'GET /slow/%s HTTP/1.1\r\nHost: x\r\nX-Slow: ' "$i" >&"$fd"
      fds+=("$fd")
    done
    sleep 2
    for fd in "${fds[@]}"; do exec {fd}>&-; done
  done
}

bad_requests() { # garbage, conflicting lengths, oversized headers: each must get a 4xx/5xx and no crash
  local requests=(
    $'\x01\x02 garbage\r\n\r\n'
    $'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd'
    $'GET /%00 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'
    $'GET / HTTP/1.1\r\n\r\n'
  )
  while ((SECONDS < deadline)); do
    for r in "${requests[@]}"; do
      exec {fd}<>"/dev/tcp/127.0.0.1/$http_port"
      printf '%s' "$r" >&"$fd"
      status=$(timeout 10 head -c 12 <&"$fd" || true)
      exec {fd}>&-
      [[ $status =~ ^HTTP/1.1\ [45] ]] || echo "bad request got '$status'" >>"$work/errors"
    done
  done
}

loops=()
for i in 1 2 3 4; do good_http "$i" & loops+=($!); done
for i in 1 2; do good_stream "$i" & loops+=($!); done
killed_clients & loops+=($!)
slow_clients & loops+=($!)
bad_requests & loops+=($!)
wait "${loops[@]}"

requests=$(($(cat "$work"/good_http.*  | paste -sd+)))
streams=$(($(cat "$work"/good_stream.* | paste -sd+)))
errors=$(wc -l <"$work/errors")
after_http=$(heap_used_kib "$http_pid")
after_tcp=$(heap_used_kib "$tcp_pid")
echo "soak: $requests good HTTP requests, $streams good streams of 50 x 4 KiB echoes, $errors errors"
echo "soak: heap after GC: http ${base_http}K -> ${after_http}K, tcp ${base_tcp}K -> ${after_tcp}K"

status=0
if ((errors > 0)); then
  echo "soak: FAIL: good clients saw errors:"; head -20 "$work/errors"; status=1
fi
for pair in "http $base_http $after_http" "tcp $base_tcp $after_tcp"; do
  read -r name base after <<<"$pair"
  # "near the baseline": within twice the baseline plus 16 MiB of slack for caches and pools
  if ((after > 2 * base + 16384)); then
    echo "soak: FAIL: $name heap grew from ${base}K to ${after}K"; status=1
  fi
done
[[ $(curl -s "http://127.0.0.1:$http_port/still/alive") == /still/alive ]] \
  || { echo "soak: FAIL: the http server no longer answers"; status=1; }
java -jar client/target/duet-client.jar tcp "127.0.0.1:$tcp_port" --count 1 >/dev/null \
  || { echo "soak: FAIL: the tcp server no longer echoes"; status=1; }
((status == 0)) && echo "soak: passed"
exit "$status"
