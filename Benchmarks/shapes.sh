#!/usr/bin/env bash
# Scale series on inputs shaped like real ones (issue 17): one Terraform plan with the companion resources of every
# relation the adapter resolves, one plan per relation, one CloudFormation template (JSON and YAML), one Kubernetes
# file and one Terraform source module (.tf files), each at 1,000, 10,000 and 100,000 resources; 1,000
# finding-dense single-line plans of 100 resources; one allowlist of 100,000 entries; Terraform source against
# Checkov when it is installed (CHECKOV=PATH). Run by Benchmarks/run.sh, or alone:
#
#   Benchmarks/shapes.sh [BINARY]            # default .build/release/policycheck (run.sh builds it)
#   BENCH_SHAPES_RUNS=5 Benchmarks/shapes.sh # runs per figure (default 3; each figure is a median)
#   BENCH_PROFILE=1 Benchmarks/shapes.sh     # also callgrind instruction counts per shape
#   BENCH_SHAPES_ADVERSARIAL_ONLY=1 Benchmarks/shapes.sh # only the adversarial shapes (generate_adversarial.py)
#   BENCH_SHAPES_QUICK=1 Benchmarks/shapes.sh # only the finding-dense plans and the 100,000-entry allowlist
#                                            # (against json.loads, --jobs, instructions): no 1.5 GB series
#
# Every ratio compares commands run in alternation (A B A B …, Benchmarks/alternate.py) in the same run, so both
# sides see the same machine load. Results go to stdout and to .benchmarks/shapes.md; the corpus (about 1.5 GB) is
# generated once under .benchmarks/shapes/ by Benchmarks/generate_shapes.py.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${1:-.build/release/policycheck}
RUNS=${BENCH_SHAPES_RUNS:-3}
ROOT=${BENCH_DIR:-.benchmarks}
CORPUS="$ROOT/shapes"
RESULTS="$ROOT/shapes.md"
mkdir -p "$CORPUS"
: >"$RESULTS"
out() { echo "$*" | tee -a "$RESULTS"; }

# --- corpus (deterministic; generated once) ----------------------------------------------------------------------
generate() { # name kind [generator arguments]
  local name=$1 kind=$2
  shift 2
  if [ ! -f "$CORPUS/$name/.complete" ]; then
    echo "generating $name" >&2
    rm -rf "${CORPUS:?}/$name"
    python3 Benchmarks/generate_shapes.py "$kind" --out "$CORPUS/$name/input" "$@"
    touch "$CORPUS/$name/.complete"
  fi
}
SIZES=(1000 10000 100000)
# name, generator kind and arguments; `relations` is every relation in one plan.
SERIES=(
  "tf-relations|terraform"
  "tf-bucket|terraform --relations bucket"
  "tf-security-group|terraform --relations security_group"
  "tf-key|terraform --relations key"
  "tf-waf|terraform --relations waf"
  "tf-provider-alias|terraform --relations provider"
  "tf-module|terraform --relations module"
  "tf-count|terraform --relations count"
  "cfn-json|cloudformation"
  "cfn-yaml|cloudformation --yaml"
  "k8s|kubernetes"
  "tf-source|hcl"
)
[ "${BENCH_SHAPES_QUICK:-0}" = 1 ] || [ "${BENCH_SHAPES_ADVERSARIAL_ONLY:-0}" = 1 ] && SERIES=()
for series in "${SERIES[@]}"; do
  name=${series%%|*} generator=${series#*|}
  for size in "${SIZES[@]}"; do
    # shellcheck disable=SC2086
    generate "$name-$size" $generator --resources "$size"
  done
done
if [ "${BENCH_SHAPES_ADVERSARIAL_ONLY:-0}" != 1 ]; then
  generate dense terraform --plans 1000 --resources 100
  generate allowlist-100000 allowlist --resources 100000
fi

alternate() { python3 Benchmarks/alternate.py --runs "$@"; }
field() { python3 -c "import json, sys
for line in sys.stdin:
    r = json.loads(line)
    if r['name'] == '$1': print(r['$2'])" <<<"$3"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
ms() { awk -v s="$1" 'BEGIN { printf "%.1f", s * 1000 }'; }
size_mb() { du -sm --apparent-size "$1" | cut -f1; }
largest_mb() { find "$1" -type f -printf '%s\n' | sort -n | tail -1 | awk '{ printf "%.1f", $1 / 1048576 }'; }

out "# Shapes of real inputs — $(date -u +%Y-%m-%dT%H:%MZ)"
out ""
out "$(nproc) cores, load average at start $(cut -d' ' -f1-3 /proc/loadavg); $($BIN --version | head -1); each time is the"
out "median of $RUNS runs taken in alternation with the other commands of its line."
out ""

# --- 1. growth per 10x resources, peak memory ----------------------------------------------------------------------
if [ ${#SERIES[@]} -gt 0 ]; then
out "## Growth with resources in one input (median ms; growth per 10x; peak RSS of the largest against 3x its size + 50 MB)"
out ""
out "| shape | MB at 100k | 1k | 10k | 100k | 1k→10k | 10k→100k | RSS 100k MB | bound MB |"
out "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
fi
for series in "${SERIES[@]}"; do
  name=${series%%|*}
  result=$(alternate "$RUNS" \
    --name 1k -- "$BIN" check "$CORPUS/$name-1000/input" \
    --name 10k -- "$BIN" check "$CORPUS/$name-10000/input" \
    --name 100k -- "$BIN" check "$CORPUS/$name-100000/input")
  a=$(field 1k median "$result") b=$(field 10k median "$result") c=$(field 100k median "$result")
  rss=$(field 100k rss_kb "$result")
  mb=$(largest_mb "$CORPUS/$name-100000/input")
  out "| $name | $mb | $(ms "$a") | $(ms "$b") | $(ms "$c") | $(ratio "$b" "$a")x | $(ratio "$c" "$b")x |" \
    "$(awk -v k="$rss" 'BEGIN { printf "%.0f", k / 1024 }') | $(awk -v m="$mb" 'BEGIN { printf "%.0f", 3 * m + 50 }') |"
done
[ ${#SERIES[@]} -gt 0 ] && out ""

# --- 1b. adversarial shapes: one construct repeated, where a reader might scan or re-resolve per repetition -----------
# (Benchmarks/generate_adversarial.py; each was quadratic or worse before round 13, or is a reader of round 26 —
# pem-bundle needs Python's `cryptography` package.)
ADVERSARIAL=(
  "cfn-sg-rules|10000|100000" "cfn-join|10000|100000" "cfn-sub-vars|10000|100000" "cfn-arn-string|10000|100000"
  "cfn-allowed|10000|100000" "cfn-region-map|10000|100000" "k8s-ignores|10000|100000" "tf-toset|10000|100000"
  "tf-module-calls|1000|10000" "plan-fan-in|20|200" "cfn-sub-nesting|20|30"
  "tf-locals-fan-in|1000|10000" "tf-overrides|1000|10000" "waiver-resources|10000|100000"
  "pack-unknown-ids|1000|10000" "exclude-globs|1000|10000"
  "waiver-infix|10000|100000" "waiver-other-rules|10000|100000" "waiver-long-names|100000|1000000"
  "ingress-group-one|2000|20000" "ingress-groups|2000|20000" "ingress-group-classes|2000|20000"
  "ingress-group-own-classes|2000|20000"
  "tf-kubectl-yaml|1000|10000" "tf-yaml-aliases|5000|50000" "k8s-yaml-aliases|10000|100000" "pem-bundle|2000|20000"
  "tf-bucket-companions|1000|10000" "tf-one-bucket-policies|1000|10000" "tf-policy-documents|500|5000"
  "plan-bucket-companions|1000|10000" "cfn-bucket-policies|1000|10000" "karpenter|2000|20000"
  "tf-workspaces|1000|10000" "tf-sg-rules|1000|10000" "plan-sg-rules|1000|10000" "broken-links|1000|10000"
  "cfn-sg-port-ranges|2000|20000" "pem-headers|10000|100000" "pattern-long-text|100000|1000000"
  "cfn-noecho-loop|1000|10000" "cfn-loops-within|1000|10000"
  "cfn-condition-chain|100|1000" "plan-aoss-wildcard|1000|10000" "tf-dynamic-ingress|1000|10000"
)
[ "${BENCH_SHAPES_QUICK:-0}" = 1 ] && ADVERSARIAL=()
if [ ${#ADVERSARIAL[@]} -gt 0 ]; then
out "## Adversarial shapes: one construct repeated N times (median ms; growth per 10x N)"
out ""
out "plan-fan-in's N is how often each of 15 chained aliases names the next (the plan grows 10x, the paths through it"
out "by 10^15); cfn-sub-nesting's is the depth of !Sub \"\${A}\${A}\" (its string doubles per level, and is unknown"
out "past 1 MB), so its growth is per 10 levels."
out ""
out "| shape | N | 10N | time N | time 10N | growth |"
out "| --- | ---: | ---: | ---: | ---: | ---: |"
fi
for entry in "${ADVERSARIAL[@]}"; do
  IFS='|' read -r name small large <<<"$entry"
  for size in "$small" "$large"; do
    if [ ! -f "$CORPUS/adversarial/$name-$size/.complete" ]; then
      rm -rf "${CORPUS:?}/adversarial/$name-$size"
      python3 Benchmarks/generate_adversarial.py "$name" "$size" "$CORPUS/adversarial/$name-$size"
      touch "$CORPUS/adversarial/$name-$size/.complete"
    fi
  done
  # A shape with flags (a waiver file) keeps its input in input/ and its flags, one a line, in args.
  small_args=() large_args=() small_dir="$CORPUS/adversarial/$name-$small" large_dir="$CORPUS/adversarial/$name-$large"
  [ -f "$small_dir/args" ] && mapfile -t small_args <"$small_dir/args"
  [ -f "$large_dir/args" ] && mapfile -t large_args <"$large_dir/args"
  [ -d "$small_dir/input" ] && small_dir="$small_dir/input"
  [ -d "$large_dir/input" ] && large_dir="$large_dir/input"
  result=$(alternate "$RUNS" --name small -- "$BIN" check "$small_dir" "${small_args[@]}" \
    --name large -- "$BIN" check "$large_dir" "${large_args[@]}")
  a=$(field small median "$result") b=$(field large median "$result")
  out "| $name | $small | $large | $(ms "$a") | $(ms "$b") | $(ratio "$b" "$a")x |"
done
[ ${#ADVERSARIAL[@]} -gt 0 ] && out ""
[ "${BENCH_SHAPES_ADVERSARIAL_ONLY:-0}" = 1 ] && exit 0

# --- 2. against Python's json.loads of the same bytes ----------------------------------------------------------------
out "## Against Python json.loads of the same bytes (median s, alternating)"
out ""
out "On a shared machine the CPU ratio (user + system of each whole process) is the one to read; the wall-clock ratio"
out "holds only when the load average above stays under the core count."
out ""
out "| input | MB | policycheck | CPU | json.loads | CPU | ratio (wall) | ratio (CPU) |"
out "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
compare() { # label directory
  local result
  result=$(alternate "$RUNS" --name check -- "$BIN" check "$2" --name parse -- python3 Benchmarks/parse_baseline.py "$2")
  out "| $1 | $(size_mb "$2") | $(field check median "$result") | $(field check cpu "$result") |" \
    "$(field parse median "$result") | $(field parse cpu "$result") | $(ratio "$(field check median "$result")" "$(field parse median "$result")")x |" \
    "$(ratio "$(field check cpu "$result")" "$(field parse cpu "$result")")x |"
}
[ -d "$CORPUS/tf-relations-100000/input" ] &&
  compare "one plan, 100,000 resources with companions (tf-relations)" "$CORPUS/tf-relations-100000/input"
compare "1,000 finding-dense single-line plans x 100 resources" "$CORPUS/dense/input"
[ -d "$ROOT/c1000x100/plans" ] && compare "1,000 plans x 100 resources (today's corpus, c1000x100)" "$ROOT/c1000x100/plans"
compare "one allowlist of 100,000 entries (one security group)" "$CORPUS/allowlist-100000/input"
findings=$("$BIN" check "$CORPUS/dense/input" --format json 2>/dev/null | python3 -c "import json, sys; print(len(json.load(sys.stdin)['findings']))" || true)
out ""
out "The dense corpus gives $findings findings ($(awk -v f="$findings" 'BEGIN { printf "%.1f", f / 1000 }') per plan)."
out ""

# --- Terraform source against Checkov on the same folders (when Checkov is installed; CHECKOV=PATH) -------------------
checkov=${CHECKOV:-checkov}
if command -v "$checkov" >/dev/null 2>&1; then
  out "## Terraform source against Checkov $("$checkov" --version) on the same folders (median s, alternating)"
  out ""
  out "| folder | policycheck | CPU | checkov | CPU | checkov / policycheck |"
  out "| --- | ---: | ---: | ---: | ---: | ---: |"
  against_checkov() { # label directory
    local result
    result=$(alternate "$RUNS" --name check -- "$BIN" check "$2" \
      --name checkov -- "$checkov" -d "$2" --framework terraform --quiet --compact -o json)
    out "| $1 | $(field check median "$result") | $(field check cpu "$result") | $(field checkov median "$result") |" \
      "$(field checkov cpu "$result") | $(ratio "$(field checkov median "$result")" "$(field check median "$result")")x |"
  }
  [ -d ../shared/corpus/checkov/terraform-hcl ] && against_checkov "Checkov's own HCL corpus (15 folders)" ../shared/corpus/checkov/terraform-hcl
  against_checkov "generated module, 1,000 resources" "$CORPUS/tf-source-1000/input"
  against_checkov "generated module, 10,000 resources" "$CORPUS/tf-source-10000/input"
  out ""
fi

# --- 3. parallel speed-up, identical output --------------------------------------------------------------------------
out "## --jobs 2 against --jobs 1 (median s, alternating)"
out ""
parallel() { # label directory
  local result identical=yes format
  result=$(alternate "$RUNS" --name one -- "$BIN" check "$1" --jobs 1 --name two -- "$BIN" check "$1" --jobs 2)
  for format in text json sarif junit; do
    "$BIN" check "$1" --jobs 1 --format "$format" --now 2026-11-29 >"$CORPUS/jobs1.out" 2>/dev/null || true
    "$BIN" check "$1" --jobs 2 --format "$format" --now 2026-11-29 >"$CORPUS/jobs2.out" 2>/dev/null || true
    cmp -s "$CORPUS/jobs1.out" "$CORPUS/jobs2.out" || identical=no
  done
  out "- $2: --jobs 1 $(field one median "$result") s, --jobs 2 $(field two median "$result") s:" \
    "**$(ratio "$(field one median "$result")" "$(field two median "$result")")x** (CPU $(field one cpu "$result") s and" \
    "$(field two cpu "$result") s; load average $(cut -d' ' -f1 /proc/loadavg) after); text, JSON, SARIF and JUnit" \
    "byte-identical: $identical"
}
parallel "$CORPUS/dense/input" "dense (1,000 plans x 100 resources)"
[ -d "$ROOT/c1000x100/plans" ] && parallel "$ROOT/c1000x100/plans" "c1000x100"
out ""

# --- 4. instructions per shape -------------------------------------------------------------------------------------
if [ "${BENCH_PROFILE:-0}" = 1 ] && command -v valgrind >/dev/null; then
  out "## Instructions executed (callgrind, --jobs 1; the same on every run)"
  out ""
  strip -g -o "$CORPUS/policycheck-nodebug" "$BIN"
  instructions() { # directory [more check options]
    local input=$1
    shift
    { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$CORPUS/policycheck-nodebug" check "$input" --jobs 1 \
      "$@" 2>&1 >/dev/null || true; } | awk '/Collected/ { printf "%.1f", $4 / 1e6 }'
  }
  # 1k inputs of every shape; the 10k input too for one plan with every relation (the instruction count's growth
  # is free of the machine's noise). Under callgrind a 10k input takes minutes.
  out "| shape | 1k (million) |"
  out "| --- | ---: |"
  for series in "${SERIES[@]}"; do
    name=${series%%|*}
    out "| $name | $(instructions "$CORPUS/$name-1000/input") |"
  done
  if [ ${#SERIES[@]} -gt 0 ]; then
    small=$(instructions "$CORPUS/tf-relations-1000/input")
    large=$(instructions "$CORPUS/tf-relations-10000/input")
    out ""
    out "- tf-relations 1k -> 10k: $small -> $large million, $(ratio "$large" "$small")x"
  fi
  mkdir -p "$CORPUS/dense100"
  for plan in $(find "$CORPUS/dense/input" -name 'plan-000[0-9][0-9].json' | sort); do
    ln -f "$plan" "$CORPUS/dense100/"
  done
  out ""
  out "- dense, first 100 plans: $(instructions "$CORPUS/dense100") million"
  out "- allowlist of 100,000 entries: $(instructions "$CORPUS/allowlist-100000/input") million"
  out ""
  # Every report format on one input: each writes every finding, so a slow writer shows beside the text one.
  if [ -d "$CORPUS/tf-relations-1000/input" ]; then
    out "| format (tf-relations 1k, report to a file) | million |"
    out "| --- | ---: |"
    for format in text json sarif junit markdown github; do
      out "| $format | $(instructions "$CORPUS/tf-relations-1000/input" --format "$format" --output "$CORPUS/format.out") |"
    done
    out ""
  fi
fi
