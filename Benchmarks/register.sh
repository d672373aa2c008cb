#!/usr/bin/env bash
# Register benchmark (docs/performance.md, "Register and period audit"): push throughput and audit time over
# 10,000 and 100,000 runs, on SQLite and on a throwaway PostgreSQL server (scripts/test-postgres.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --build-tests -c debug >/dev/null
pgdir=$(mktemp -d /tmp/policycheck-bench-pg.XXXXXX)
trap 'scripts/test-postgres.sh stop "$pgdir"' EXIT
POLICYCHECK_TEST_POSTGRES_URL=$(scripts/test-postgres.sh start "$pgdir")
export POLICYCHECK_TEST_POSTGRES_URL POLICYCHECK_BENCHMARK=1
swift test --skip-build --filter RegisterBenchmarkTests 2>&1 | grep -E "BENCH|passed|failed"
