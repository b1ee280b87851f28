#!/usr/bin/env bash
# Fuzzes the parsers of untrusted input with Jazzer, one fuzz test after another, for DURATION
# each (default 10s, as CI runs it). Findings are saved beside the tests, under
# client/src/test/resources/.../*Inputs/, and from then on every `mvnw verify` replays them.
#
# It passes only when Maven passed, every named test left a fresh report, and each one fuzzed
# (Jazzer printed "Done N runs"): a run in which nothing was fuzzed is a failure, not a pass.
#
# Usage: scripts/fuzz.sh [DURATION] [TEST...]   e.g. scripts/fuzz.sh 10m for a longer run
#   MVN   the Maven command (default ./mvnw); CI runs MVN=false once to prove a failed Maven is red
set -euo pipefail
cd "$(dirname "$0")/.."

duration=${1:-10s}
(($# > 0)) && shift
tests=("$@")
((${#tests[@]})) || tests=(ArgumentParserFuzzTest MessageDecoderFuzzTest)
mvn=${MVN:-./mvnw}
reports=client/target/surefire-reports
log=$(mktemp)
trap 'rm -f "$log"' EXIT

fail() {
  echo "fuzz: FAIL: $*" >&2
  exit 1
}

for test in "${tests[@]}"; do
  report=$reports/TEST-dev.duet.client.fuzz.$test.xml
  rm -f "$report" "$reports/dev.duet.client.fuzz.$test.txt" # a stale report must not speak for this run
  echo "fuzz: $test for $duration"
  status=0
  JAZZER_FUZZ=1 JAZZER_MAX_DURATION=$duration $mvn -B -q -pl client -am test -Dtest="$test" \
    -Dsurefire.failIfNoSpecifiedTests=false >"$log" 2>&1 || status=$?
  # Jazzer's own summary, shown as it is; whether the run counts is decided below, from Maven's
  # status, the report and "Done N runs", never from this
  grep -aE '^(Done [0-9]+ runs|INFO: Java Exception|== Java Exception)' "$log" \
    || echo "fuzz: Jazzer printed no summary for $test"
  if ((status != 0)); then
    if [[ -f $report ]] && grep -aq '<failure\|<error' "$report"; then
      grep -av '^\s*at ' "$reports/dev.duet.client.fuzz.$test.txt" | head -20 >&2
      fail "$test found a failing input (saved under client/src/test/resources)"
    fi
    tail -20 "$log" >&2
    fail "Maven exited $status running $test"
  fi
  [[ -f $report ]] || fail "no report for $test: no such fuzz test ran"
  grep -aqE '^Done [0-9]+ runs' "$log" || fail "$test ran, but Jazzer fuzzed nothing (no \"Done N runs\")"
done
echo "fuzz: passed"
