#!/usr/bin/env bash
# The load tools themselves, side by side: duet-client bench, hey and wrk, each loading the same
# nginx (one worker, answering every request with its target, keep-alive without a request limit so
# no tool pays for reconnects) with the same connections, in interleaved rounds after a warm-up.
# Prints each tool's requests/s and latency percentiles, and duet-client bench's rate as a ratio of
# the others'. What a load tool reports about a server is only true while the tool is not the
# bottleneck; this shows whose pace a run measures. Traffic goes to 127.0.0.1 only.
#
# Usage: bench/client.sh [ROUNDS] [SECONDS]   default 5 rounds of 8 s, about 2.5 minutes
#   CONNECTIONS (default 50), TARGET (default /hello) and JAR (default client/target/duet-client.jar,
#   built when missing) adjust it; BENCH_ARGS adds duet-client bench flags (e.g. --threads 1).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
require client wrk hey nginx=nginx-light curl

rounds=${1:-5}
seconds=${2:-8}
connections=${CONNECTIONS:-50}
target=${TARGET:-/hello}
jar=${JAR:-client/target/duet-client.jar}
[[ -f $jar ]] || ./mvnw -B -q package -DskipTests
work=$(mktemp -d)
chmod 755 "$work"

cleanup() {
  if [[ -f $work/nginx.pid ]]; then kill "$(cat "$work/nginx.pid")" 2>/dev/null || true; fi
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP PIPE

echo "client: $(date -u +%Y-%m-%d), $(nproc) cores, $(java -version 2>&1 | head -1), $(nginx -v 2>&1 | sed 's/.*: //'), hey $(dpkg-query -W -f '${Version}' hey 2>/dev/null || echo '?'), $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)"

port=$(free_port)
sed -e "s|@WORK@|$work|g" -e "s|@PORT@|$port|g" bench/nginx.conf.template >"$work/nginx.conf"
nginx -c "$work/nginx.conf" -e "$work/nginx-error.log" &
wait_until 30 "nginx answering on port $port" answers_http "$port"
url="http://127.0.0.1:$port$target"

# each tool, SECONDS long: prints "requests/s p50-ms p99-ms errors"
run_duet() {
  # shellcheck disable=SC2086
  timeout -k 5 $(($1 + 30)) java -jar "$jar" bench "$url" --concurrency "$connections" --duration "${1}s" --json \
    ${BENCH_ARGS:-} | python3 -c 'import json,sys; s=json.load(sys.stdin); l=s["latency"]
print(s["perSecond"], l["p50"], l["p99"], s["errors"])'
}
run_hey() {
  timeout -k 5 $(($1 + 30)) hey -c "$connections" -z "${1}s" "$url" | awk '
    /Requests\/sec:/ {r = $2} /^ +50% in/ {p50 = $3 * 1000} /^ +99% in/ {p99 = $3 * 1000}
    /^Status code distribution:/ {section = "status"} /^Error distribution:/ {section = "error"}
    /^ +\[[0-9]+\]/ {n = substr($1, 2, length($1) - 2)
      if (section == "status" && n !~ /^2/) bad += $2
      if (section == "error") bad += n}
    END {printf "%s %.3f %.3f %d\n", r, p50, p99, bad}'
}
run_wrk() {
  timeout -k 5 $(($1 + 30)) wrk -t1 -c"$connections" -d"${1}s" --latency "$url" | awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /Requests\/sec:/ {r = $2} /^ +50%/ {p50 = ms($2)} /^ +99%/ {p99 = ms($2)}
    /Socket errors:/ {bad += $4 + $6 + $8 + $10} /Non-2xx/ {bad += $5}
    END {printf "%s %.3f %.3f %d\n", r, p50, p99, bad}'
}

tools=(duet hey wrk)
for t in "${tools[@]}"; do "run_$t" 3 >/dev/null; done # warm-up: the JIT, nginx's caches

declare -A rates p50s p99s bad
for r in $(seq 1 "$rounds"); do # interleaved, so drift in the machine touches every tool alike
  line="client: round $r of $rounds:"
  for t in "${tools[@]}"; do
    read -r rate p50 p99 errors < <("run_$t" "$seconds")
    [[ -n ${rate:-} ]] || { echo "client: $t gave no rate" >&2; exit 1; }
    rates[$t]+="$rate "; p50s[$t]+="$p50 "; p99s[$t]+="$p99 "; bad[$t]=$((${bad[$t]:-0} + errors))
    line+=" $t ${rate}/s"
  done
  echo "$line" >&2
done

echo "GET $target, $connections connections, keep-alive, nginx 1 worker; median of $rounds interleaved ${seconds}s rounds, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| tool | requests/s | p50 ms | p99 ms | errors | duet-client bench vs it |"
echo "|---|---|---|---|---|---|"
declare -A med
for t in "${tools[@]}"; do med[$t]=$(median_of ${rates[$t]}); done # shellcheck disable=SC2086
for t in "${tools[@]}"; do
  # shellcheck disable=SC2086
  printf '| %s | %.0f | %s | %s | %s | %s |\n' \
    "$(case $t in duet) echo "duet-client bench${BENCH_ARGS:+ $BENCH_ARGS}" ;; hey) echo "hey -c $connections" ;; wrk) echo "wrk -t1 -c$connections" ;; esac)" \
    "${med[$t]}" "$(median_of ${p50s[$t]})" "$(median_of ${p99s[$t]})" "${bad[$t]}" \
    "$(awk -v a="${med[duet]}" -v b="${med[$t]}" 'BEGIN {printf "%.2fx", (b > 0 ? a / b : 0)}')"
done
