#!/usr/bin/env bash
# Fuzzes the parsers of untrusted input with Jazzer, one fuzz test after another, for DURATION
# each (default 10s, as CI runs it). Findings are saved beside the tests, under
# client/src/test/resources/.../*Inputs/, and from then on every `mvnw verify` replays them.
#
# Usage: scripts/fuzz.sh [DURATION]      e.g. scripts/fuzz.sh 10m for a longer run
set -euo pipefail
cd "$(dirname "$0")/.."

duration=${1:-10s}
for test in ArgumentParserFuzzTest MessageDecoderFuzzTest; do
  echo "fuzz: $test for $duration"
  JAZZER_FUZZ=1 JAZZER_MAX_DURATION=$duration ./mvnw -B -q -pl client -am test -Dtest="$test" \
    -Dsurefire.failIfNoSpecifiedTests=false 2>&1 | grep -aE '^(Done|INFO: Java Exception|== Java Exception)|FAIL|ERROR' || true
  # surefire's report says whether the run found anything
  if grep -aq '<<< FAILURE\|<<< ERROR' "client/target/surefire-reports/dev.duet.client.fuzz.$test.txt"; then
    grep -av '^\s*at ' "client/target/surefire-reports/dev.duet.client.fuzz.$test.txt" | head -20
    echo "fuzz: $test found a failing input (saved under client/src/test/resources)"
    exit 1
  fi
done
echo "fuzz: passed"
