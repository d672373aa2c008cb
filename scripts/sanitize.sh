#!/usr/bin/env bash
# Runs the whole test suite under AddressSanitizer (with LeakSanitizer) and ThreadSanitizer (see docs/robustness.md).
#
#   scripts/sanitize.sh                  both, one after the other
#   scripts/sanitize.sh address          or: thread
#
# Each sanitizer builds into its own scratch folder (.build-asan, .build-tsan; git-ignored), so the plain .build is
# untouched. --disable-xctest: every test is Swift Testing, and XCTest's own runner leaks 144 bytes at exit, which
# LeakSanitizer would report. The CLI end-to-end tests run the sanitized policycheck binary beside the test bundle;
# it inherits the options below. Suppressions cover the Swift runtime, Foundation and the test runner only, each
# explained in scripts/sanitizers/*.supp.
set -euo pipefail
cd "$(dirname "$0")/.."
supp=$PWD/scripts/sanitizers

status=0
for sanitizer in "${@:-address thread}"; do
  for sanitizer in $sanitizer; do
    case $sanitizer in
      address)
        export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:check_initialization_order=1:strict_init_order=1:exitcode=23"
        export LSAN_OPTIONS="suppressions=$supp/lsan.supp:print_suppressions=0"
        scratch=.build-asan ;;
      thread)
        export TSAN_OPTIONS="suppressions=$supp/tsan.supp:halt_on_error=1:second_deadlock_stack=1:exitcode=66"
        scratch=.build-tsan ;;
      *) echo "sanitize.sh: unknown sanitizer '$sanitizer' (address, thread)" >&2; exit 2 ;;
    esac
    echo "sanitize.sh: swift test --sanitize=$sanitizer" >&2
    start=$SECONDS
    if swift test --sanitize="$sanitizer" --disable-xctest --scratch-path "$scratch"; then
      echo "sanitize.sh: $sanitizer: tests passed in $((SECONDS - start)) s" >&2
    else
      echo "sanitize.sh: $sanitizer: tests FAILED after $((SECONDS - start)) s" >&2
      status=1
    fi
    # A parallel directory run of the sanitized binary over every fixture and sample: exit 1 and 2 are findings
    # and input errors (expected); a sanitizer report exits 23 (ASan/LSan) or 66 (TSan).
    bin=$(swift build --sanitize="$sanitizer" --scratch-path "$scratch" --show-bin-path)
    set +e
    "$bin/policycheck" check --jobs 8 Tests/PolicyCheckKitTests/Fixtures Tests/PolicyCheckCLITests/Fixtures samples \
      >/dev/null 2>"$scratch/parallel-run.log"
    code=$?
    set -e
    if [ $code -le 2 ] && ! grep -q Sanitizer "$scratch/parallel-run.log"; then
      echo "sanitize.sh: $sanitizer: parallel check run (--jobs 8) clean (exit $code)" >&2
    else
      echo "sanitize.sh: $sanitizer: parallel check run FAILED (exit $code); see $scratch/parallel-run.log" >&2
      status=1
    fi
  done
done
exit $status
