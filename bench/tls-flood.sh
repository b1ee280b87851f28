#!/usr/bin/env bash
# What a flood of TLS handshakes costs the echo server: COUNT handshakes started at once, ROUNDS
# times, against Duet and against nginx (one worker) in the same run, both serving the same P-256
# certificate. Reports each server's threads and resident memory before, the most seen while the
# handshakes ran (sampled every 20 ms), and how long the COUNT handshakes took. Duet's targets:
# under 100 threads and under 64 MiB of growth through 500 at once.
#
# Usage: bench/tls-flood.sh [COUNT] [ROUNDS]      defaults 500 and 3; about 30 seconds
#   DUET_JVM_OPTS  the server's JVM options; default the server image's, "" for plain `java -jar`
#   JAR            another server jar to measure (default server/target/duet-server.jar)
# Traffic goes to 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
require tls-flood node=nodejs nginx=nginx-light openssl

count=${1:-500}
rounds=${2:-3}
jar=${JAR:-server/target/duet-server.jar}
[[ -f $jar ]] || ./mvnw -B -q package -DskipTests

scratch

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj /CN=localhost \
  -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null

threads() { awk '/^Threads:/ {print $2}' "/proc/$1/status"; }
handshakes() { timeout 2 openssl s_client -connect "127.0.0.1:$1" </dev/null >/dev/null 2>&1; }

# flood NAME PORT PID: prints "NAME threads-before peak-threads KiB-before peak-KiB median-ms"
flood() {
  local name=$1 port=$2 pid=$3 before_threads before_rss peak_threads=0 peak_rss=0 times=() round t r
  wait_until 30 "$name on port $port" handshakes "$port"
  sleep 1 # settle after start-up
  before_threads=$(threads "$pid")
  before_rss=$(rss_kib "$pid")
  for ((round = 0; round < rounds; round++)); do
    node bench/node/tls-flood.js "$port" "$count" >"$work/flood.out" 2>&1 &
    local client=$!
    while kill -0 "$client" 2>/dev/null; do
      t=$(threads "$pid") r=$(rss_kib "$pid")
      ((t > peak_threads)) && peak_threads=$t
      ((r > peak_rss)) && peak_rss=$r
      sleep 0.02
    done
    wait "$client" || { echo "tls-flood: against $name: $(cat "$work/flood.out")" >&2; exit 1; }
    times+=("$(awk '{print $4}' "$work/flood.out")")
    sleep 1 # the connections close
  done
  echo "$name $before_threads $peak_threads $before_rss $peak_rss $(median_of "${times[@]}")"
}

port_duet=$(free_port)
image_jvm_opts # the image's (DUET_JVM_OPTS="" for plain `java -jar`)
java "${jvm_opts[@]}" -jar "$jar" --host 127.0.0.1 --port "$port_duet" --admin-port off --quiet \
  --cert "$work/cert.pem" --key "$work/key.pem" >"$work/duet.log" 2>&1 &
duet_pid=$!
pids+=("$duet_pid")

port_nginx=$(free_port)
mkdir -p "$work/body" "$work/proxy" "$work/fastcgi" "$work/uwsgi" "$work/scgi"
sed -e "s#@WORK@#$work#g" -e "s#@PORT@#$port_nginx#g" \
  -e "s#listen 127.0.0.1:$port_nginx;#listen 127.0.0.1:$port_nginx ssl; ssl_certificate $work/cert.pem; ssl_certificate_key $work/key.pem;#" \
  bench/nginx.conf.template >"$work/nginx.conf"
nginx -c "$work/nginx.conf" -p "$work" >"$work/nginx.out" 2>&1 &
nginx_pid=$!
pids+=("$nginx_pid")
wait_until 10 "nginx's worker" pgrep -P "$nginx_pid"
nginx_worker=$(pgrep -P "$nginx_pid" | head -1)

duet=$(flood duet "$port_duet" "$duet_pid")
nginx=$(flood nginx "$port_nginx" "$nginx_worker")

echo "TLS handshake flood: $count at once, $rounds rounds, peaks sampled every 20 ms (load $(cut -d' ' -f1-3 /proc/loadavg))"
echo "duet-server JVM options: ${jvm_opts[*]:-none}"
echo "| server | threads before | threads at peak | MiB before | MiB growth at peak | vs nginx | $count handshakes, median |"
echo "|---|---|---|---|---|---|---|"
nginx_growth=$(awk -v l="$nginx" 'BEGIN {split(l, f, " "); print (f[5] - f[4]) / 1024}')
for line in "$duet" "$nginx"; do
  awk -v l="$line" -v ref="$nginx_growth" 'BEGIN {
    split(l, f, " "); growth = (f[5] - f[4]) / 1024
    printf "| %s | %d | %d | %.0f | %.0f | %.2fx | %d ms |\n", f[1], f[2], f[3], f[4] / 1024, growth, (ref > 0 ? growth / ref : 0), f[6] }'
done
