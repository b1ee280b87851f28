#!/usr/bin/env bash
# Duet against the article's Node programs and nginx, side by side in one run on this machine:
# HTTP rate and latency (wrk), memory, start-up, the one-shot client, stream echo over TCP and
# Unix sockets, and the parent/child channel. Prints tables of medians and ratios. Traffic goes to
# 127.0.0.1 and local sockets.
#
# Usage: bench/run.sh                 about 8 minutes
#        ROUND_SECONDS=2 bench/run.sh a quick look (less stable figures)
set -euo pipefail
cd "$(dirname "$0")/.."

round=${ROUND_SECONDS:-5}
rounds=${ROUNDS:-3}

source bench/lib.sh
require bench wrk nginx=nginx-light curl node=nodejs
./mvnw -B -q package -DskipTests

work=$(mktemp -d)
chmod 755 "$work"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  if [[ -f $work/nginx.pid ]]; then kill "$(cat "$work/nginx.pid")" 2>/dev/null || true; fi
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
# a signal ends the script through the EXIT trap too, so nothing it started is left running
trap 'exit 130' INT TERM HUP PIPE

now_ms() { date +%s%3N; }

echo "bench: $(date -u +%Y-%m-%d), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1), node $(node --version), $(nginx -v 2>&1 | sed 's/.*: //')"

# --- HTTP servers -------------------------------------------------------------------------------
duet_port=$(free_port); node_port=$(free_port); nginx_port=$(free_port); jetty_port=$(free_port)
# the image's JVM options (DUET_JVM_OPTS="" for plain `java -jar`)
image_jvm_opts
echo "duet-server JVM options: ${jvm_opts[*]:-none}"
# the default configuration, the control plane (and so its metrics) included, on a free port
java "${jvm_opts[@]}" -jar server/target/duet-server.jar --host 127.0.0.1 --port "$duet_port" --admin-port 0 >"$work/duet.log" 2>&1 &
duet_pid=$!; pids+=($duet_pid)
java "${jvm_opts[@]}" -cp server/target/duet-server.jar bench/jetty/BareJetty.java "$jetty_port" >"$work/jetty.log" 2>&1 &
jetty_pid=$!; pids+=($jetty_pid)
node bench/node/http-server.js "$node_port" >/dev/null 2>&1 &
node_pid=$!; pids+=($node_pid)
sed -e "s|@WORK@|$work|g" -e "s|@PORT@|$nginx_port|g" bench/nginx.conf.template >"$work/nginx.conf"
nginx -c "$work/nginx.conf" -e "$work/nginx-error.log" &
pids+=($!)
for p in "$duet_port" "$jetty_port" "$node_port" "$nginx_port"; do wait_until 30 "an answer on port $p" answers_http "$p"; done
nginx_pids() { echo "$(cat "$work/nginx.pid") $(pgrep -P "$(cat "$work/nginx.pid")" | tr '\n' ' ')"; }

declare -A port=([duet]=$duet_port [jetty]=$jetty_port [node]=$node_port [nginx]=$nginx_port)
http_servers=(duet jetty node nginx)  # jetty: bench/jetty/BareJetty.java, the framework's own ceiling
server_pids() { case $1 in duet) echo "$duet_pid" ;; jetty) echo "$jetty_pid" ;; node) echo "$node_pid" ;; nginx) nginx_pids ;; esac; }
declare -A idle
for s in duet node nginx; do idle[$s]=$(rss_kib $(server_pids "$s")); done

declare -A rps p50 p99 loaded
for conns in 1 50 200; do
  for s in "${http_servers[@]}"; do wrk -t1 -c"$conns" -d3s "http://127.0.0.1:${port[$s]}/hello" >/dev/null; done
  for s in "${http_servers[@]}"; do : >"$work/$s.$conns"; done
  for _ in $(seq 1 "$rounds"); do
    for s in "${http_servers[@]}"; do  # interleaved, so drift in the machine touches all alike
      wrk -t1 -c"$conns" -d"${round}s" --latency "http://127.0.0.1:${port[$s]}/hello" >"$work/wrk.out"
      awk '/Requests\/sec/ {r=$2} /^ +50%/ {a=$2} /^ +99%/ {b=$2}
           function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
           END {print r, ms(a), ms(b)}' "$work/wrk.out" >>"$work/$s.$conns"
      loaded[$s]=$(rss_kib $(server_pids "$s"))  # in the end: right after its own last round
    done
  done
  for s in "${http_servers[@]}"; do
    rps[$s.$conns]=$(cut -d' ' -f1 "$work/$s.$conns" | median)
    p50[$s.$conns]=$(cut -d' ' -f2 "$work/$s.$conns" | median)
    p99[$s.$conns]=$(cut -d' ' -f3 "$work/$s.$conns" | median)
  done
done
# what each keeps once the load is over (under G1, Duet's heap shrinks after 3 quiet seconds:
# IdleMemory; the serial collector keeps what its young generation touched)
quiet=${QUIET_SECONDS:-10}
sleep "$quiet"
declare -A settled
for s in duet node nginx; do settled[$s]=$(rss_kib $(server_pids "$s")); done

echo
echo "HTTP (wrk, 1 thread, median of $rounds interleaved ${round}s rounds after a warm-up; GET /hello)"
echo "| connections | server | requests/s | p50 ms | p99 ms | vs Node | vs nginx |"
echo "|---|---|---|---|---|---|---|"
for conns in 1 50 200; do
  for s in "${http_servers[@]}"; do
    printf '| %s | %s | %.0f | %s | %s | %s | %s |\n' "$conns" "$s" "${rps[$s.$conns]}" "${p50[$s.$conns]}" \
      "${p99[$s.$conns]}" "$(ratio "${rps[$s.$conns]}" "${rps[node.$conns]}")" "$(ratio "${rps[$s.$conns]}" "${rps[nginx.$conns]}")"
  done
done
echo "(jetty: bench/jetty/BareJetty.java, the same Jetty with one handler and nothing else: the ceiling under duet)"

echo
echo "Memory (resident, MiB)"
echo "| server | idle | right after its load | vs Node | ${quiet}s after the last round | vs Node |"
echo "|---|---|---|---|---|---|"
mib() { awk -v k="$1" 'BEGIN {printf "%.0f", k/1024}'; }
for s in duet node nginx; do
  printf '| %s | %s | %s | %s | %s | %s |\n' "$s" "$(mib "${idle[$s]}")" "$(mib "${loaded[$s]}")" \
    "$(ratio "${loaded[$s]}" "${loaded[node]}")" "$(mib "${settled[$s]}")" "$(ratio "${settled[$s]}" "${settled[node]}")"
done

# --- one-shot client ----------------------------------------------------------------------------
url="http://127.0.0.1:$duet_port/hello"
declare -A oneshot
export DUET_CDS_DIR="$work/cds"
# bin/duet-client on Java 25 or later too (an ahead-of-time cache instead of a class-data archive),
# when one is installed: DUET_JAVA25_HOME, else the first under /usr/lib/jvm
java25=${DUET_JAVA25_HOME:-}
if [[ -z $java25 ]]; then
  for home in /usr/lib/jvm/*/; do
    [[ -r $home/release ]] || continue
    major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")
    if [[ ${major:-0} -ge 25 ]]; then java25=${home%/}; break; fi
  done
fi
clients=(duet launcher)
[[ -n $java25 ]] && clients+=(launcher25)
clients+=(curl node)
bin/duet-client "$url" >/dev/null  # its first run writes the class-data archive the others use
[[ -n $java25 ]] && JAVA_HOME=$java25 bin/duet-client "$url" >/dev/null
for c in "${clients[@]}"; do : >"$work/oneshot.$c"; done
for _ in $(seq 1 10); do
  for c in "${clients[@]}"; do  # interleaved, as the HTTP rounds
    t0=$(now_ms)
    case $c in
      duet) java -jar client/target/duet-client.jar "$url" >/dev/null ;;
      launcher) bin/duet-client "$url" >/dev/null ;;
      launcher25) JAVA_HOME=$java25 bin/duet-client "$url" >/dev/null ;;
      curl) curl -s "$url" >/dev/null ;;
      node) node bench/node/http-client.js "$url" >/dev/null ;;
    esac
    echo $(($(now_ms) - t0)) >>"$work/oneshot.$c"
  done
done
for c in "${clients[@]}"; do oneshot[$c]=$(median <"$work/oneshot.$c"); done
echo
echo "One request, whole process (median of 10, ms)"
echo "| client | ms | vs Node |"
echo "|---|---|---|"
declare -A client_name=([duet]="java -jar duet-client.jar" [launcher]="bin/duet-client (class-data archive)"
  [launcher25]="bin/duet-client on Java ${java25##*/} (ahead-of-time cache)" [curl]=curl [node]=node)
for c in "${clients[@]}"; do
  printf '| %s | %s | %s |\n' "${client_name[$c]}" "${oneshot[$c]}" "$(ratio "${oneshot[$c]}" "${oneshot[node]}")"
done

# --- start-up -----------------------------------------------------------------------------------
kill "$duet_pid" "$jetty_pid" "$node_pid" "$(cat "$work/nginx.pid")" 2>/dev/null || true
: >"$work/startup.jar"
for _ in $(seq 1 5); do
  p=$(free_port)
  t0=$(now_ms)
  java "${jvm_opts[@]}" -jar server/target/duet-server.jar --host 127.0.0.1 --port "$p" --admin-port 0 --quiet >/dev/null 2>&1 &
  sp=$!
  wait_until 30 "duet-server's first answer" answers_http "$p"
  echo $(($(now_ms) - t0)) >>"$work/startup.jar"
  kill "$sp"; wait "$sp" 2>/dev/null || true
done
startup_jar=$(median <"$work/startup.jar")
startup_image="not measured (no Docker engine or no duet-server image: docker compose build)"
startup_docker=""; startup_jvm=""
if docker info >/dev/null 2>&1 && docker image inspect duet-server:latest >/dev/null 2>&1; then
  : >"$work/startup.image"; : >"$work/startup.docker"; : >"$work/startup.jvm"
  for _ in $(seq 1 5); do
    p=$(free_port)
    t0=$(date +%s%N)
    cid=$(docker run -d --rm -p "127.0.0.1:$p:8888" duet-server:latest)
    wait_until 30 "the container's first answer" answers_http "$p"
    t1=$(date +%s%N)
    # State.StartedAt is when Docker started the container's process: before it, Docker's own
    # work (create, network, port proxy); after it, the image's JVM up to its first answer
    started=$(date -d "$(docker inspect -f '{{.State.StartedAt}}' "$cid")" +%s%N)
    echo $(((t1 - t0) / 1000000)) >>"$work/startup.image"
    echo $(((started - t0) / 1000000)) >>"$work/startup.docker"
    echo $(((t1 - started) / 1000000)) >>"$work/startup.jvm"
    docker stop -t 5 "$cid" >/dev/null
  done
  startup_image="$(median <"$work/startup.image") ms"
  startup_docker="$(median <"$work/startup.docker") ms"
  startup_jvm="$(median <"$work/startup.jvm") ms"
fi
echo
echo "Start-up to first successful response (median of 5)"
echo "| how | time |"
echo "|---|---|"
echo "| java -jar duet-server.jar | $startup_jar ms |"
echo "| docker run duet-server, in all | $startup_image |"
if [[ -n $startup_jvm ]]; then
  echo "| of which Docker, until the container's process starts | $startup_docker |"
  echo "| of which the image, from its process starting to the answer | $startup_jvm |"
fi

# --- stream echo --------------------------------------------------------------------------------
tcp_duet=$(free_port); tcp_node=$(free_port)
java -jar server/target/duet-server.jar tcp --host 127.0.0.1 --port "$tcp_duet" >/dev/null 2>&1 &
pids+=($!)
java -jar server/target/duet-server.jar unix --path "$work/duet.sock" >/dev/null 2>&1 &
pids+=($!)
node interop/node/echo-server.js tcp "$tcp_node" >/dev/null 2>&1 &
pids+=($!)
node interop/node/echo-server.js unix "$work/node.sock" >/dev/null 2>&1 &
pids+=($!)
accepts() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
streams_ready() { [[ -S $work/duet.sock && -S $work/node.sock ]] && accepts "$tcp_duet" && accepts "$tcp_node"; }
wait_until 30 "the stream echo servers" streams_ready
bulk=$(head -c 49152 /dev/zero | tr '\0' 'x')  # 48 KiB a round trip
# one round trip of each kind: echo_once SERVER KIND BYTES prints round trips per second
echo_once() {
  if [[ $1 == kernel ]]; then "$work/pingpong" "$2" "$3" "$round"; return; fi
  local target message=()
  if [[ $2 == tcp ]]; then local port_var=tcp_$1; target=127.0.0.1:${!port_var}; else target=$work/$1.sock; fi
  [[ $3 -gt 5 ]] && message=(--message "$bulk")
  java -jar client/target/duet-client.jar bench "$2" "$target" --concurrency 1 --duration "${round}s" "${message[@]}" \
    | awk '/round trips:/ {gsub(/[(),\/s]/, "", $4); print $4}'
}
# the kernel's own figures, with nothing but blocking read() and write() at both ends
kernel=""
if command -v cc >/dev/null && cc -O2 -o "$work/pingpong" bench/c/pingpong.c; then kernel=kernel; fi
declare -A rt mib
for _ in $(seq 1 "$rounds"); do  # interleaved rounds, as for HTTP
  for s in duet node $kernel; do
    for t in tcp unix; do
      echo_once "$s" "$t" 5 >>"$work/rt.$s.$t"
      echo_once "$s" "$t" 49152 >>"$work/bulk.$s.$t"
    done
  done
done
for s in duet node $kernel; do
  for t in tcp unix; do
    rt[$s.$t]=$(median <"$work/rt.$s.$t")
    mib[$s.$t]=$(awk -v r="$(median <"$work/bulk.$s.$t")" 'BEGIN {printf "%.0f", r * 49152 / 1048576}')
  done
done
echo
echo "Stream echo, one connection (duet-client bench; median of $rounds interleaved ${round}s rounds; both servers log as the article's do)"
echo "| server | transport | round trips/s (5 bytes) | vs Node | MiB/s echoed (48 KiB messages) | vs Node |"
echo "|---|---|---|---|---|---|"
for t in tcp unix; do
  for s in duet node $kernel; do
    printf '| %s | %s | %s | %s | %s | %s |\n' "$s" "$t" "${rt[$s.$t]}" "$(ratio "${rt[$s.$t]}" "${rt[node.$t]}")" \
      "${mib[$s.$t]}" "$(ratio "${mib[$s.$t]}" "${mib[node.$t]}")"
  done
done
[[ -n $kernel ]] && echo "(kernel: bench/c/pingpong.c, a C client and a forked C echo, blocking read() and write())"
echo
unix_over_tcp() { echo "$1 round trips $(ratio "${rt[$1.unix]}" "${rt[$1.tcp]}"), bulk $(ratio "${mib[$1.unix]}" "${mib[$1.tcp]}")"; }
echo "Unix over TCP: $(unix_over_tcp duet); $(unix_over_tcp node)${kernel:+; $(unix_over_tcp kernel)}"

# --- fork channel -------------------------------------------------------------------------------
fork_duet=$(java -jar client/target/duet-client.jar bench fork --duration "${round}s" \
  | awk '/round trips:/ {gsub(/[(),\/s]/, "", $4); print $4}')
fork_node=$(node bench/node/fork-parent.js "$round" | awk '{gsub(/[(\/s)]/, "", $4); print $4}')
echo
echo "Parent/child channel, one child, one message in flight (${round}s each)"
echo "| parent | round trips/s | vs Node |"
echo "|---|---|---|"
echo "| duet-client fork channel (JSON lines over stdin/stdout) | $fork_duet | $(ratio "$fork_duet" "$fork_node") |"
echo "| Node child_process.fork | $fork_node | 1.00x |"
