#!/usr/bin/env bash
# Benchmarks policycheck (release build) against a parse-only baseline on the same bytes, and reports growth with
# input size, parallel speed-up, start-up time, peak memory and key-inspection throughput against a C loop; then
# the scale series on inputs shaped like real ones (Benchmarks/shapes.sh: relations, 1k/10k/100k resources per
# input, finding-dense plans, a 100,000-entry allowlist; ratios from commands run in alternation).
#
#   Benchmarks/run.sh                 # everything (first run generates ~2 GB of corpus in .benchmarks/)
#   Benchmarks/shapes.sh              # the scale series alone (after a release build)
#   BENCH_RUNS=3 Benchmarks/run.sh    # fewer repetitions (each figure is the best of BENCH_RUNS runs)
#   BENCH_PROFILE=1 Benchmarks/run.sh # also `perf stat`, the top of a `perf record` profile and callgrind
#                                     # instruction counts (per shape, too)
#
# Times are whole-process wall-clock seconds from /usr/bin/time, best of BENCH_RUNS (the machine may be shared, so
# the best run is the one least disturbed); CPU is user+sys of that same run. Results go to stdout and to
# .benchmarks/results.md.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${BENCH_RUNS:-5}
CORPUS=${BENCH_DIR:-.benchmarks}
RESULTS="$CORPUS/results.md"
mkdir -p "$CORPUS"

# --- tools -----------------------------------------------------------------------------------------------------
need=()
[ -x /usr/bin/time ] || need+=(time)
command -v hyperfine >/dev/null || need+=(hyperfine)
command -v gcc >/dev/null || need+=(gcc)
dpkg -s libssl-dev >/dev/null 2>&1 || need+=(libssl-dev)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null
fi

# The release build as it is shipped: the Swift runtime and Foundation linked in (README, "Release build").
swift build -c release --product policycheck --static-swift-stdlib >&2
BIN=.build/release/policycheck
KEYLOOP="$CORPUS/keyloop"
gcc -O2 -o "$KEYLOOP" Benchmarks/c/keyloop.c -lcrypto

# --- corpus (deterministic; generated once) ----------------------------------------------------------------------
corpus() { # name plans resources [extra generator arguments]
  local name=$1 plans=$2 resources=$3
  shift 3
  if [ ! -f "$CORPUS/$name/.complete" ]; then
    echo "generating $name ($plans plans x $resources resources)" >&2
    rm -rf "${CORPUS:?}/$name"
    python3 Benchmarks/generate_corpus.py --out "$CORPUS/$name" --plans "$plans" --resources "$resources" "$@"
    touch "$CORPUS/$name/.complete"
  fi
}
corpus c100x100 100 100
corpus c1000x100 1000 100
corpus c100x1000 100 1000
corpus c1x70000 1 70000
corpus c1x2000r 1 2000 --references
corpus c1x20000r 1 20000 --references
corpus keys 0 0 --keys 10000

# --- measuring ---------------------------------------------------------------------------------------------------
# best CMD...: runs CMD (stdout to /dev/null) RUNS times; sets WALL, CPU (user+sys) and RSS (KB) of the fastest run.
best() {
  local log="$CORPUS/time.log"
  WALL=""
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f "%e %U %S %M" -o "$log" "$@" >/dev/null 2>"$CORPUS/stderr.log" || true
    # The last line: /usr/bin/time prefixes a note when the command exits non-zero (policycheck exits 1 on findings).
    read -r wall user sys rss < <(tail -n 1 "$log")
    if [ -z "$WALL" ] || awk -v a="$wall" -v b="$WALL" 'BEGIN { exit !(a < b) }'; then
      WALL=$wall
      CPU=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
      RSS=$rss
    fi
  done
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.2f", a / b }'; }
mb() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
size_mb() { du -sm --apparent-size "$1" | cut -f1; }

: >"$RESULTS"
out() { echo "$*" | tee -a "$RESULTS"; }

out "# policycheck benchmark — $(date -u +%Y-%m-%dT%H:%MZ)"
out ""
out "Machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(free -g | awk '/Mem:/ {print $2}') GB RAM;" \
  "load average at start: $(cut -d' ' -f1-3 /proc/loadavg). $($BIN --version | head -1) (release build), $(python3 --version)."
out "Each figure is the best of $RUNS runs (wall-clock seconds, whole process); CPU is user+sys of that run."
out ""

# --- 1. check against the parse-only baseline ----------------------------------------------------------------------
out "## check (default pack) against Python json.loads of the same files"
out ""
out "| corpus | size MB | policycheck s | CPU s | RSS MB | python parse s | CPU s | policycheck / parse |"
out "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
declare -A CHECK
for name in c100x100 c1000x100 c100x1000; do
  best "$BIN" check "$CORPUS/$name/plans"
  CHECK[$name]=$WALL
  local_wall=$WALL local_cpu=$CPU local_rss=$RSS
  best python3 Benchmarks/parse_baseline.py "$CORPUS/$name/plans"
  out "| $name | $(size_mb "$CORPUS/$name/plans") | $local_wall | $local_cpu | $(mb "$local_rss") | $WALL | $CPU | $(ratio "$local_wall" "$WALL") |"
done
best "$BIN" check "$CORPUS/c1000x100/plans" --format json
out ""
out "JSON output for c1000x100: $WALL s (CPU $CPU s, RSS $(mb "$RSS") MB)."
out ""

# --- 2. growth -------------------------------------------------------------------------------------------------------
out "## Growth with input size"
out ""
# Mean wall-clock milliseconds of CMD over hyperfine runs: /usr/bin/time's 10 ms steps are too coarse for the
# small corpora (0.07 s), whose error would otherwise dominate the ratios.
mean_ms() { # runs CMD...
  local runs=$1
  shift
  hyperfine -N --warmup 2 --runs "$runs" -i --export-json "$CORPUS/mean.json" "$*" >/dev/null 2>&1
  python3 -c "import json; print(f\"{json.load(open('$CORPUS/mean.json'))['results'][0]['mean'] * 1000:.1f}\")"
}
if command -v hyperfine >/dev/null; then
  m100x100=$(mean_ms 20 "$BIN" check "$CORPUS/c100x100/plans")
  m1000x100=$(mean_ms 5 "$BIN" check "$CORPUS/c1000x100/plans")
  m100x1000=$(mean_ms 5 "$BIN" check "$CORPUS/c100x1000/plans")
  # One plan whose data stores name their keys by configuration references, as real plans do (each reference is
  # resolved to an instance of the plan).
  m2000r=$(mean_ms 20 "$BIN" check "$CORPUS/c1x2000r/plans")
  m20000r=$(mean_ms 5 "$BIN" check "$CORPUS/c1x20000r/plans")
  out "Hyperfine means (ms), whole process:"
  out ""
  out "- 10x the files (c100x100 -> c1000x100): $m100x100 -> $m1000x100 ms, $(ratio "$m1000x100" "$m100x100")x the time"
  out "- 10x the resources per file (c100x100 -> c100x1000): $m100x100 -> $m100x1000 ms, $(ratio "$m100x1000" "$m100x100")x the time"
  out "- 10x the resources of one plan with references (c1x2000r -> c1x20000r): $m2000r -> $m20000r ms," \
    "$(ratio "$m20000r" "$m2000r")x the time"
  out ""
  # The issue's yardstick: a Rego engine (regorus, driven from Python) checked these 100 plans in 0.8 s.
  out "100 plans (c100x100): mean $m100x100 ms, $(ratio 800 "$m100x100")x faster than the Rego engine's 0.8 s (target: 80 ms, 10x)"
else
  out "- 10x the files (c100x100 -> c1000x100): $(ratio "${CHECK[c1000x100]}" "${CHECK[c100x100]}")x the time (best of $RUNS)"
  out "- 10x the resources per file (c100x100 -> c100x1000): $(ratio "${CHECK[c100x1000]}" "${CHECK[c100x100]}")x the time (best of $RUNS)"
fi
out ""

# --- 3. parallel speed-up and identical output ----------------------------------------------------------------------
out "## Parallel speed-up (c1000x100)"
out ""
best "$BIN" check "$CORPUS/c1000x100/plans" --jobs 1
serial=$WALL
best "$BIN" check "$CORPUS/c1000x100/plans" --jobs 2
parallel=$WALL
identical=yes
for format in text json; do
  "$BIN" check "$CORPUS/c1000x100/plans" --jobs 1 --format "$format" --now 2026-11-29 >"$CORPUS/jobs1.out" || true
  "$BIN" check "$CORPUS/c1000x100/plans" --jobs 2 --format "$format" --now 2026-11-29 >"$CORPUS/jobs2.out" || true
  cmp -s "$CORPUS/jobs1.out" "$CORPUS/jobs2.out" || identical=no
done
out "- --jobs 1: $serial s; --jobs 2: $parallel s; speed-up $(ratio "$serial" "$parallel")x; outputs byte-identical (text and JSON): $identical"
out ""

# --- 4. start-up -----------------------------------------------------------------------------------------------------
out "## Start-up"
out ""
if command -v hyperfine >/dev/null; then
  hyperfine --warmup 10 --runs 200 -N --export-json "$CORPUS/startup.json" "$BIN --version" >/dev/null 2>&1
  startup=$(python3 -c "import json; r = json.load(open('$CORPUS/startup.json'))['results'][0]; print(f\"mean {r['mean'] * 1000:.1f} ms, min {r['min'] * 1000:.1f} ms\")")
else
  start=$(date +%s%N)
  for _ in $(seq 200); do "$BIN" --version >/dev/null; done
  startup="mean $(( ($(date +%s%N) - start) / 200000 )) us (loop of 200)"
fi
out "- policycheck --version: $startup"
out ""

# --- 5. peak memory against the largest input -------------------------------------------------------------------------
out "## Peak memory"
out ""
for name in c1x70000 c1000x100; do
  largest=$(find "$CORPUS/$name/plans" -type f -printf '%s\n' | sort -n | tail -1)
  bound=$(awk -v l="$largest" 'BEGIN { printf "%.0f", 3 * l / 1048576 + 50 }')
  best "$BIN" check "$CORPUS/$name/plans"
  check_rss=$RSS check_wall=$WALL
  best python3 Benchmarks/parse_baseline.py "$CORPUS/$name/plans"
  out "- $name (largest file $(awk -v l="$largest" 'BEGIN { printf "%.1f", l / 1048576 }') MB): peak RSS $(mb "$check_rss") MB," \
    "bound 3x largest + 50 MB = $bound MB; time $check_wall s (python parse: $WALL s, $(mb "$RSS") MB)"
  line="  - other formats:"
  for format in json sarif junit; do
    best "$BIN" check "$CORPUS/$name/plans" --format "$format"
    line="$line $format $(mb "$RSS") MB ($WALL s);"
  done
  out "$line"
done
out ""

# --- 6. key inspection against the C loop ------------------------------------------------------------------------
out "## Key inspection (10,000 files: RSA/EC/Ed25519 in PKCS#1, PKCS#8, SEC1, SPKI, X.509; PEM and DER)"
out ""
keyfiles=("$CORPUS"/keys/keys/*)
count=${#keyfiles[@]}
best "$KEYLOOP" "${keyfiles[@]}"
c_wall=$WALL c_cpu=$CPU
best "$BIN" keys inspect --format json "${keyfiles[@]}"
out "- C loop (reused OSSL_DECODER_CTXs, whole process incl. reading): $c_wall s, $(awk -v n="$count" -v t="$c_wall" 'BEGIN { printf "%.0f", n / t }') files/s (CPU $c_cpu s)"
out "- policycheck keys inspect --format json (whole process incl. reading and JSON output): $WALL s," \
  "$(awk -v n="$count" -v t="$WALL" 'BEGIN { printf "%.0f", n / t }') files/s (CPU $CPU s)"
out "- policycheck throughput / C loop: $(ratio "$c_wall" "$WALL") (wall), $(ratio "$c_cpu" "$CPU") (CPU)"
out ""

# --- 7. optional profile ----------------------------------------------------------------------------------------
if [ "${BENCH_PROFILE:-0}" = 1 ] && command -v perf >/dev/null; then
  out "## Profile (c100x100, --jobs 1)"
  out ""
  { perf stat -r 5 -e task-clock,page-faults "$BIN" check "$CORPUS/c100x100/plans" --jobs 1 2>&1 >/dev/null |
    grep -E "task-clock|page-faults|elapsed" | sed 's/^/    /' | tee -a "$RESULTS"; } || true
  perf record -F 4000 -g -o "$CORPUS/perf.data" "$BIN" check "$CORPUS/c100x100/plans" --jobs 1 >/dev/null 2>&1 || true
  out ""
  out "Share of samples (inclusive) by phase:"
  out ""
  report=$(perf report -i "$CORPUS/perf.data" --children --sort symbol --stdio -g none 2>/dev/null || true)
  phase() { # label pattern
    local share
    share=$({ grep -E "$2" <<<"$report" || true; } | head -1 | awk '{print $1}')
    out "- $1: ${share:-n/a}"
  }
  phase "read, parse and adapt files (InputReader.read)" 'InputReaderV4read_'
  phase "parse JSON to the tape (JSONReader.read)" 'JSONReaderV4read'
  phase "Terraform adapter (TerraformPlanAdapter.deployment)" 'TerraformPlanAdapterV10deployment'
  phase "evaluate rules (Evaluator.evaluate)" 'EvaluatorV8evaluate_'
  phase "write the report (ReportOutput.emit)" 'ReportOutputV4emit'
  out ""
  out "Top symbols (self):"
  out ""
  { perf report -i "$CORPUS/perf.data" --no-children --sort symbol --stdio -g none 2>/dev/null | grep '%' | head -20 |
    cut -c1-150 | sed 's/^/    /' | tee -a "$RESULTS"; } || true
  # Instructions executed, from callgrind: the same count on every run, so small changes can be told from the
  # machine's noise. Valgrind cannot read the release binary's debug information; a copy stripped of it is run.
  if command -v valgrind >/dev/null; then
    strip -g -o "$CORPUS/policycheck-nodebug" "$BIN"
    # (`check` exits 1: the corpus has findings.)
    instructions=$({ valgrind --tool=callgrind --callgrind-out-file=/dev/null "$CORPUS/policycheck-nodebug" check \
      "$CORPUS/c100x100/plans" --jobs 1 2>&1 >/dev/null || true; } | awk '/Collected/ {print $4}')
    out ""
    out "Instructions executed (callgrind, c100x100, --jobs 1): $(awk -v n="$instructions" 'BEGIN { printf "%.0f", n / 1e6 }') million"
  fi
fi

# --- 8. shapes of real inputs: relations, scale series, finding-dense plans, one large allowlist -------------------
# (Benchmarks/shapes.sh; its own section of the results, also in .benchmarks/shapes.md.)
BENCH_DIR="$CORPUS" Benchmarks/shapes.sh "$BIN" >/dev/null
cat "$CORPUS/shapes.md" >>"$RESULTS"
cat "$CORPUS/shapes.md"

# --- 9. register of runs and period audit ---------------------------------------------------------------------------
# (Benchmarks/register.sh: push throughput and audit time over about 10,000 and 100,000 runs, SQLite and PostgreSQL.)
out ""
out "## Register of runs and period audit"
out ""
Benchmarks/register.sh | sed 's/^/- /' | tee -a "$RESULTS"
