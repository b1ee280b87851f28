# Helpers the bench scripts share; sourced, not run.

# rss_kib PID...: resident memory of the processes together, in KiB
rss_kib() { awk '/VmRSS/ {s += $2} END {print s}' $(for p in "$@"; do echo "/proc/$p/status"; done); }

# free_port: a TCP port nothing listens on; without python3, a guess below the ephemeral range
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null \
  || echo $((10000 + RANDOM % 20000)); }
