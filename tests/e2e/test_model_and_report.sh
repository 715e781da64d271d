#!/usr/bin/env bash
# A run's model and report as a user meets them: `score` reproduces the search's own test
# scores, `export` rebuilds a stored trial, a changed or mismatched model is refused with its
# reason, and report.html renders in headless Chromium with one point per stored trial.
set -uo pipefail
autood=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$(dirname "$0")/expect.sh"
fashion=/usr/share/datasets/fashion-mnist
run="$work/run"
expect 0 'Report: .*report.html' -- "$autood" search --set search.budget=4 --set search.batch=2 --set search.layers=2 \
  --set train.epochs=1 --set data.limit=300 --set data.source.limit=3000 --set train.threads=1 --run-dir "$run"
n=$(sqlite3 "$run/trials.sqlite" "select count(*) from trials")
[ "$n" -eq 4 ] || fail "the store holds $n trials, not 4"

# score, with the model's own data source: every test sample's score as the search computed it.
expect 0 'threshold .* flagged as outliers' -- "$autood" score --model "$run/best" --out "$work/scores.csv"
head -1 "$work/scores.csv" | grep -q '^index,score,label,is_outlier,outlier$' || fail "scores.csv header: $(head -1 "$work/scores.csv")"
compare_scores() {  # compare_scores SEARCH_SCORES SCORE_CSV: the test rows must match to 1e-6
  awk -F, 'NR == FNR { if (FNR > 1) score[$1] = $2; next }
           FNR > 1 && $1 == "test" && $3 >= 0 { n++; d = $5 - score[$3]; if (d < 0) d = -d; if (d > max) max = d }
           END { printf "%d %.3g\n", n, max; exit !(n > 0 && max <= 1e-6) }' "$2" "$1"
}
result=$(compare_scores "$run/best/scores.csv" "$work/scores.csv") || fail "score differs from the search: $result"
echo "ok: score reproduces the search's test scores (samples, largest difference: $result)"

# New data: Fashion-MNIST's own test set, with its labels.
expect 0 'AUROC [0-9.]+  AUPR-In' -- "$autood" score --model "$run/best" --input "$fashion/t10k-images-idx3-ubyte.gz" \
  --loader-option labels="$fashion/t10k-labels-idx1-ubyte.gz" --loader-option limit=1000 --out "$work/t10k.csv"
[ "$(wc -l < "$work/t10k.csv")" -eq 1001 ] || fail "t10k.csv has not 1000 rows"
expect 0 'wrote 30 anomaly maps' -- "$autood" score --model "$run/best" --loader-option limit=30 --out "$work/30.csv" \
  --maps "$work/maps"
[ -s "$work/maps/000029.png" ] || fail "no map for the 30th sample"

# New data without labels, the issue's command as written: --input replaces the source, so the
# training labels (the header has no label column) and the search's limit of 3000 stay behind.
expect 0 "leaves out the older source's limit = 3000" -- "$autood" score --model "$run/best" \
  --input "$fashion/t10k-images-idx3-ubyte.gz" --out "$work/unlabelled.csv"
head -1 "$work/unlabelled.csv" | grep -q '^index,score,outlier$' || fail "unlabelled.csv header: $(head -1 "$work/unlabelled.csv")"
[ "$(wc -l < "$work/unlabelled.csv")" -eq 10001 ] || fail "unlabelled.csv has not 10000 rows"
# A folder of images without class folders (the 28x28 maps just written), through another loader.
# Named 2024 and given relative, it is a path, not the number that TOML would read.
mv "$work/maps" "$work/2024"
expect 0 'scored 30 samples of .*2024' -- bash -c 'cd "$1" && "$2" score --model "$1/run/best" \
  --loader image_folder --input 2024 --out folder.csv' _ "$work" "$autood"
# A table without its label column, for a model searched on a table.
satellite=$(cd "$(dirname "$0")/../../configs" && pwd)/data/satellite.csv
expect 0 'Model:' -- "$autood" search -c "$(dirname "$satellite")/../testbed-satellite.toml" --set search.budget=1 \
  --set train.epochs=1 --set data.source.path="$satellite" --set train.threads=1 --run-dir "$work/table-run"
cut -d, -f1-36 "$satellite" | head -101 > "$work/unlabelled-table.csv"
expect 0 'scored 100 samples of' -- "$autood" score --model "$work/table-run/best" --input "$work/unlabelled-table.csv" \
  --loader-option 'label_column=""' --out "$work/table.csv"
head -1 "$work/table.csv" | grep -q '^index,score,outlier$' || fail "table.csv header: $(head -1 "$work/table.csv")"

# Refusals: data of another shape, a plugin version the model was not trained with.
printf 'a,b,label\n1,2,x\n3,4,y\n' > "$work/table.csv"
expect 1 'the model in .*best takes samples of shape \[1x28x28\] but .*table.csv' -- "$autood" score --model "$run/best" --loader csv \
  --input "$work/table.csv" --out "$work/x.csv"
cp -r "$run/best" "$work/changed"
sed -i '0,/^version = ".*"/s//version = "9.9.9"/' "$work/changed/model.toml"
expect 1 'needs plugin .* 9.9.9, loaded' -- "$autood" score --model "$work/changed" --out "$work/x.csv"

# export: the best trial trained again from its seed scores as best/ does.
best=$(sqlite3 "$run/trials.sqlite" "select trial from trials where status = 'ok' order by reward desc, trial limit 1")
expect 0 "wrote .*trial $best" -- "$autood" export "$run" --trial "$best" --out "$work/exported"
result=$(compare_scores "$work/exported/scores.csv" "$work/scores.csv") || fail "the exported trial scores differently: $result"
expect 1 'has no trial 99' -- "$autood" export "$run" --trial 99 --out "$work/none"
expect 0 'wrote .*trials.csv \(4 trials\)' -- "$autood" export-csv "$run"
[ "$(wc -l < "$run/trials.csv")" -eq 5 ] || fail "trials.csv has not 5 lines"

# The report in a real browser.
expect 0 'wrote .*report.html' -- "$autood" report "$run"
browser=$(command -v chromium || command -v chromium-browser) || fail "chromium is not installed"
flags=(--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --user-data-dir="$work/profile" --window-size=1280,2400)
timeout 120 "$browser" "${flags[@]}" --dump-dom "file://$run/report.html" > "$work/dom.html" 2> "$work/chromium.log" ||
  { cat "$work/chromium.log"; fail "chromium could not dump the report's DOM"; }
grep -q '<title>autood report: run</title>' "$work/dom.html" || fail "the rendered page has not the report's title"
plotted=$(grep -o '<circle class="trial"' "$work/dom.html" | wc -l)
rows=$(grep -o '<tr class="trial-row"' "$work/dom.html" | wc -l)
[ "$plotted" -eq "$n" ] && [ "$rows" -eq "$n" ] || fail "the report plots $plotted trials and lists $rows; the store has $n"
examples=$(grep -o '<figure class="example"><img src="data:image/png;base64,' "$work/dom.html" | wc -l)
[ "$examples" -eq $(($(wc -l < "$run/best/examples/examples.csv") - 1)) ] && [ "$examples" -ge 2 ] ||
  fail "the report shows $examples embedded examples"
(cd "$work" && timeout 120 "$browser" "${flags[@]}" --screenshot="$work/report.png" "file://$run/report.html" 2>> chromium.log)
(cd "$work" && timeout 120 "$browser" "${flags[@]}" --screenshot="$work/blank.png" "about:blank" 2>> chromium.log)
report_size=$(stat -c %s "$work/report.png" 2>/dev/null || echo 0)
blank_size=$(stat -c %s "$work/blank.png" 2>/dev/null || echo 0)
[ "$blank_size" -gt 0 ] && [ "$report_size" -gt $((blank_size * 5)) ] ||
  fail "the screenshot looks blank: $report_size bytes, a blank page's is $blank_size"
echo "ok: report.html renders: $plotted trials plotted, screenshot $report_size bytes against a blank page's $blank_size"
echo "PASS: model and report"
