#!/usr/bin/env bash
# The one-class benchmark on the standard protocol (issues 9 and 24): one search per class, each
# class normal in turn, tested on the whole official test set. Beside each search, in the same
# invocation, scripts/reference/same_label_baselines.py trains an Isolation Forest (no labels),
# logistic regression and a small CNN on exactly the samples and labelled outliers the search
# was given (its run folder's splits.csv). Writes OUT/results.csv, one row per class, and prints
# a table that says how many labelled outliers each row used.
#
#   scripts/benchmark-oneclass.sh [-c CONFIG] [--classes 0-9] [--seed N] [--unseen | --label-free]
#                                 [--out DIR] [--continue] [-- --set key=value ...]
#
# --label-free (issue 25): configs/oneclass-fmnist-nolabel.toml, whose search reads no labelled
# outlier (data.validation = "synthetic"); only the Isolation Forest, which needs none either, runs
# beside it. Every mode records reward_test_spearman: how well the validation reward ranked the
# search's children by their test AUROC (scripts/reference/reward_rank_correlation.py).
# --unseen: anomaly types the search never saw. For normal class c, the labelled outliers are of
# classes c+1 to c+4 (mod 10) and the test's outliers of the other five, c+5 to c+9.
# --seed sets search.seed, which changes the split, the labelled outliers and the search (default
# 0; OUT defaults to runs/benchmark-oneclass[-unseen|-nolabel]/seed-N). --continue keeps the classes OUT/results.csv
# already has, and a class's finished search, and runs the rest. Every class's run folder stays in
# OUT/class-N. It installs python3-sklearn and python3-torch for the baselines if they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
config=
classes=0-9
seed=0
out=
resume=0
unseen=0
label_free=0
extra=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    -c|--config) config=$2; shift 2 ;;
    --classes) classes=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --continue) resume=1; shift ;;
    --unseen) unseen=1; shift ;;
    --label-free) label_free=1; shift ;;
    --) shift; extra=("$@"); break ;;
    -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
    *) echo "unknown option '$1'; see --help" >&2; exit 2 ;;
  esac
done
[[ $seed =~ ^[0-9]+$ ]] || { echo "--seed takes a whole number, got '$seed'" >&2; exit 2; }
for e in "${extra[@]}"; do
  [[ $e != search.seed=* ]] || { echo "set the seed with --seed, not '$e'" >&2; exit 2; }
done
[[ $unseen == 0 || $label_free == 0 ]] \
  || { echo "--unseen names the labelled outliers' classes, and --label-free reads none" >&2; exit 2; }
setting=benchmark-oneclass
[[ $unseen == 0 ]] || setting=benchmark-oneclass-unseen
[[ $label_free == 0 ]] || setting=benchmark-oneclass-nolabel
if [[ -z $config ]]; then
  config=configs/oneclass-fmnist.toml
  [[ $label_free == 0 ]] || config=configs/oneclass-fmnist-nolabel.toml
fi
out=${out:-runs/$setting/seed-$seed}
autood=build/bin/autood
[[ -x $autood ]] || { echo "build first: bash scripts/build.sh" >&2; exit 1; }
bash scripts/install-deps.sh --bench  # the baselines' python3-sklearn and python3-torch
if [[ $classes == *-* ]]; then list=$(seq "${classes%-*}" "${classes#*-}"); else list=${classes//,/ }; fi
mkdir -p "$out"

names=("T-shirt/top" "Trouser" "Pullover" "Dress" "Coat" "Sandal" "Shirt" "Sneaker" "Bag" "Ankle boot")
header="class,name,seed,model_auroc,search_best_auroc,isolation_forest_auroc,logistic_regression_auroc,cnn_auroc,labelled_outliers,labelled_classes,cpu_minutes,wall_minutes,baseline_cpu_minutes,model_val,best_final_val,best_final_auroc,reward_test_spearman"
if [[ $resume == 1 && -f $out/results.csv ]]; then
  [[ $(head -1 "$out/results.csv") == "$header" ]] \
    || { echo "$out/results.csv has other columns; it was not written by this script" >&2; exit 1; }
else
  echo "$header" > "$out/results.csv"
fi
TIMEFORMAT='%R %U %S'
for c in $list; do
  if awk -F, -v c="$c" 'NR > 1 && $1 == c {found = 1} END {exit !found}' "$out/results.csv"; then
    echo "class $c: already in $out/results.csv"
    continue
  fi
  run="$out/class-$c"
  classes_set=()
  if [[ $unseen == 1 ]]; then
    seen=$(for k in 1 2 3 4; do echo $(((c + k) % 10)); done | paste -sd,)
    held=$(for k in 5 6 7 8 9; do echo $(((c + k) % 10)); done | paste -sd,)
    classes_set=("data.outlier_classes=[$seen]" "data.test_outlier_classes=[$held]")
  fi
  if [[ $resume == 1 && -f $run/summary.json && -s $run.time ]]; then
    echo "class $c: its search finished before; keeping it"
  else
    echo "class $c (${names[$c]}), seed $seed: searching into $run ..."
    rm -f "$run.time"  # written only when the search succeeds, which --continue relies on
    { time "$autood" search -c "$config" --run-dir "$run" --overwrite \
        --set "data.normal_classes=[$c]" "search.seed=$seed" "${classes_set[@]}" \
        "${extra[@]}" > "$run.log" 2>&1 ; } \
        2> "$run.time.part" || { echo "class $c failed; see $run.log" >&2; exit 1; }
    mv "$run.time.part" "$run.time"
  fi
  read -r wall user sys < "$run.time"
  echo "class $c: baselines on the search's own samples and labels ..."
  /usr/bin/python3 scripts/reference/same_label_baselines.py "$run" --seed "$seed" \
    > "$run.baselines.csv" || { echo "class $c: the baselines failed" >&2; exit 1; }
  baseline() { awk -F, -v d="$1" -v f="$2" '$1 == d {print $f}' "$run.baselines.csv"; }
  # A search that made its outliers gives the supervised baselines none (whatever the flags).
  required=(isolation_forest)
  grep -Eq "^validation = ['\"]synthetic['\"]" "$run/config.toml" \
    || required+=(logistic_regression cnn)
  for d in "${required[@]}"; do
    [[ -n $(baseline $d 4) ]] || { echo "class $c: $run.baselines.csv has no $d row" >&2; exit 1; }
  done
  rho=$(/usr/bin/python3 scripts/reference/reward_rank_correlation.py "$run")
  model=$(sed -n 's/^test_auroc = //p' "$run/best/model.toml")
  model_val=$(sed -n 's/^reward = //p' "$run/best/model.toml")
  # The single final with the best validation reward, to weigh an ensemble against it.
  final_row=  # a config without [final] has no finals table
  if [[ $(sqlite3 "$run/trials.sqlite" "select count(*) from sqlite_master where name = 'finals'") == 1 ]]; then
    final_row=$(sqlite3 -separator ' ' "$run/trials.sqlite" \
      "select reward, test_auroc from finals where status in ('ok','timeout') order by reward desc, rank limit 1")
  fi
  read -r final_val final_test <<< "${final_row:-nan nan}"
  search_best=$(sqlite3 "$run/trials.sqlite" \
    "select test_auroc from trials where status in ('ok','timeout') order by reward desc, trial limit 1")
  awk -v c="$c" -v n="${names[$c]}" -v seed="$seed" -v m="$model" -v s="${search_best:-nan}" \
      -v f="$(baseline isolation_forest 4)" -v lr="$(baseline logistic_regression 4)" \
      -v cnn="$(baseline cnn 4)" -v used="$(baseline cnn 2)" -v used_classes="$(baseline cnn 3)" \
      -v rho="$rho" \
      -v cpu="$(echo "$user $sys" | awk '{print ($1 + $2) / 60}')" -v w="$wall" \
      -v bcpu="$(awk -F, 'NR > 1 {s += $5} END {print s / 60}' "$run.baselines.csv")" \
      -v mv="$model_val" -v fv="${final_val:-nan}" -v ft="${final_test:-nan}" \
      'BEGIN { if (lr == "") lr = "nan"; if (cnn == "") cnn = "nan"; if (used == "") used = 0
               printf "%s,%s,%s,%.6f,%.6f,%.6f,%.6f,%.6f,%s,%s,%.2f,%.2f,%.2f,%s,%s,%s,%s\n",
               c, n, seed, m, s, f, lr, cnn, used, used_classes, cpu, w / 60, bcpu, mv, fv, ft, rho }' \
      >> "$out/results.csv"
done

awk -F, '
# The mean of a column over its rows with a figure: a label-free run has no LogReg or CNN one.
function add(k, v) { if (v ~ /^-?[0-9.]+$/) { sum[k] += v; count[k]++ } }
function mean(k, width, digits) {
  return count[k] ? sprintf("%" width "." digits "f", sum[k] / count[k]) : sprintf("%" width "s", "-")
}
NR > 1 {
  printf "  %-3s %-12s %7.1f %7.1f %7.1f %7.1f %7.1f %8.1f %6.2f\n", $1, $2, 100*$4, 100*$5, 100*$6, 100*$7, 100*$8, $11, $17
  add("m", 100*$4); add("s", 100*$5); add("f", 100*$6); add("cpu", $11); add("rho", $17)
  if ($7 != "nan") add("lr", 100*$7)
  if ($8 != "nan") add("cnn", 100*$8)
  labels[$9 == 0 ? "no labelled outlier" : $9 " labelled outliers of classes " $10] = 1
}
BEGIN { print "\n  class             model  search IForest  LogReg     CNN  CPU min    rho" }
END {
  printf "  %-16s %s %s %s %s %s %8.1f %s (CPU: total)\n", "mean", mean("m", 7, 1), mean("s", 7, 1), mean("f", 7, 1), mean("lr", 7, 1), mean("cnn", 7, 1), sum["cpu"], mean("rho", 6, 2)
  print "\n  Labels: the Isolation Forest used none. autood (to rank children, and to train with"
  print "  data.train_outliers), logistic regression and the CNN used the same, per class:"
  for (l in labels) print "    " l
  print "  Published anchors (mean AUROC, from their papers, no labelled outliers): GEOM 93.5, ARNet 93.9"
  print "  model: the final model (best/); search: the search child with the best validation reward"
  print "  rho: Spearman correlation of the children'"'"'s validation reward with their test AUROC"
}' "$out/results.csv"
echo "Wrote $out/results.csv"
