# What the end-to-end scripts share; sourced, not run. A script sets `e2e_name` (its name, for its
# messages) and defines `can_run` (prints why it cannot, and fails) before using these.

# needs TOOL...: fails, printing "needs A B", when a tool is not on PATH
needs() {
  local missing=() tool
  for tool in "$@"; do command -v "$tool" >/dev/null || missing+=("$tool"); done
  if ((${#missing[@]})); then echo "needs ${missing[*]}"; return 1; fi
}

# check_or_exit "$@": with --check, answers whether the script can run here (can_run's exit and
# reason) and exits; else exits 1 with the reason when it cannot
check_or_exit() {
  if [[ ${1:-} == --check ]]; then
    can_run
    exit
  fi
  local reason
  reason=$(can_run) || { echo "$e2e_name: cannot run: $reason" >&2; exit 1; }
}

# The processes a script starts, `pids+=($!)`; stop_started stops them all (from its cleanup).
pids=()
stop_started() {
  local pid
  for pid in "${pids[@]}"; do { kill "$pid" && wait "$pid"; } 2>/dev/null || true; done
}

# wait_for SECONDS WHAT COMMAND...: COMMAND succeeds within SECONDS (tried every 0.2 s), else fail
wait_for() {
  local seconds=$1 what=$2
  shift 2
  for _ in $(seq 1 $((seconds * 5))); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.2
  done
  fail "$what: not within ${seconds}s"
}

# two_hosts SERVER_NS CLIENT_NS SERVER_IP CLIENT_IP LINK: two network namespaces, the project's
# own test hosts, joined by a veth pair (LINKs on the server's side, LINKc on the client's), each
# end with its address (/24) and up; drop_hosts SERVER_NS CLIENT_NS removes them (the pair with them)
two_hosts() {
  local server_ns=$1 client_ns=$2 server_ip=$3 client_ip=$4 link=$5
  ip netns add "$server_ns"
  ip netns add "$client_ns"
  ip link add "${link}s" type veth peer name "${link}c"
  ip link set "${link}s" netns "$server_ns"
  ip link set "${link}c" netns "$client_ns"
  ip -n "$server_ns" addr add "$server_ip/24" dev "${link}s"
  ip -n "$client_ns" addr add "$client_ip/24" dev "${link}c"
  for ns in "$server_ns" "$client_ns"; do ip -n "$ns" link set lo up; done
  ip -n "$server_ns" link set "${link}s" up
  ip -n "$client_ns" link set "${link}c" up
}
drop_hosts() {
  ip netns delete "$1" 2>/dev/null || true
  ip netns delete "$2" 2>/dev/null || true
}

# await_start PID LOG: the process logs "listening on" within 30 s, and does not exit first
await_start() {
  for _ in $(seq 1 300); do
    grep -q "listening on" "$2" && return
    kill -0 "$1" 2>/dev/null || fail "server exited"
    sleep 0.1
  done
  fail "server did not start within 30s"
}

# free_port: a TCP port on 127.0.0.1 that nothing listens on now
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# expect WHAT JSON FILTER WANTED: jq FILTER over JSON must print exactly WANTED (compact), else fail
expect() {
  local got
  got=$(jq -c "$3" <<<"$2") || fail "$1: not JSON: $2"
  [[ $got == "$4" ]] || fail "$1: $3 is $got, wanted $4 (from $2)"
  echo "ok: $1: $3 = $4"
}
