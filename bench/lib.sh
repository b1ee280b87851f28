# Helpers the bench scripts share; sourced, not run.

# rss_kib PID...: resident memory of the processes together, in KiB
rss_kib() { awk '/VmRSS/ {s += $2} END {print s}' $(for p in "$@"; do echo "/proc/$p/status"; done); }

# cpu_ticks PID: the CPU the process has used, user and system, in clock ticks
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# median: the median of the numbers on stdin, one a line; median_of NUMBER...: of those given
median() { sort -g | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }
median_of() { printf '%s\n' "$@" | median; }

# ratio A B: A / B as "1.23x" (0.00x when B is 0)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2fx", (b > 0 ? a / b : 0)}'; }

# free_port: a TCP port nothing listens on; without python3, a guess below the ephemeral range
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null \
  || echo $((10000 + RANDOM % 20000)); }

# require NAME TOOL[=DEBIAN-PACKAGE]...: exits 2 naming what to install when a tool is missing; never installs
require() {
  local name=$1 missing=() tool package
  shift
  for tool in "$@"; do
    package=${tool#*=}
    tool=${tool%%=*}
    command -v "$tool" >/dev/null || missing+=("$package")
  done
  if ((${#missing[@]})); then
    echo "$name: needs ${missing[*]} (on Debian: apt-get install ${missing[*]})" >&2
    exit 2
  fi
}

# wait_until SECONDS WHAT COMMAND...: polls COMMAND every 5 ms until it succeeds; exits 1 naming
# WHAT when SECONDS pass first. Every wait in the benches is bounded by one of these.
wait_until() {
  local seconds=$1 what=$2 deadline
  shift 2
  deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS >= deadline)); then
      echo "bench: $what: not within ${seconds}s" >&2
      exit 1
    fi
    sleep 0.005
  done
}

# scratch: makes $work, a temporary directory, and the array pids; on exit (a signal included) every
# process in pids is stopped and $work removed, so nothing a bench started is left behind
scratch() {
  work=$(mktemp -d)
  pids=()
  trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"' EXIT
  trap 'exit 130' INT TERM HUP PIPE
}

# image_jvm_opts: sets the array jvm_opts to the JVM options the server image runs with (its ENTRYPOINT,
# less the image's own AOT cache, and less the JDK 24+ option that only quietens a warning, which an
# older java here would refuse), so figures are those of what is deployed; DUET_JVM_OPTS="" for
# plain `java -jar`, or other options
image_jvm_opts() {
  local image
  image=$(sed -n 's/^ENTRYPOINT \[\(.*\)\]/\1/p' server/Dockerfile | tr -d '",' | tr ' ' '\n' \
    | sed -n '/^-XX:AOTCache=/d; /^--sun-misc-unsafe-memory-access=/d; /^-jar$/q; /^-/p' | tr '\n' ' ')
  read -r -a jvm_opts <<<"${DUET_JVM_OPTS-$image}"
}

# answers_http PORT: true once a server on 127.0.0.1:PORT answers HTTP
answers_http() { curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$1/"; }
