#!/usr/bin/env bash
# The example pack, packs/timeseries/, as its users get it: built outside the tree against the
# installed autood alone, its own tests run, installed, then loaded with --pack by the unchanged
# binary. Without the pack, series cannot be searched at all; with it, a search on a generated
# series with injected anomalies selects its ops and finds the anomalies, and the saved model
# scores another series.
set -uo pipefail
build=$1
work=$2
source_dir=$(cd "$(dirname "$0")/../../packs/timeseries" && pwd)
source "$(dirname "$0")/../e2e/expect.sh"
rm -rf "$work"
mkdir -p "$work"

cmake --install "$build" --prefix "$work/prefix" > "$work/install.log" || fail "install autood"
# ccache, where it is installed, as in the main build: the build outside the tree was 3 of this
# test's 3.4 minutes, and its sources and the installed SDK seldom change. The SDK's headers
# were installed a moment ago, which ccache would take for a file being written.
launcher=()
command -v ccache > /dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
export CCACHE_SLOPPINESS=include_file_mtime,include_file_ctime
cmake -S "$source_dir" -B "$work/build" -DCMAKE_PREFIX_PATH="$work/prefix" \
  -DCMAKE_BUILD_TYPE=Release "${launcher[@]}" > "$work/configure.log" || { cat "$work/configure.log"; fail "pack configure"; }
cmake --build "$work/build" -j2 > "$work/build.log" || { tail -40 "$work/build.log"; fail "pack build"; }
(cd "$work/build" && ctest --output-on-failure > "$work/pack-tests.log") ||
  { cat "$work/pack-tests.log"; fail "the pack's own tests"; }
cmake --install "$work/build" --prefix "$work/packs" > "$work/pack-install.log" || fail "pack install"
pack="$work/packs/lib/autood/packs/timeseries"
autood="$work/prefix/bin/autood"
"$autood" pack check "$pack" | tee "$work/check.out" | grep -q '^Ok: the pack loads with this autood (8 libraries)' ||
  { cat "$work/check.out"; fail "autood pack check"; }

# Without the pack the unchanged binary has no op for rank-3 data and no series loader.
expect 1 'no transform op \(such as conv or dense\) fits data of rank 3' -- "$autood" space --shape 2,64
expect 1 "unknown dataset 'series_csv'" -- "$autood" search --set data.source.loader=series_csv

space=$("$autood" space --shape 2,64 --pack "$pack") || fail "space with the pack"
echo "$space"
grep -Eq '^layer1\.transform +conv1d' <<<"$space" || fail "conv1d is not the series transform"
grep -Eq '^layer1\.pool +avg_pool1d, max_pool1d$' <<<"$space" || fail "the 1-D pools are missing"
grep -Eq '^distance +l1, l2, peak, spectrum$' <<<"$space" || fail "the window distances are missing"

# A search on a generated series: the pack's defaults choose the loader and the protocol.
bash "$source_dir/tools/make_series.sh" 40000 1 > "$work/series.csv" || fail "make_series"
bash "$source_dir/tools/make_series.sh" 8000 7 > "$work/other.csv" || fail "make_series"
"$autood" search --pack "$pack" --set data.source.path="$work/series.csv" \
  --set data.source.time_column=time --set data.contamination=0.2 --set search.budget=6 \
  --set train.epochs=10 --set search.seed=3 --run-dir "$work/run" > "$work/search.out" 2>&1 ||
  { cat "$work/search.out"; fail "the search on a series"; }
cat "$work/search.out"
grep -q '625 windows of 64, stride 64, 85 anomalous' "$work/search.out" || fail "the windows"
grep -Eq '^  layer 1: conv1d (avg|max)_pool1d' "$work/search.out" || fail "the best model lacks the pack's ops"
# The injected anomalies are plain to see; a scorer that has learnt nothing would be near 0.5.
auroc=$(sed -nE 's/^  AUROC +([0-9.]+)$/\1/p' "$work/search.out")
awk -v a="$auroc" 'BEGIN { exit !(a >= 0.9) }' || fail "test AUROC $auroc is below 0.9"

# Without labelled outliers: the pack's spike and level shift make the validation outliers from
# held-out normal windows, and the model is judged on the series' five real kinds of anomaly,
# which it never saw (0.95 measured; an untrained scorer is near 0.5).
"$autood" search --pack "$pack" --set data.source.path="$work/series.csv" \
  --set data.source.time_column=time --set data.contamination=0.2 --set search.budget=6 \
  --set train.epochs=10 --set search.seed=3 --set data.validation=synthetic \
  --run-dir "$work/run-nolabel" > "$work/search-nolabel.out" 2>&1 ||
  { cat "$work/search-nolabel.out"; fail "the label-free search on a series"; }
grep -q 'validation 108+27 made by level_shift, spike, .*labelled outliers: none' \
  "$work/search-nolabel.out" || { cat "$work/search-nolabel.out"; fail "the made outliers"; }
nolabel=$(sed -nE 's/^  AUROC +([0-9.]+)$/\1/p' "$work/search-nolabel.out")
awk -v a="$nolabel" 'BEGIN { exit !(a >= 0.85) }' || fail "label-free test AUROC $nolabel is below 0.85"

# The saved model loads the pack named in its config and scores another series.
"$autood" score --model "$work/run/best" --input "$work/other.csv" --out "$work/other.scores.csv" \
  > "$work/score.out" 2>&1 || { cat "$work/score.out"; fail "score"; }
cat "$work/score.out"
[ "$(wc -l < "$work/other.scores.csv")" -eq 126 ] || fail "other.scores.csv has not 125 rows"
other=$(sed -nE 's/^AUROC ([0-9.]+) .*/\1/p' "$work/score.out")
awk -v a="$other" 'BEGIN { exit !(a >= 0.9) }' || fail "AUROC $other on another series"
echo "PASS: the time-series pack (test AUROC $auroc, label-free $nolabel, another series $other)"
