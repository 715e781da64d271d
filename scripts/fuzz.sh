#!/usr/bin/env bash
# Builds the libFuzzer harnesses of tests/fuzz/ with clang (AddressSanitizer and UBSan) into
# build-fuzz/ and runs them on their seeds: the bad-input files of tests/bad_inputs/, the configs,
# and every input a fuzzer ever found (tests/fuzz/regressions/<harness>/).
#
#   scripts/fuzz.sh --replay              each seed and regression once (the test suite does this)
#   scripts/fuzz.sh [SECONDS] [HARNESS..]  fuzz each harness for SECONDS (default 600) in turn
#
# Harnesses: idx npy csv image config pack series (the time-series pack's reader), wire (the MPI
# messages) and model (a model folder's model.toml). A finding is written to
# build-fuzz/findings/<harness>/; copy it into tests/fuzz/regressions/<harness>/ with the fix, so
# that it is replayed from then on.
set -euo pipefail
cd "$(dirname "$0")/.."
replay=0
if [[ "${1:-}" == "--replay" ]]; then
  replay=1
  shift
fi
seconds=600
if [[ "${1:-}" =~ ^[0-9]+$ ]]; then
  seconds=$1
  shift
fi
harnesses=("$@")
((${#harnesses[@]})) || harnesses=(idx npy csv image config pack series wire model)

cmake -S tests/fuzz -B build-fuzz -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo > /dev/null
cmake --build build-fuzz -j2 > build-fuzz/build.log 2>&1 || { tail -30 build-fuzz/build.log; exit 1; }

seeds_of() {  # the committed inputs of one harness
  case $1 in
    idx) echo tests/bad_inputs/files/idx ;;
    npy) echo tests/fixtures/npy ;;
    csv) echo tests/bad_inputs/files/csv configs/data ;;
    image) echo tests/bad_inputs/files/images ;;
    config) echo tests/bad_inputs/files/toml configs ;;
    pack) echo tests/bad_inputs/files/packs ;;
    series) echo tests/fuzz/seeds/series tests/bad_inputs/files/csv ;;
    wire) echo tests/fuzz/seeds/wire ;;
    model) echo tests/fuzz/seeds/model ;;
  esac
  [[ -d tests/fuzz/regressions/$1 ]] && echo "tests/fuzz/regressions/$1"
}
# Memory must follow the bytes present: an allocation over 1 GiB is a finding.
limits=(-malloc_limit_mb=1024 -rss_limit_mb=3072 -timeout=20)
export ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=0
if ((replay)); then
  printf '%-8s %8s %8s\n' harness inputs result
else
  printf '%-8s %8s %12s %10s %8s\n' harness seconds executions corpus findings
fi
status=0
for harness in "${harnesses[@]}"; do
  binary=build-fuzz/fuzz_$harness
  [[ -x $binary ]] || { echo "no harness '$harness'; valid: idx npy csv image config pack series wire model"; exit 1; }
  # Findings of an earlier run are kept under findings-previous/ for one more run.
  if ((!replay)) && [[ -d build-fuzz/findings/$harness ]]; then
    rm -rf "build-fuzz/findings-previous/$harness" && mkdir -p build-fuzz/findings-previous
    mv "build-fuzz/findings/$harness" "build-fuzz/findings-previous/$harness"
  fi
  mkdir -p "build-fuzz/corpus/$harness" "build-fuzz/findings/$harness"
  log=build-fuzz/$harness.log
  # shellcheck disable=SC2046
  if ((replay)); then
    rm -rf "build-fuzz/replay/$harness" && mkdir -p "build-fuzz/replay/$harness"
    "$binary" -runs=0 "${limits[@]}" "build-fuzz/replay/$harness" $(seeds_of "$harness") > "$log" 2>&1 || status=1
  else
    "$binary" -max_total_time="$seconds" "${limits[@]}" -artifact_prefix="build-fuzz/findings/$harness/" \
      -print_final_stats=1 "build-fuzz/corpus/$harness" $(seeds_of "$harness") > "$log" 2>&1 || status=1
  fi
  failed=0
  grep -q 'ERROR: \|SUMMARY: ' "$log" && failed=1
  if ((replay)); then
    inputs=$(grep -o 'seed corpus: files: [0-9]*' "$log" | grep -o '[0-9]*$' || echo -)
    printf '%-8s %8s %8s\n' "$harness" "$inputs" "$( ((failed)) && echo FAIL || echo ok)"
  else
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo -)
    corpus=$(find "build-fuzz/corpus/$harness" -type f | wc -l)
    findings=$(find "build-fuzz/findings/$harness" -type f \( -name 'crash-*' -o -name 'leak-*' \
      -o -name 'oom-*' -o -name 'timeout-*' \) | wc -l)
    printf '%-8s %8s %12s %10s %8s\n' "$harness" "$seconds" "$runs" "$corpus" "$findings"
  fi
  if ((failed)); then
    status=1
    grep -m3 'ERROR: \|SUMMARY: ' "$log"
  fi
done
((status == 0)) || echo "FAIL: see build-fuzz/<harness>.log"
exit $status
