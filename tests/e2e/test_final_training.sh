#!/usr/bin/env bash
# Final training and ensembles as a user meets them, on the standard protocol ([data.test]):
#  - the same seed gives the same trials and finals when two busy processes compete for the
#    cores (children train for epochs; the wall-time cap is only a safety net);
#  - a run killed after its first final resumes, reads that final back and ends with the same
#    finals and model;
#  - `autood score` applies the ensemble to the test file and reproduces the search's scores.
set -uo pipefail
autood=$1
work=$(mktemp -d)
busy=()
trap 'kill "${busy[@]}" 2> /dev/null; rm -rf "$work"' EXIT
source "$(dirname "$0")/expect.sh"
fashion=/usr/share/datasets/fashion-mnist
common=(--set search.budget=4 --set search.batch=2 --set search.layers=2 --set search.seed=3
        --set train.epochs=1 --set train.subset=150 --set train.max_seconds=600 --set train.threads=1
        --set data.limit=300 --set data.source.limit=3000 --set 'data.split=[0.8, 0.2]'
        --set data.test.loader=idx --set data.test.images=$fashion/t10k-images-idx3-ubyte.gz
        --set data.test.labels=$fashion/t10k-labels-idx1-ubyte.gz --set data.test.limit=500
        --set final.top_k=3 --set final.epochs=2 --set final.ensemble=2)
trials() { sqlite3 "$1/trials.sqlite" "select trial, architecture, status, printf('%.6f', reward), epochs from trials order by trial"; }
finals() { sqlite3 "$1/trials.sqlite" "select trial, rank, status, printf('%.6f', reward), epochs, in_model from finals order by rank"; }

expect 0 'Model: an ensemble of the finals of trials' -- "$autood" search "${common[@]}" --run-dir "$work/quiet"
[ "$(finals "$work/quiet" | wc -l)" -eq 3 ] || fail "expected 3 finals: $(finals "$work/quiet")"
rows=$(grep -o 'class="final-row"' "$work/quiet/report.html" | wc -l)
[ "$rows" -eq 3 ] || fail "report.html lists $rows finals, not 3"
grep -Eq 'test [0-9]+\+[0-9]+ outliers \(all of' "$work/quiet/summary.json" ||
  fail "the test set is not the whole [data.test]: $(grep data "$work/quiet/summary.json")"

# The same search while two busy loops take both cores.
for i in 1 2; do (while :; do :; done) & busy+=($!); done
expect 0 'Model: an ensemble' -- "$autood" search "${common[@]}" --run-dir "$work/loaded"
kill "${busy[@]}" 2> /dev/null; busy=()
diff <(trials "$work/quiet") <(trials "$work/loaded") || fail "the trials differ under load"
diff <(finals "$work/quiet") <(finals "$work/loaded") || fail "the finals differ under load"
echo "ok: the same trials and finals with two competing processes"

# Killed right after the first final is stored, then resumed.
AUTOOD_CRASH_AT='final-stored#1' "$autood" search "${common[@]}" --run-dir "$work/killed" > "$work/killed.log" 2>&1
[ $? -eq 137 ] || { cat "$work/killed.log"; fail "expected a SIGKILL after the first final"; }
expect 0 'read back from' -- "$autood" resume "$work/killed"
diff <(finals "$work/quiet") <(finals "$work/killed") || fail "the resumed finals differ"
cmp <(sed -n 's/^test_auroc = //p' "$work/quiet/best/model.toml") \
    <(sed -n 's/^test_auroc = //p' "$work/killed/best/model.toml") || fail "the resumed model differs"
echo "ok: killed after a final, resumed to the same finals and model"

# The ensemble applied to the test file scores each sample as the search did.
expect 0 'AUROC [0-9.]+  AUPR-In' -- "$autood" score --model "$work/quiet/best" \
  --input "$fashion/t10k-images-idx3-ubyte.gz" --loader-option labels="$fashion/t10k-labels-idx1-ubyte.gz" \
  --loader-option limit=500 --out "$work/scores.csv"
result=$(awk -F, 'NR == FNR { if (FNR > 1) score[$1] = $2; next }
                  FNR > 1 && $1 == "test" { n++; d = $5 - score[$3]; if (d < 0) d = -d; if (d > max) max = d }
                  END { printf "%d %.3g\n", n, max; exit !(n == 500 && max <= 1e-6) }' \
         "$work/scores.csv" "$work/quiet/best/scores.csv") || fail "the ensemble scores differently: $result"
echo "ok: score applies the ensemble and reproduces its 500 test scores (largest difference: ${result#* })"
echo "PASS: final training"
