#!/usr/bin/env bash
# The one-class benchmark on the standard protocol (issue 9): one search per class, each class
# normal in turn, tested on the whole official test set. Writes OUT/results.csv and prints a
# per-class table beside the published anchors (GEOM, ARNet) and an Isolation Forest measured
# here and now by scripts/reference/isolation_forest_oneclass.py (Debian's python3-sklearn).
#
#   scripts/benchmark-oneclass.sh [-c CONFIG] [--classes 0-9] [--out DIR] [-- --set key=value ...]
#
# Every class's run folder stays in OUT/class-N (resume one with `autood resume`).
set -euo pipefail
cd "$(dirname "$0")/.."
config=configs/oneclass-fmnist.toml
classes=0-9
out=runs/benchmark-oneclass
extra=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    -c|--config) config=$2; shift 2 ;;
    --classes) classes=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --) shift; extra=("$@"); break ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "unknown option '$1'; see --help" >&2; exit 2 ;;
  esac
done
autood=build/bin/autood
[[ -x $autood ]] || { echo "build first: bash scripts/build.sh" >&2; exit 1; }
if [[ $classes == *-* ]]; then list=$(seq "${classes%-*}" "${classes#*-}"); else list=${classes//,/ }; fi
mkdir -p "$out"

echo "Isolation Forest (200 trees, raw pixels) on the same protocol ..."
OPENBLAS_NUM_THREADS=1 /usr/bin/python3 scripts/reference/isolation_forest_oneclass.py \
  --classes "$classes" > "$out/isolation_forest.csv"

names=("T-shirt/top" "Trouser" "Pullover" "Dress" "Coat" "Sandal" "Shirt" "Sneaker" "Bag" "Ankle boot")
echo "class,name,model_auroc,search_best_auroc,isolation_forest_auroc,cpu_minutes,wall_minutes,model_val,best_final_val,best_final_auroc" > "$out/results.csv"
TIMEFORMAT='%R %U %S'
for c in $list; do
  run="$out/class-$c"
  echo "class $c (${names[$c]}): searching into $run ..."
  { time "$autood" search -c "$config" --run-dir "$run" --overwrite \
      --set "data.normal_classes=[$c]" "${extra[@]}" > "$run.log" 2>&1 ; } 2> "$run.time" \
    || { echo "class $c failed; see $run.log" >&2; exit 1; }
  read -r wall user sys < "$run.time"
  model=$(sed -n 's/^test_auroc = //p' "$run/best/model.toml")
  model_val=$(sed -n 's/^reward = //p' "$run/best/model.toml")
  # The single final with the best validation reward, to weigh an ensemble against it.
  read -r final_val final_test < <(sqlite3 -separator ' ' "$run/trials.sqlite" \
    "select reward, test_auroc from finals where status in ('ok','timeout') order by reward desc, rank limit 1" \
    2> /dev/null || echo "nan nan")
  search_best=$(sqlite3 "$run/trials.sqlite" \
    "select test_auroc from trials where status in ('ok','timeout') order by reward desc, trial limit 1")
  forest=$(awk -F, -v c="$c" '$1 == c {print $2}' "$out/isolation_forest.csv")
  awk -v c="$c" -v n="${names[$c]}" -v m="$model" -v s="$search_best" -v f="$forest" \
      -v cpu="$(echo "$user $sys" | awk '{print ($1 + $2) / 60}')" -v w="$wall" \
      -v mv="$model_val" -v fv="${final_val:-nan}" -v ft="${final_test:-nan}" \
      'BEGIN { printf "%s,%s,%.6f,%.6f,%.6f,%.2f,%.2f,%s,%s,%s\n", c, n, m, s, f, cpu, w / 60, mv, fv, ft }' \
      >> "$out/results.csv"
done

awk -F, 'NR > 1 {
  printf "  %-3s %-12s %8.1f %8.1f %8.1f %+7.1f %8.1f\n", $1, $2, 100*$3, 100*$4, 100*$5, 100*($3-$5), $6
  m += $3; s += $4; f += $5; cpu += $6; n++
}
BEGIN { print "\n  class            model   search  IForest  vs IF   CPU min" }
END {
  printf "  %-16s %8.1f %8.1f %8.1f %+7.1f %8.1f total\n", "mean", 100*m/n, 100*s/n, 100*f/n, 100*(m-f)/n, cpu
  print "\n  Published anchors (mean AUROC, from their papers): GEOM 93.5, ARNet 93.9"
  print "  model: the final model (best/); search: the search child with the best validation reward"
}' "$out/results.csv"
echo "Wrote $out/results.csv"
