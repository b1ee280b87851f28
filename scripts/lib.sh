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
