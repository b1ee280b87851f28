#!/usr/bin/env bash
# What open, idle connections cost a stream echo server: resident memory and threads before and
# with COUNT connections that have each echoed a word, for Duet's TCP echo and the Node one beside
# it. Duet's targets: 10,000 idle connections under 100 threads and under 150 MiB.
#
# Usage: bench/connections.sh [COUNT]      default 10000; about 30 seconds
# Traffic goes to 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
require connections node=nodejs

count=${1:-10000}
ulimit -n $((count + 1024)) 2>/dev/null || { echo "connections: cannot open $count files (ulimit -n)" >&2; exit 2; }
[[ -f server/target/duet-server.jar ]] || ./mvnw -B -q package -DskipTests

pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP PIPE

threads() { awk '/^Threads:/ {print $2}' "/proc/$1/status"; }
accepts() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# measure NAME PORT PID: prints "NAME idle-KiB with-KiB idle-threads with-threads"
measure() {
  local name=$1 port=$2 pid=$3
  wait_until 30 "$name on port $port" accepts "$port"
  sleep 1 # settle after start-up
  local idle idle_threads
  idle=$(rss_kib "$pid")
  idle_threads=$(threads "$pid")
  coproc CLIENTS { node bench/node/idle-clients.js "$port" "$count"; }
  pids+=("$CLIENTS_PID")
  local line=""
  read -r -t 120 line <&"${CLIENTS[0]}" || true
  [[ $line == ready ]] || { echo "connections: $count clients did not all get their echo from $name" >&2; exit 1; }
  sleep 1 # let the server settle
  echo "$name $idle $(rss_kib "$pid") $idle_threads $(threads "$pid")"
  eval "exec ${CLIENTS[1]}>&-" # the clients end with their stdin
  wait "$CLIENTS_PID" 2>/dev/null || true
}

port_duet=$(free_port)
port_node=$(free_port)
java -jar server/target/duet-server.jar tcp --host 127.0.0.1 --port "$port_duet" --quiet \
  --max-connections "$((count + 10))" >/dev/null 2>&1 &
duet_pid=$!
pids+=("$duet_pid")
node interop/node/echo-server.js tcp "$port_node" >/dev/null 2>&1 &
node_pid=$!
pids+=("$node_pid")

duet=$(measure duet "$port_duet" "$duet_pid")
node=$(measure node "$port_node" "$node_pid")

echo "Idle connections to a TCP echo server ($count, each has echoed one word; load $(cut -d' ' -f1-3 /proc/loadavg))"
echo "| server | MiB idle | MiB with $count open | KiB a connection | vs Node | threads idle | threads with $count open |"
echo "|---|---|---|---|---|---|---|"
node_each=$(awk -v l="$node" -v n="$count" 'BEGIN {split(l, f, " "); print (f[3] - f[2]) / n}')
for line in "$duet" "$node"; do
  awk -v l="$line" -v n="$count" -v ref="$node_each" 'BEGIN {
    split(l, f, " "); each = (f[3] - f[2]) / n
    printf "| %s | %.0f | %.0f | %.1f | %.2fx | %d | %d |\n", f[1], f[2] / 1024, f[3] / 1024, each, each / ref, f[4], f[5] }'
done
