#!/usr/bin/env bash
# Duet on a real two-node Docker Swarm, with traffic through it. Two private Docker engines, each
# in a network namespace of its own ("node1" and "node2", joined by a veth pair), form a swarm
# with a VXLAN overlay between them; this machine's own engine only builds the images and is never
# made a swarm node. Then, with the stack of docker-compose.yml + deploy/swarm/stack.yml (and
# deploy/swarm/no-ipvs.yml where the kernel has no IPVS), it proves:
#   1. the client's logs show `statusCode: 200` and `/hello`;
#   2. a client on node2 reaches the replica on node1 across the overlay, and `--tally` through the
#      service name counts answers from both replicas;
#   3. each node's published port answers with its own replica's name;
#   4. a rolling update (`docker service update --force`) completes while the client sends a request
#      every 250 ms, and none of them fails; and `bench --tally` beside it, 50 requests a second over
#      keep-alive connections, fails none either, names the old replicas and the new in its timeline,
#      and sees each old one's share fall to nothing once it drained;
#   5. with one server container killed, requests keep succeeding and Swarm restores the replica;
#   6. load from both nodes: deploy/swarm/bench.yml's replicated job runs a bench worker on each
#      node against the service, their --json runs are gathered from the logs, and `duet-client
#      merge` makes one run of them whose total is the workers' sum and whose p99 is the one the
#      union of their histograms gives (scripts/check-merge.py decodes them itself).
# Everything it made is removed afterwards (stack, swarms, engines, namespaces, directories),
# pass, fail or Ctrl-C.
#
# Usage: scripts/e2e-swarm.sh            (about 3 minutes once the images are built)
#        scripts/e2e-swarm.sh --check    exit 0 if this machine can run it, else say why
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh # wait_for

can_run() {
  if [[ $(id -u) -ne 0 ]]; then echo "needs root (network namespaces and private Docker engines)"; return 1; fi
  local tool
  for tool in docker dockerd ip nsenter unshare curl python3 jq; do
    command -v "$tool" >/dev/null || { echo "$tool is not installed"; return 1; }
  done
  if ! docker info >/dev/null 2>&1; then echo "no Docker engine answers to build the images (is dockerd running?)"; return 1; fi
  local image
  for image in maven:3.9-eclipse-temurin-25 eclipse-temurin:25-jre; do
    docker image inspect "$image" >/dev/null 2>&1 || { echo "base image $image is not on this machine (docker pull $image)"; return 1; }
  done
  ip netns list >/dev/null 2>&1 || { echo "cannot use network namespaces here (ip netns)"; return 1; }
}

if [[ ${1:-} == --check ]]; then
  can_run
  exit
fi
reason=$(can_run) || { echo "e2e-swarm: cannot run: $reason" >&2; exit 1; }

tag=e2e-swarm
stack=duet
work=$(mktemp -d /tmp/duet-sw.XXXXXX) # short: a Unix socket path must stay under 108 bytes
ns=(dsw$$a dsw$$b)
ips=(192.0.2.1 192.0.2.2) # TEST-NET-1: documentation addresses, never routed anywhere
# docker on node N (1 or 2)
on() { local n=$1; shift; docker -H "unix://$work/n$n/d.sock" "$@"; }

cleanup() {
  set +e
  if [[ -S $work/n1/d.sock ]]; then on 1 stack rm "$stack" >/dev/null 2>&1; fi
  for n in 2 1; do
    [[ -S $work/n$n/d.sock ]] && on "$n" swarm leave --force >/dev/null 2>&1
    if [[ -f $work/n$n/d.pid ]]; then kill "$(cat "$work/n$n/d.pid")" 2>/dev/null; fi
  done
  for _ in $(seq 1 100); do # the engines stop their containers first; then nothing is left in $work
    pgrep -f "$work" >/dev/null || break
    sleep 0.2
  done
  pkill -9 -f "$work" 2>/dev/null
  for n in "${ns[@]}"; do ip netns delete "$n" 2>/dev/null; done # takes the veth pair with it
  rm -rf "$work"
}
trap cleanup EXIT
# a signal ends the script through the EXIT trap too, so nothing it started is left running
trap 'exit 130' INT TERM HUP PIPE

fail() {
  echo "e2e-swarm: FAIL: $*" >&2
  on 1 service ps --no-trunc "${stack}_server" "${stack}_client" >&2 2>/dev/null || true
  on 1 service logs --raw --tail 20 "${stack}_client" >&2 2>/dev/null || true
  exit 1
}

# wait_for SECONDS DESCRIPTION COMMAND...: polls COMMAND twice a second until it succeeds

echo "e2e-swarm: building duet-server:$tag and duet-client:$tag on this machine's engine"
for image in server client; do
  docker build -q -f "$image/Dockerfile" -t "duet-$image:$tag" . >"$work/build.log" 2>&1 \
    || { cat "$work/build.log" >&2; fail "docker build of duet-$image failed"; }
done
docker save "duet-server:$tag" "duet-client:$tag" >"$work/images.tar"

# --- two hosts: network namespaces joined by a veth pair ----------------------------------------
ip netns add "${ns[0]}"
ip netns add "${ns[1]}"
ip link add "${ns[0]}v" type veth peer name "${ns[1]}v"
for i in 0 1; do
  ip link set "${ns[$i]}v" netns "${ns[$i]}"
  ip -n "${ns[$i]}" addr add "${ips[$i]}/24" dev "${ns[$i]}v"
  ip -n "${ns[$i]}" link set lo up
  ip -n "${ns[$i]}" link set "${ns[$i]}v" up
done

# --- a Docker engine on each ----------------------------------------------------------------------
# Inside a mount namespace of its own: a fresh sysfs shows the engine its namespace's network
# devices, and the cgroup hierarchy (set aside, then bound back over it) lets it run containers;
# `ip netns exec dockerd` alone fails with "Devices cgroup isn't mounted".
for n in 1 2; do
  d=$work/n$n
  mkdir -p "$d/data" "$d/exec" "$d/cgroup"
  cat >"$d/start.sh" <<EOF
set -e
hostname node$n
mount --rbind /sys/fs/cgroup $d/cgroup
mount -t sysfs sysfs /sys
mount --rbind $d/cgroup /sys/fs/cgroup
exec dockerd --data-root $d/data --exec-root $d/exec -H unix://$d/d.sock --pidfile $d/d.pid \
  --bridge=none --cgroup-parent duet-swarm-node$n
EOF
  nsenter --net="/var/run/netns/${ns[$((n - 1))]}" unshare --mount --uts --propagation slave sh "$d/start.sh" \
    >"$d/dockerd.log" 2>&1 &
done
for n in 1 2; do wait_for 60 "the engine of node$n" on "$n" info; done
for n in 1 2; do on "$n" load -q -i "$work/images.tar" >/dev/null; done
echo "e2e-swarm: two engines up (node1 ${ips[0]}, node2 ${ips[1]}), images loaded"

on 1 swarm init --advertise-addr "${ips[0]}" --listen-addr "${ips[0]}:2377" >/dev/null
on 2 swarm join --token "$(on 1 swarm join-token -q worker)" --advertise-addr "${ips[1]}" \
  --listen-addr "${ips[1]}:2377" "${ips[0]}:2377" >/dev/null
nodes_ready() { [[ $(on 1 node ls --format '{{.Hostname}} {{.Status}}' | sort | tr '\n' ' ') == "node1 Ready node2 Ready " ]]; }
wait_for 60 "both nodes Ready" nodes_ready
echo "e2e-swarm: a two-node swarm: node1 manager, node2 worker"

# --- the stack ------------------------------------------------------------------------------------
files=(-c docker-compose.yml -c deploy/swarm/stack.yml)
if [[ -e /proc/net/ip_vs ]] || modprobe -q ip_vs 2>/dev/null; then
  echo "e2e-swarm: this kernel has IPVS: the routing mesh and service VIPs carry traffic"
  ipvs=1
else
  echo "e2e-swarm: this kernel has no IPVS: adding deploy/swarm/no-ipvs.yml (dnsrr, host-mode ports)"
  files+=(-c deploy/swarm/no-ipvs.yml)
  ipvs=0
fi
# for the proofs: the client on the worker, a request every 250 ms
cat >"$work/e2e.yml" <<'EOF'
services:
  client:
    command: ["http://server:8888/hello", "--interval", "250ms", "--retry-for", "60s"]
    deploy:
      placement:
        constraints: [node.role == worker]
EOF
files+=(-c "$work/e2e.yml")
DUET_TAG=$tag on 1 stack deploy --resolve-image never "${files[@]}" "$stack" >"$work/deploy.log" 2>&1 \
  || { cat "$work/deploy.log" >&2; fail "docker stack deploy failed"; }

server_healthy_on() { # server_healthy_on N: node N runs a healthy server replica
  [[ -n $(on "$1" ps -q --filter "label=com.docker.swarm.service.name=${stack}_server" --filter health=healthy) ]]
}
wait_for 120 "a healthy server replica on node1" server_healthy_on 1
wait_for 120 "a healthy server replica on node2" server_healthy_on 2
echo "ok: a server replica is healthy on each node"

client_lines() { on 1 service logs --raw "$@" "${stack}_client" 2>&1; }
client_saw_hello() { grep -A1 -x 'statusCode: 200' <<<"$(client_lines)" | grep -x '/hello' >/dev/null; }
wait_for 90 "the client's logs show statusCode: 200 and /hello" client_saw_hello
echo "ok: 1. the client's logs show 'statusCode: 200' and '/hello'"

# --- 2. across the overlay ------------------------------------------------------------------------
client=$(on 2 ps -q --filter "label=com.docker.swarm.service.name=${stack}_client")
[[ -n $client ]] || fail "the client does not run on node2"
task1=$(on 1 ps -q --filter "label=com.docker.swarm.service.name=${stack}_server")
overlay_ip=$(on 1 inspect -f "{{(index .NetworkSettings.Networks \"${stack}_default\").IPAddress}}" "$task1")
name_of() { python3 -c 'import json, sys; print(json.load(sys.stdin)["server"]["name"])'; }
client_get() { on 2 exec -e JAVA_TOOL_OPTIONS= "$client" java -jar /app/duet-client.jar "$@" 2>/dev/null; }
answer=$(client_get get -H 'Accept: application/json' "http://$overlay_ip:8888/across" | sed 1d) \
  || fail "the client on node2 could not reach $overlay_ip (node1's replica)"
[[ $(name_of <<<"$answer") == node1-server-* ]] || fail "node1's replica at $overlay_ip answered as: $answer"
echo "ok: 2. the client on node2 reached node1's replica ($(name_of <<<"$answer"), $overlay_ip) across the overlay"
tally=$(client_get get "http://server:8888/tally" --tally --count 20) || fail "--tally through the service failed: $tally"
grep -q 'node1-server-' <<<"$tally" && grep -q 'node2-server-' <<<"$tally" \
  || fail "--tally through 'server' did not name both replicas: $tally"
echo "ok: 2. --tally through the service name counts answers from both replicas:"
sed 's/^/    /' <<<"$tally"

# --- 3. each node's published port ------------------------------------------------------------------
for n in 1 2; do
  answer=$(ip netns exec "${ns[$((n - 1))]}" curl -sS -m 5 -H 'Accept: application/json' "http://${ips[$((n - 1))]}:8888/port") \
    || fail "node$n's published port 8888 did not answer"
  name=$(name_of <<<"$answer")
  if [[ $ipvs == 0 ]]; then
    [[ $name == node$n-server-* ]] || fail "node$n's published port answered as $name"
  fi
  echo "ok: 3. node$n's published port answers as $name"
done

# --- 4. a rolling update under traffic ------------------------------------------------------------
# failed_since TIME: requests that failed for good in the client's logs since TIME; a line ending
# in "retrying for up to ..." is a connection that was tried again, not a failed request
count_since() { client_lines --since "$1" | grep -c -- "$2" || true; }
failed_since() { client_lines --since "$1" | grep '^duet-client: ' | grep -vc 'retrying for up to' || true; }
since=$(date -u +%Y-%m-%dT%H:%M:%S)
# bench --tally on node2 through the whole update: an open loop of 50 requests a second over 4
# keep-alive connections, each new connection looking "server" up again (DNS cached for 1 s)
bench_seconds=120
on 2 exec -e JAVA_TOOL_OPTIONS= "$client" java -Dsun.net.inetaddr.ttl=1 -jar /app/duet-client.jar bench \
  http://server:8888/rolling --tally --json --concurrency 4 --rate 50 --duration "${bench_seconds}s" --timeout 5s \
  >"$work/bench.json" 2>"$work/bench.err" &
bench=$!
sleep 5 # seconds of the old replicas alone, before the update begins: the timeline's first part
started=$SECONDS
timeout 300 docker -H "unix://$work/n1/d.sock" service update --force --detach=false "${stack}_server" >/dev/null \
  || fail "the rolling update did not converge"
took=$((SECONDS - started))
sleep 1
ok=$(count_since "$since" '^statusCode: 200$')
failed=$(failed_since "$since")
retried=$(count_since "$since" 'retrying for up to')
((ok > 0)) || fail "no request was answered during the update"
((failed == 0)) || fail "$failed requests failed during the rolling update"
echo "ok: 4. a rolling update of both replicas took ${took}s: $ok requests answered, 0 failed ($retried retried a connection)"

# the run must go on past the update, so the timeline shows who answers once it is over
((took + 5 + 15 < bench_seconds)) || fail "the update took ${took}s: more than bench's ${bench_seconds}s run leaves after it"
wait "$bench" || fail "bench --tally during the update exited $?: $(tail -3 "$work/bench.err")"
report=$(cat "$work/bench.json")
jq -e . <<<"$report" >/dev/null || fail "bench --tally printed no JSON: $report $(tail -3 "$work/bench.err")"
# answered in the first 3 s (the old replicas), and in the last 10 (the new)
answered_in() { jq -c "[.timeline$1 | .[].answers | to_entries[] | select(.value > 0) | .key] | unique" <<<"$report"; }
old=$(answered_in '[0:3]')
new=$(answered_in '[-10:]')
summary=$(jq -c '{answered, errors, replicas: (.replicas | map_values({answers, errors}))}' <<<"$report")
[[ $(jq '.errors' <<<"$report") == 0 && $(jq '.answered > 0' <<<"$report") == true ]] \
  || fail "bench --tally during the update: requests failed: $summary"
[[ $(jq length <<<"$old") == 2 ]] || fail "bench --tally did not see both old replicas at first: $old in $summary"
[[ $(jq -n --argjson o "$old" --argjson n "$new" '$n | length > 0 and all(. as $x | $o | index($x) | not)') == true ]] \
  || fail "bench --tally's last seconds were not answered by new replicas alone: first $old, last $new"
echo "ok: 4. bench --tally through the update: $summary"
echo "ok: 4. the old replicas $old answered at first; their share fell to nothing; $new answered at the end"
jq -r '.timeline[] | "    \(.second)s \(.answers | to_entries | map("\(.key) \(.value)") | join("  "))"' <<<"$report" \
  | awk 'NR % 5 == 1'

# --- 5. a replica killed --------------------------------------------------------------------------
since=$(date -u +%Y-%m-%dT%H:%M:%S)
victim=$(on 1 ps -q --filter "label=com.docker.swarm.service.name=${stack}_server")
on 1 kill "$victim" >/dev/null
restored() {
  local id
  id=$(on 1 ps -q --filter "label=com.docker.swarm.service.name=${stack}_server" --filter health=healthy)
  [[ -n $id && $id != "$victim" ]]
}
wait_for 90 "Swarm restoring the killed replica" restored
sleep 2
ok=$(count_since "$since" '^statusCode: 200$')
failed=$(failed_since "$since")
((ok > 0 && failed == 0)) || fail "with a replica killed: $ok answered, $failed failed"
echo "ok: 5. a server container killed on node1: $ok requests answered meanwhile, 0 failed; Swarm restored the replica"

# --- 6. load from both nodes, merged ----------------------------------------------------------------
DUET_TAG=$tag DUET_BENCH_WORKERS=2 DUET_BENCH_RATE=200 DUET_BENCH_DURATION=5s \
  on 1 stack deploy --resolve-image never -c deploy/swarm/bench.yml "$stack" >"$work/bench-deploy.log" 2>&1 \
  || { cat "$work/bench-deploy.log" >&2; fail "docker stack deploy of deploy/swarm/bench.yml failed"; }
bench_tasks() { on 1 service ps --format '{{.Node}} {{.CurrentState}}' "${stack}_bench" 2>/dev/null; }
bench_done() { [[ $(bench_tasks | grep -c ' Complete ') -eq 2 ]]; }
wait_for 120 "both bench workers completing" bench_done
[[ $(bench_tasks | cut -d' ' -f1 | sort -u | tr '\n' ' ') == "node1 node2 " ]] \
  || fail "the bench workers did not run one on each node: $(bench_tasks | tr '\n' ';')"
# stdout only: each worker's one line of JSON (its notes, if any, go to stderr)
on 1 service logs --raw "${stack}_bench" 2>/dev/null | grep '^{' >"$work/runs.jsonl" || true
[[ $(wc -l <"$work/runs.jsonl") -eq 2 ]] || fail "expected 2 runs in the bench logs, got: $(cat "$work/runs.jsonl")"
on 1 run --rm -i --network none "duet-client:$tag" merge - <"$work/runs.jsonl" >"$work/merged.json" \
  || fail "duet-client merge failed: $(cat "$work/merged.json")"
check=$(python3 scripts/check-merge.py "$work/runs.jsonl" "$work/merged.json") || fail "$check"
echo "ok: 6. a bench worker on each node, merged: ${check#check-merge: }"
on 1 service rm "${stack}_bench" >/dev/null
echo "e2e-swarm: passed"
