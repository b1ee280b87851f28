#!/usr/bin/env bash
# What the images weigh and cost, each beside its peer in the same run: the images' sizes against
# their limits (100 MB server, 90 MB client), `docker run` to first answer against a bare container's
# own start, the server container's memory under wrk against the article's Node server under the
# same load, and the CPU a health check costs: the image's static probe against a JVM started for
# it (what the image did before). Traffic goes to 127.0.0.1 only.
#
# Usage: bench/footprint.sh            builds both images, about 2 minutes
#        bench/footprint.sh --quick    sizes and one answer only, and exits 1 when an image is over
#                                      its limit or a container does not answer (what CI runs)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
require footprint docker curl
quick=0
[[ ${1:-} == --quick ]] && quick=1
((quick)) || require footprint wrk node=nodejs
docker info >/dev/null 2>&1 || { echo "footprint: no Docker engine answers (is dockerd running?)" >&2; exit 2; }

tag=footprint
server_limit_mb=100
client_limit_mb=90
started=()
cleanup() {
  for c in "${started[@]}"; do docker rm -f "$c" >/dev/null 2>&1 || true; done
  [[ -n ${node_pid:-} ]] && kill "$node_pid" 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP PIPE

for image in server client; do
  docker build -q -f "$image/Dockerfile" -t "duet-$image:$tag" . >/dev/null 2>&1 \
    || { echo "footprint: docker build of duet-$image failed; run it by hand to see why" >&2; exit 1; }
done
size_mb() { docker image inspect -f '{{.Size}}' "$1" | awk '{printf "%.1f", $1 / 1e6}'; }
server_mb=$(size_mb "duet-server:$tag")
client_mb=$(size_mb "duet-client:$tag")

port=$(free_port)
admin=$(free_port)
# run_server NAME: the server image on this machine's network (no docker-proxy in the way of wrk),
# quiet, answering
run_server() {
  docker run -d --name "$1" --network host "duet-server:$tag" http --port "$port" --admin-port "$admin" --quiet >/dev/null
  started+=("$1")
  wait_until 30 "the server container answering on $port" answers_http "$port"
}
over=0
echo "footprint: $(date -u +%Y-%m-%d), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(docker version -f 'docker {{.Server.Version}}')"
echo
echo "| image | MB | limit | gzipped MB (what a pull moves) |"
echo "|---|---|---|---|"
for image in server client; do
  mb=${image}_mb limit=${image}_limit_mb
  gz=$(docker save "duet-$image:$tag" | gzip -1 | wc -c | awk '{printf "%.1f", $1 / 1e6}')
  echo "| duet-$image | ${!mb} | ${!limit} | $gz |"
  awk -v a="${!mb}" -v b="${!limit}" 'BEGIN {exit !(a > b)}' && over=1
done
if ((quick)); then
  run_server footprint-quick
  body=$(curl -sS "http://127.0.0.1:$port/quick")
  [[ $body == /quick ]] || { echo "footprint: the server container answered '$body'" >&2; exit 1; }
  answer=$(docker run --rm --network host "duet-client:$tag" "http://127.0.0.1:$port/from-client")
  [[ $answer == $'statusCode: 200\n/from-client' ]] || { echo "footprint: the client container printed '$answer'" >&2; exit 1; }
  echo "footprint: both containers answer"
  ((over == 0)) || { echo "footprint: an image is over its limit" >&2; exit 1; }
  exit 0
fi

# --- docker run to first answer -----------------------------------------------------------------
ms_since() { echo $((($(date +%s%N) - $1) / 1000000)); }
bare=$(for _ in $(seq 1 10); do t=$(date +%s%N); docker run --rm debian:bookworm-slim true; ms_since "$t"; done | median)
# as users run it: on Docker's bridge, its port published
first=$(for i in $(seq 1 10); do
  t=$(date +%s%N)
  docker run -d --name "footprint-start-$i" -p "127.0.0.1:$port:8888" "duet-server:$tag" >/dev/null
  wait_until 30 "the server container answering on $port" answers_http "$port"
  ms_since "$t"
  docker rm -f "footprint-start-$i" >/dev/null
done | median)
echo
echo "Start, median of 10 (ms)"
echo "| docker run -p duet-server to first answer | bare container (docker run --rm debian:bookworm-slim true) | the image's own part |"
echo "|---|---|---|"
echo "| $first | $bare | $(awk -v a="$first" -v b="$bare" 'BEGIN {print a - b}') |"

# --- memory under load --------------------------------------------------------------------------
rss_mib() { awk -v k="$(rss_kib "$1")" 'BEGIN {printf "%d", k / 1024}'; }
# memory PID PORT: RSS fresh, right after 10 s of wrk -c50, 10 s later; and the rate
memory() {
  local fresh after later rate
  fresh=$(rss_mib "$1")
  wrk -t1 -c50 -d3s "http://127.0.0.1:$2/hello" >/dev/null # warm-up, as a service has had
  sleep 3
  rate=$(wrk -t1 -c50 -d10s "http://127.0.0.1:$2/hello" | awk '/Requests\/sec/ {printf "%.0f", $2}')
  after=$(rss_mib "$1")
  sleep 10
  later=$(rss_mib "$1")
  echo "$fresh $after $later $rate"
}
run_server footprint-memory
read -r d_fresh d_after d_later d_rate < <(memory "$(docker inspect -f '{{.State.Pid}}' footprint-memory)" "$port")
docker rm -f footprint-memory >/dev/null
node_port=$(free_port)
node bench/node/http-server.js "$node_port" >/dev/null 2>&1 &
node_pid=$!
wait_until 30 "the Node server answering on $node_port" answers_http "$node_port"
read -r n_fresh n_after n_later n_rate < <(memory "$node_pid" "$node_port")
echo
echo "Memory, RSS MiB (wrk -t1 -c50 10 s after a 3 s warm-up; the server container on the host's network)"
echo "| server | fresh | right after the load | vs Node | 10 s later | vs Node | requests/s |"
echo "|---|---|---|---|---|---|---|"
echo "| duet-server image | $d_fresh | $d_after | $(ratio "$d_after" "$n_after") | $d_later | $(ratio "$d_later" "$n_later") | $d_rate |"
echo "| node bench/node/http-server.js | $n_fresh | $n_after | 1.00x | $n_later | 1.00x | $n_rate |"

# --- health check -------------------------------------------------------------------------------
run_server footprint-health
id=$(docker inspect -f '{{.Id}}' footprint-health)
usage=/sys/fs/cgroup/cpuacct/docker/$id/cpuacct.usage
[[ -r $usage ]] || usage=/sys/fs/cgroup/system.slice/docker-$id.scope/cpu.stat
cpu_ns() { if [[ $usage == *cpu.stat ]]; then awk '/usage_usec/ {print $2 * 1000}' "$usage"; else cat "$usage"; fi; }
# per_check COMMAND...: CPU ms in the container for one run of COMMAND, the mean of 20
per_check() {
  local before after
  sleep 1
  before=$(cpu_ns)
  for _ in $(seq 1 20); do docker exec footprint-health "$@" >/dev/null 2>&1 || true; done
  after=$(cpu_ns)
  awk -v d=$((after - before)) 'BEGIN {printf "%.2f", d / 20 / 1e6}'
}
probe=$(per_check /app/probe "127.0.0.1:$admin" /readyz)
jvm=$(per_check java -XX:TieredStopAtLevel=1 -cp /app/duet-server.jar dev.duet.server.HealthCheck ready "127.0.0.1:$admin")
floor=$(per_check /app/probe) # exits at once with its usage line: what docker exec itself costs
echo
echo "Health check, CPU in the container a check (mean of 20 docker exec; with the server's answer and"
echo "docker exec's own setup, $floor ms with a probe that does nothing, which any HEALTHCHECK pays)"
echo "| probe | ms a check | CPU seconds an hour at --interval=5s |"
echo "|---|---|---|"
for p in "/app/probe (the image's HEALTHCHECK)@$probe" "a JVM started for it (java -cp duet-server.jar dev.duet.server.HealthCheck)@$jvm"; do
  echo "| ${p%@*} | ${p##*@} | $(awk -v ms="${p##*@}" 'BEGIN {printf "%.1f", ms * 720 / 1000}') |"
done
((over == 0)) || { echo "footprint: an image is over its limit" >&2; exit 1; }
