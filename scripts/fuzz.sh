#!/usr/bin/env bash
# Coverage-guided fuzzing (cargo-fuzz / libFuzzer) of every fuzz target in fuzz/: one per JSON
# command, the rule loader, the CSV reader, the holiday loader and the trusted JSON reader.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET ...]    # default: 60 seconds, every target
#   scripts/fuzz.sh --seed                               # (re)write the seed inputs into fuzz/corpus/
#
# Builds every target, runs each for the budget (one job: the machine has 2 shared cores) from
# its kept corpus fuzz/corpus/TARGET (read only; what a run finds goes to fuzz/corpus-run/TARGET),
# then prints the executions per target and in total. A crash stops that target, leaves the
# input in fuzz/artifacts/TARGET/ and makes the script exit 1 after the others have run.
#
# Environment:
#   FUZZ_SANITIZER=none|address   (default none: the crate has no unsafe code; overflow checks
#                                  and debug assertions are on in either case)
#   FUZZ_KEEP=1                   after the run, merge what it found into fuzz/corpus/TARGET and
#                                 minimise that (cargo fuzz cmin): how the kept corpus is made
#   FUZZ_JOBS=N                   libFuzzer -fork=N instead of one process (default: one)
#
# cargo-fuzz needs nightly features: RUSTC_BOOTSTRAP=1 lets the stable toolchain give them.
set -euo pipefail
cd "$(dirname "$0")/.."

CARGO_FUZZ_VERSION=0.13.2
export RUSTC_BOOTSTRAP=1
SANITIZER="${FUZZ_SANITIZER:-none}"

if [ "$(cargo fuzz --version 2>/dev/null | awk '{print $2}')" != "$CARGO_FUZZ_VERSION" ]; then
  echo "== cargo install cargo-fuzz $CARGO_FUZZ_VERSION (about a minute)"
  cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked
fi

# The kept corpus travels packed (fuzz/corpus.tar.xz, ~1 MB for ~20,000 inputs, ~96 MB unpacked):
# unpack it when absent; FUZZ_KEEP=1 packs it again after the merge and minimisation below.
if [ ! -d fuzz/corpus ] && [ -f fuzz/corpus.tar.xz ]; then
  echo "== unpack the kept corpus (fuzz/corpus.tar.xz)"
  tar -C fuzz -xJf fuzz/corpus.tar.xz
fi

if [ "${1:-}" = "--seed" ]; then
  python3 fuzz/seed.py
  exit 0
fi

SECONDS_PER_TARGET="${1:-60}"
shift || true
case "$SECONDS_PER_TARGET" in ''|*[!0-9]*) echo "usage: scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET ...]" >&2; exit 2 ;; esac

if [ $# -gt 0 ]; then
  TARGETS=("$@")
else
  mapfile -t TARGETS < <(cargo fuzz list)
fi

# Every JSON command has its target (a new command needs fuzz/fuzz_targets/cmd_NAME.rs).
for name in $(sed -n '/^pub const COMMANDS/,/^];/s/^ *("\([a-z-]*\)".*/\1/p' src/api.rs); do
  t="cmd_${name//-/_}"
  [ -f "fuzz/fuzz_targets/$t.rs" ] || { echo "no fuzz target for the command $name: add fuzz/fuzz_targets/$t.rs" >&2; exit 1; }
done

echo "== cargo fuzz build (sanitizer: $SANITIZER)"
build_start=$(date +%s)
cargo fuzz build --sanitizer "$SANITIZER" 2>&1 | grep -v '^ *Compiling ' || true
[ "${PIPESTATUS[0]}" = 0 ] || exit 1
echo "   built in $(( $(date +%s) - build_start )) s"

BIN=fuzz/target/x86_64-unknown-linux-gnu/release
LOGS=fuzz/corpus-run/logs
mkdir -p "$LOGS"
# Commands that answer the same whatever the input: run only to show they are reached.
ignores_input() { [ "$1" = cmd_deadline_kinds ] || [ "$1" = cmd_forms ]; }

total=0
failed=()
run_start=$(date +%s)
printf '%-22s %12s %10s %8s  %s\n' target executions exec/s seconds result
for t in "${TARGETS[@]}"; do
  mkdir -p "fuzz/corpus/$t" "fuzz/corpus-run/$t" "fuzz/artifacts/$t"
  dict=fuzz/json.dict
  [ "$t" = csv_stream ] && dict=fuzz/csv.dict
  if ignores_input "$t"; then
    budget=(-runs=1000)
  else
    budget=(-max_total_time="$SECONDS_PER_TARGET")
  fi
  jobs=()
  [ -n "${FUZZ_JOBS:-}" ] && jobs=(-fork="$FUZZ_JOBS")
  start=$(date +%s)
  set +e
  "$BIN/$t" "fuzz/corpus-run/$t" "fuzz/corpus/$t" "${budget[@]}" "${jobs[@]}" -dict="$dict" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="fuzz/artifacts/$t/" >"$LOGS/$t.log" 2>&1
  rc=$?
  set -e
  took=$(( $(date +%s) - start ))
  # The final count: "Done N runs", else (a crash) the last status line "#N".
  n=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$LOGS/$t.log" | tail -n1)
  [ -n "$n" ] || n=$(sed -n 's/^stat::number_of_executed_units: *\([0-9]*\).*/\1/p' "$LOGS/$t.log" | tail -n1)
  [ -n "$n" ] || n=$(grep -ao '^#[0-9]*' "$LOGS/$t.log" | tail -n1 | tr -d '#')
  n=${n:-0}
  total=$(( total + n ))
  result=ok
  if [ $rc != 0 ]; then
    result="CRASH (exit $rc): $(ls -t "fuzz/artifacts/$t" | head -n1), log $LOGS/$t.log"
    failed+=("$t")
  fi
  printf '%-22s %12d %10d %8d  %s\n' "$t" "$n" $(( n / (took > 0 ? took : 1) )) "$took" "$result"
done
echo "total: $total executions in $(( $(date +%s) - run_start )) s over ${#TARGETS[@]} targets"

if [ "${FUZZ_KEEP:-}" = 1 ]; then
  echo "== keep: merge what the run found into fuzz/corpus/, then minimise (cargo fuzz cmin)"
  for t in "${TARGETS[@]}"; do
    "$BIN/$t" -merge=1 "fuzz/corpus/$t" "fuzz/corpus-run/$t" -dict=fuzz/json.dict -timeout=10 >"$LOGS/$t.merge.log" 2>&1 || true
    cargo fuzz cmin --sanitizer "$SANITIZER" "$t" -- -timeout=10 >"$LOGS/$t.cmin.log" 2>&1 || echo "cmin of $t failed: $LOGS/$t.cmin.log"
    echo "   $t: $(ls "fuzz/corpus/$t" | wc -l) files, $(du -sk "fuzz/corpus/$t" | cut -f1) KB"
  done
  tar --sort=name --mtime=2026-12-02 --owner=0 --group=0 --numeric-owner -C fuzz -cf - corpus | xz -T2 -9 > fuzz/corpus.tar.xz
  echo "   packed fuzz/corpus.tar.xz ($(wc -c < fuzz/corpus.tar.xz) bytes): commit it"
fi

if [ ${#failed[@]} -gt 0 ]; then
  echo "crashes in: ${failed[*]} (reproduce: RUSTC_BOOTSTRAP=1 cargo fuzz run --sanitizer $SANITIZER TARGET fuzz/artifacts/TARGET/crash-…)" >&2
  exit 1
fi
