#!/usr/bin/env bash
# Builds and runs the libFuzzer targets in Fuzz/Targets (see docs/robustness.md).
#
#   scripts/fuzz.sh                 build every target and run each for 120 s, one after another
#   scripts/fuzz.sh yaml 300        build and run one target for 300 s
#   scripts/fuzz.sh --build-only    build every target, run none
#   FUZZ_ARGS="-runs=0" scripts/fuzz.sh json     extra libFuzzer flags (here: replay seeds and corpus only)
#
# The library modules are compiled straight from Sources/ with swiftc (-sanitize=fuzzer,address: coverage
# instrumentation and AddressSanitizer), libyaml (Yams' C core, CYaml) from .build/checkouts (run `swift build` once).
# Each target is Fuzz/Targets/<name>.swift plus Fuzz/Support/*.swift, linked against every module; libFuzzer
# supplies main(). Everything lands in .build-fuzz/ (git-ignored): bin/, corpus/<target>/ (inputs libFuzzer found;
# kept between runs), seeds/<target>/ (assembled from the fixtures on every run), logs/, artifacts/<target>/.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
out=$root/.build-fuzz

# Adding a target: write Fuzz/Targets/<name>.swift and add one line here.
#   name      dictionary   seed files (globs under the package root; ../shared/corpus when present)
targets=(
  "json     json.dict    Tests/**/Fixtures/**/*.json samples/**/*.json ../shared/corpus/**/*.json"
  "yaml     yaml.dict    Tests/**/Fixtures/**/*.yaml Tests/**/Fixtures/**/*.yml samples/**/*.yaml policies/*.yaml ../shared/corpus/**/*.yaml ../shared/corpus/**/*.yml"
  "native   yaml.dict    Tests/PolicyCheckKitTests/Fixtures/native/**/*.yaml Tests/PolicyCheckCLITests/Fixtures/**/*.yaml Tests/PolicyCheckCLITests/Fixtures/**/*.json samples/**/*.yaml"
  "terraform json.dict   Tests/PolicyCheckKitTests/Fixtures/terraform/**/*.json samples/**/*.json ../shared/corpus/**/*.json"
  "cloudformation yaml.dict Tests/PolicyCheckKitTests/Fixtures/cloudformation/**/*.yaml Tests/PolicyCheckKitTests/Fixtures/cloudformation/**/*.json samples/cloudformation/*.yaml ../shared/corpus/checkov/cloudformation/**/*.yaml ../shared/corpus/checkov/cloudformation/**/*.yml ../shared/corpus/checkov/cloudformation/**/*.json"
  "kubernetes yaml.dict  Tests/PolicyCheckKitTests/Fixtures/kubernetes/**/*.yaml Tests/PolicyCheckKitTests/Fixtures/kubernetes/**/*.json samples/kubernetes/*.yaml"
  "provisioner json.dict Tests/PolicyCheckKitTests/Fixtures/provisioner/**/*.json samples/provisioner/*.json"
  "policy   yaml.dict    policies/*.yaml Tests/PolicyCheckKitTests/Fixtures/policies/**/*.yaml"
  "hcl      hcl.dict     Tests/**/Fixtures/**/*.tf Tests/**/Fixtures/**/*.tfvars ../shared/corpus/**/*.tf"
  "text     yaml.dict    Tests/PolicyCheckKitTests/Fixtures/suppressions/*.yaml Tests/PolicyCheckKitTests/Fixtures/policy-language/**/*.yaml policies/*.yaml"
  "keys     -            Tests/KeyMaterialTests/Fixtures/* Tests/PolicyCheckKitTests/Fixtures/**/*.pem Tests/PolicyCheckKitTests/Fixtures/**/*.der Tests/PolicyCheckKitTests/Fixtures/**/*.bin"
)

build_only=0
if [ "${1:-}" = "--build-only" ]; then build_only=1; shift; fi
only=${1:-}
seconds=${2:-120}

sanitize=(-sanitize=fuzzer,address)
# The modules share declarations at `package` access, which needs the package's name (SwiftPM passes the same).
swift_flags=(-O -wmo -parse-as-library -package-name policycheck "${sanitize[@]}" -I "$out/modules")
yams=$root/.build/checkouts/Yams/Sources
if [ ! -d "$yams/CYaml" ]; then
  echo "fuzz.sh: $yams is missing; run 'swift build' once so the Yams checkout exists" >&2
  exit 2
fi
cyaml=(-Xcc -fmodule-map-file="$yams/CYaml/include/module.modulemap" -Xcc -I"$yams/CYaml/include"
       -Xcc -DYAML_DECLARE_STATIC)
openssl=(-Xcc -I"$root/Sources/COpenSSL")

# Rebuilds a module when one of its sources, or the object of a module it imports, is newer than its object.
module() { # name, swift-version, imported modules (comma-separated or -), extra flags…, --, sources…
  local name=$1 version=$2 imports=$3; shift 3
  local flags=()
  while [ "$1" != "--" ]; do flags+=("$1"); shift; done
  shift
  local object=$out/modules/$name.o inputs=("$@") dependency
  if [ "$imports" != "-" ]; then
    for dependency in ${imports//,/ }; do inputs+=("$out/modules/$dependency.o"); done
  fi
  if [ -f "$object" ] && [ -z "$(find "${inputs[@]}" -newer "$object" -print -quit)" ]; then
    return
  fi
  echo "fuzz.sh: compiling $name ($# files)" >&2
  swiftc "${swift_flags[@]}" -swift-version "$version" -module-name "$name" "${flags[@]}" \
    -emit-module -emit-module-path "$out/modules/$name.swiftmodule" -c "$@" -o "$object"
  touch "$object"
}

# The default pack is a SwiftPM resource embedded in code (PackageResources); the accessor SwiftPM generates is
# compiled in with the module (run `swift build` first so it exists).
resources=("$root/.build/debug/PolicyCheckPolicy.build/DerivedSources/embedded_resources.swift")
if [ ! -f "${resources[0]}" ]; then
  echo "fuzz.sh: ${resources[0]} is missing; run 'swift build' once so SwiftPM generates it" >&2
  exit 2
fi

build_modules() {
  mkdir -p "$out/modules" "$out/cyaml"
  local c
  for c in "$yams"/CYaml/src/*.c; do
    local object=$out/cyaml/$(basename "$c" .c).o
    [ -f "$object" ] && [ "$object" -nt "$c" ] && continue
    clang -c -O1 -g -fsanitize=address,fuzzer-no-link -DYAML_DECLARE_STATIC -I"$yams/CYaml/include" "$c" -o "$object"
  done
  module PolicyCheckSyntax 6 - "${cyaml[@]}" -- $(find Sources/PolicyCheckSyntax -name '*.swift' | sort)
  module PolicyCheckNetwork 6 - -- $(find Sources/PolicyCheckNetwork -name '*.swift' | sort)
  module KeyMaterial 6 - "${openssl[@]}" -- $(find Sources/KeyMaterial -name '*.swift' | sort)
  module PolicyCheckModel 6 PolicyCheckSyntax,KeyMaterial "${cyaml[@]}" "${openssl[@]}" -- \
    $(find Sources/PolicyCheckModel -name '*.swift' | sort)
  module PolicyCheckAdapters 6 PolicyCheckModel,PolicyCheckSyntax,PolicyCheckNetwork "${cyaml[@]}" "${openssl[@]}" -- \
    $(find Sources/PolicyCheckAdapters -name '*.swift' | sort)
  module PolicyCheckPolicy 6 PolicyCheckModel,PolicyCheckSyntax,PolicyCheckNetwork,KeyMaterial "${cyaml[@]}" "${openssl[@]}" -- \
    $(find Sources/PolicyCheckPolicy -name '*.swift' | sort) "${resources[@]}"
  module PolicyCheckReport 6 PolicyCheckPolicy,PolicyCheckModel,PolicyCheckSyntax,KeyMaterial "${cyaml[@]}" "${openssl[@]}" -- \
    $(find Sources/PolicyCheckReport -name '*.swift' | sort)
  module PolicyCheckInput 6 PolicyCheckAdapters,PolicyCheckModel,PolicyCheckSyntax,KeyMaterial "${cyaml[@]}" "${openssl[@]}" -- \
    $(find Sources/PolicyCheckInput -name '*.swift' | sort)
  module PolicyCheckRender 6 PolicyCheckInput,PolicyCheckPolicy,PolicyCheckModel,KeyMaterial "${cyaml[@]}" "${openssl[@]}" -- \
    $(find Sources/PolicyCheckRender -name '*.swift' | sort)
  module PolicyCheckConfig 6 PolicyCheckRender,PolicyCheckReport,PolicyCheckPolicy,PolicyCheckModel,PolicyCheckSyntax,KeyMaterial \
    "${cyaml[@]}" "${openssl[@]}" -- $(find Sources/PolicyCheckConfig -name '*.swift' | sort)
  module PolicyCheckEvidence 6 PolicyCheckConfig,PolicyCheckReport,PolicyCheckPolicy,PolicyCheckModel,PolicyCheckSyntax,KeyMaterial \
    "${cyaml[@]}" "${openssl[@]}" -- $(find Sources/PolicyCheckEvidence -name '*.swift' | sort)
  module PolicyCheckPolicyTest 6 PolicyCheckInput,PolicyCheckReport,PolicyCheckPolicy,PolicyCheckAdapters,PolicyCheckModel,PolicyCheckSyntax,KeyMaterial \
    "${cyaml[@]}" "${openssl[@]}" -- $(find Sources/PolicyCheckPolicyTest -name '*.swift' | sort)
  module PolicyCheckKit 6 PolicyCheckEvidence,PolicyCheckPolicyTest,PolicyCheckConfig,PolicyCheckRender,PolicyCheckInput,PolicyCheckReport,PolicyCheckPolicy,PolicyCheckAdapters,PolicyCheckModel,PolicyCheckSyntax,PolicyCheckNetwork,KeyMaterial \
    "${cyaml[@]}" "${openssl[@]}" -- $(find Sources/PolicyCheckKit -name '*.swift' | sort)
}

build_target() { # name
  local name=$1 binary=$out/bin/$1
  mkdir -p "$out/bin"
  echo "fuzz.sh: linking $name" >&2
  # The modules' internal imports of CYaml and COpenSSL need their module maps at link time too.
  swiftc "${swift_flags[@]}" -swift-version 6 "${cyaml[@]}" "${openssl[@]}" -module-name "fuzz_$name" \
    "Fuzz/Targets/$name.swift" Fuzz/Support/*.swift "$out"/modules/*.o "$out"/cyaml/*.o \
    -lssl -lcrypto -o "$binary" 2>&1 | { grep -v "ld.gold: warning: Cannot export local symbol '__asan" || true; } >&2
  # ld.gold warns once per ASan helper symbol it cannot export (harmless); anything else still shows.
  [ "${PIPESTATUS[0]}" = 0 ]
}

# Copies the seed files into seeds/<name>/ under content-hash names (libFuzzer reads every file in the folder).
assemble_seeds() { # name, globs…
  local name=$1; shift
  local seeds=$out/seeds/$name
  rm -rf "$seeds"; mkdir -p "$seeds"
  shopt -s globstar nullglob
  local pattern file
  for pattern in "$@"; do
    for file in $pattern; do
      [ -f "$file" ] || continue
      cp "$file" "$seeds/$(sha1sum "$file" | cut -c1-40)"
    done
  done
  shopt -u globstar nullglob
  echo "fuzz.sh: $name: $(ls "$seeds" | wc -l) seed files" >&2
}

run_target() { # name, dictionary
  local name=$1 dict=$2
  local corpus=$out/corpus/$name artifacts=$out/artifacts/$name/ log=$out/logs/$name.log
  mkdir -p "$corpus" "$artifacts" "$out/logs"
  # -max_len keeps mutations fast (larger seeds are read truncated; the JSON seeds reach 180 KB).
  local options=(-max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -max_len=16384 -print_final_stats=1
                 -artifact_prefix="$artifacts")
  [ "$dict" != "-" ] && options+=(-dict="Fuzz/dictionaries/$dict")
  # shellcheck disable=SC2086
  echo "fuzz.sh: running $name for ${seconds}s (log: ${log#$root/})" >&2
  set +e
  "$out/bin/$name" "${options[@]}" ${FUZZ_ARGS:-} "$corpus" "$out/seeds/$name" >"$log" 2>&1
  local status=$?
  set -e
  grep -E '^#[0-9]+[[:space:]]+DONE|^Done [0-9]+ runs|^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$log" >&2 || true
  if [ $status -ne 0 ]; then
    echo "fuzz.sh: $name FAILED (exit $status); see $log and $artifacts" >&2
    grep -E 'ERROR: |SUMMARY: |Fatal error|Test unit written' "$log" | head -5 >&2
  fi
  return $status
}

build_modules
failed=0
found=0
for entry in "${targets[@]}"; do
  read -r -a fields <<<"$entry"
  name=${fields[0]}
  [ -n "$only" ] && [ "$only" != "$name" ] && continue
  found=1
  build_target "$name"
  [ $build_only = 1 ] && continue
  assemble_seeds "$name" "${fields[@]:2}"
  run_target "$name" "${fields[1]}" || failed=1
done
if [ $found = 0 ]; then
  echo "fuzz.sh: no target named '$only' (targets: $(printf '%s\n' "${targets[@]}" | awk '{print $1}' | xargs))" >&2
  exit 2
fi
exit $failed
