#!/bin/sh
# Runs `policycheck check` over checkouts of real repositories and summarises each: exit code, errors, skips by kind
# and findings by rule. Usage: scripts/check-repos.sh [--policycheck PATH] [-- extra check flags] DIR...
# Needs python3 (to read the JSON report). Figures from a run are recorded in docs/real-repositories.md.
set -eu
policycheck=${POLICYCHECK:-.build/debug/policycheck}
if [ "${1:-}" = "--policycheck" ]; then policycheck=$2; shift 2; fi
extra=""
dirs=""
while [ $# -gt 0 ]; do
  case "$1" in
    --) shift; extra="$*"; break ;;
    *) dirs="$dirs $1"; shift ;;
  esac
done
if [ -z "$dirs" ]; then
  echo "usage: scripts/check-repos.sh [--policycheck PATH] DIR... [-- extra check flags]" >&2
  exit 2
fi
for dir in $dirs; do
  report=$(mktemp)
  # shellcheck disable=SC2086
  set +e
  "$policycheck" check "$dir" --format json --fail-on none --now 2026-12-01 $extra > "$report" 2>/dev/null
  status=$?
  set -e
  python3 - "$dir" "$status" "$report" <<'PY'
import collections, json, sys
directory, status, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
try:
    report = json.load(open(path))
except ValueError:
    print(f"{directory}: exit {status}, no JSON report")
    sys.exit(0)
summary = report["summary"]
kinds = collections.Counter(item.get("kind", item["reason"]) for item in summary["skipped"])
rules = collections.Counter(finding["ruleId"] for finding in report["findings"])
print(f"{directory}: exit {status}; {summary['filesChecked']} checked, {summary['filesSkipped']} skipped, "
      f"{summary['errors']} errors, {summary['findings']} findings")
for kind, count in sorted(kinds.items(), key=lambda item: (-item[1], item[0])):
    print(f"  skipped {count:4d}  {kind}")
for rule, count in sorted(rules.items(), key=lambda item: (-item[1], item[0])):
    print(f"  finding {count:4d}  {rule}")
for error in report["errors"]:
    print(f"  error   {error['file']}:{error.get('line', 1)}:{error.get('column', 1)}: {error['message']}")
PY
  rm -f "$report"
done
