#!/usr/bin/env bash
# Validates Kubernetes manifests offline, with no cluster: `kubectl kustomize DIR` renders them, and
# the deploy module's KustomizeManifestsTest reads every document with the fabric8 Kubernetes model,
# failing on an unknown kind, on any field the model does not know (a misspelling), on a selector
# that misses its pods and on a probe or Service aimed at a port no container declares.
#
# Usage: scripts/k8s-validate.sh [DIR]    a Kustomize directory, default deploy/k8s; prints
#                                         "k8s-validate: DIR: N documents, valid", or each failure
#                                         (kind/name: field path: what is wrong) and exits 1
#        scripts/k8s-validate.sh --check  exit 0 if kubectl and java are here, else say why and exit 1
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

can_run() {
  if ! command -v kubectl >/dev/null; then echo "kubectl is not installed"; return 1; fi
  if ! kubectl version --client >/dev/null 2>&1; then echo "kubectl does not run ('kubectl version --client' fails)"; return 1; fi
  if ! command -v java >/dev/null; then echo "java is not installed"; return 1; fi
}

if [[ ${1:-} == --check ]]; then
  can_run
  exit
fi
reason=$(can_run) || { echo "k8s-validate: cannot run: $reason" >&2; exit 1; }

dir=${1:-deploy/k8s}
[[ -d $dir ]] || { echo "k8s-validate: $dir: not a directory" >&2; exit 1; }
absolute=$(cd "$dir" && pwd)

report=$(mktemp)
log=$(mktemp)
trap 'rm -f "$report" "$log"' EXIT

status=0
(cd "$root" && ./mvnw -B -q -pl deploy test -Dtest='KustomizeManifestsTest#configuredDirectoryIsValid' \
  -Dduet.k8s.dir="$absolute" -Dduet.k8s.report="$report") >"$log" 2>&1 || status=$?

if [[ -s $report ]]; then
  echo "k8s-validate: $dir: $(cat "$report")"
else
  # the test wrote nothing: Maven failed before it (compilation, resolution) or it was skipped
  echo "k8s-validate: $dir: the check did not run (Maven exited $status):"
  tail -n 40 "$log"
  exit 1
fi
if ((status != 0)); then exit 1; fi
grep -q ', valid$' "$report"
