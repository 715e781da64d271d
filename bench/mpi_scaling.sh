#!/usr/bin/env bash
# Children evaluated per hour on the main job's config (configs/default.toml), three ways on this
# machine: one process with one thread, one process with two, and `mpirun -np 3` (rank 0 hands
# out children; two workers train them with one thread each). Prints a table with the ratios
# and the workers' idle share. Search time only: data loading and the report are left out.
#   bash bench/mpi_scaling.sh [build/bin/autood] [extra autood search arguments...]
set -euo pipefail
cd "$(dirname "$0")/.."
autood=${1:-build/bin/autood}
shift || true
command -v mpirun > /dev/null || { echo "mpirun is not installed (scripts/install-deps.sh)"; exit 1; }
"$autood" --version | grep -q '^MPI compiled in' || { echo "$autood is built without MPI"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
args=(-c configs/default.toml "$@")

# search_seconds DIR: the search's own seconds, from its summary.
search_seconds() { sed -n 's/^  "seconds": \([0-9.]*\),$/\1/p' "$1/summary.json" | tail -1; }
trials() { sed -n 's/^  "trials": \([0-9]*\),\{0,1\}$/\1/p' "$1/summary.json"; }

declare -A seconds count
run() {  # run NAME COMMAND...
  local name=$1
  shift
  "$@" --run-dir "$work/$name" > "$work/$name.log" 2>&1 || { cat "$work/$name.log"; exit 1; }
  seconds[$name]=$(search_seconds "$work/$name")
  count[$name]=$(trials "$work/$name")
  echo "  $name: ${count[$name]} children in ${seconds[$name]} s" >&2
}
echo "running (the main job's config, three times; several minutes each)..." >&2
run serial-1 "$autood" search "${args[@]}" --set train.threads=1
run serial-2 "$autood" search "${args[@]}" --set train.threads=2
run mpi-1+2 mpirun --allow-run-as-root --oversubscribe -np 3 "$autood" search "${args[@]}" --set train.threads=1

rate() { awk -v n="${count[$1]}" -v s="${seconds[$1]}" 'BEGIN { printf "%.0f", n / s * 3600 }'; }
ratio() { awk -v a="$(rate "$1")" -v b="$(rate "$2")" 'BEGIN { printf "%.2f", a / b }'; }
idle=$(sed -n 's/.*rank [0-9]* on .*busy .* (\([0-9]*\)% idle).*/\1/p' "$work/mpi-1+2.log" |
  awk '{ sum += $1; n++ } END { if (n) printf "%.0f%%", sum / n; else print "-" }')

printf '\n| run | processes x threads | children | search s | children / hour | vs 1x1 | vs 1x2 |\n'
printf '|---|---|---|---|---|---|---|\n'
for name in serial-1 serial-2 mpi-1+2; do
  case $name in
    serial-1) shape="1 x 1" ;;
    serial-2) shape="1 x 2" ;;
    *) shape="rank 0 + 2 workers x 1" ;;
  esac
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$name" "$shape" "${count[$name]}" \
    "${seconds[$name]%.*}" "$(rate "$name")" "$(ratio "$name" serial-1)" "$(ratio "$name" serial-2)"
done
printf '\nworkers idle (mean over the two, of the search'"'"'s batch time): %s\n' "$idle"
printf 'targets: mpi-1+2 at least 1.80 x serial-1 and 1.30 x serial-2\n'
grep -E 'rank [0-9]+ on .*children' "$work/mpi-1+2.log" | sed 's/^/  /'
