#!/usr/bin/env bash
# Runs `policycheck keys inspect` and `keys verify` over every key-material test fixture under valgrind's memcheck
# and fails if anything is definitely lost or memory is misused (see docs/robustness.md).
#
#   scripts/valgrind-keys.sh        (needs valgrind: apt-get install -y valgrind)
#
# Valgrind 3.19 cannot read the DWARF 5 debug info Swift 6 emits, so the binary is run from a copy with the debug
# sections stripped (symbols stay, so stacks still name functions). Leaks are counted as errors only when definitely
# lost: "possibly lost" blocks are the Swift runtime's metadata and witness-table caches, which it keeps for the
# life of the process through interior pointers. scripts/sanitizers/valgrind.supp silences one runtime false
# positive (explained there).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
command -v valgrind >/dev/null || { echo "valgrind-keys.sh: valgrind is not installed" >&2; exit 2; }

swift build --product policycheck >&2
mkdir -p .build-valgrind
objcopy --strip-debug "$(swift build --show-bin-path)/policycheck" .build-valgrind/policycheck

cd Tests/KeyMaterialTests/Fixtures
files=()
for file in *; do
  case $file in generate.sh|expected-fingerprints.txt) continue ;; esac
  files+=("$file")
done

status=0
for command in inspect verify; do
  log=$root/.build-valgrind/keys-$command.log
  set +e
  valgrind --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=99 \
    --suppressions="$root/scripts/sanitizers/valgrind.supp" \
    "$root/.build-valgrind/policycheck" keys "$command" "${files[@]}" >/dev/null 2>"$log"
  code=$?
  set -e
  echo "keys $command over ${#files[@]} fixtures (exit $code; 2 is expected: some fixtures are deliberately not keys):"
  grep -E '(definitely|indirectly|possibly) lost:|still reachable:|ERROR SUMMARY' "$log" | sed 's/^==[0-9]*==/ /'
  if [ $code = 99 ] || ! grep -qE 'definitely lost: 0 bytes|no leaks are possible' "$log"; then
    echo "valgrind-keys.sh: memory errors or definite leaks in keys $command; see ${log#$root/}" >&2
    status=1
  fi
done
exit $status
