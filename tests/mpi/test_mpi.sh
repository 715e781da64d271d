#!/usr/bin/env bash
# One search across three MPI processes (rank 0 and two workers) on this machine, for real:
#   1. it equals the serial search with the same seed, trial by trial, with the same controller
#      state and the same best model;
#   2. a worker killed with SIGKILL mid-trial leaves the others to finish the budget, the trial
#      it held trained again elsewhere, and still the serial search's trials;
#   3. rank 0 killed mid-search (the whole job aborted, and once with the workers left alive to
#      notice by themselves) is resumed under mpirun to the serial search's trials.
set -uo pipefail
autood=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$(dirname "$0")/../e2e/expect.sh"
command -v mpirun > /dev/null || fail "mpirun is not installed (scripts/install-deps.sh installs openmpi-bin)"
command -v sqlite3 > /dev/null || fail "sqlite3 is not installed"
"$autood" --version | grep -q '^MPI compiled in' || fail "this autood was built without MPI"

mpi=(mpirun --allow-run-as-root --oversubscribe -np 3)
budget=8
common=(--set search.budget=$budget --set search.batch=4 --set search.layers=2 --set train.epochs=2
        --set data.limit=200 --set data.source.limit=2000 --set train.threads=1
        --set controller.name=reinforce)
trials() {  # every field a serial run fixes, the reward to the last bit
  sqlite3 "$1/trials.sqlite" "select trial, architecture, status, printf('%.17g', reward), printf('%.17g', test_auroc), epochs, cached from trials order by trial"
}
same_as_serial() {  # same_as_serial DIR NAME
  diff <(trials "$work/serial") <(trials "$1") > "$work/$2.diff" ||
    { cat "$work/$2.diff"; fail "$2: the trials differ from the serial run's"; }
}

"$autood" search "${common[@]}" --run-dir "$work/serial" > "$work/serial.log" 2>&1 ||
  { cat "$work/serial.log"; fail "the serial run failed"; }
[ "$(trials "$work/serial" | wc -l)" -eq $budget ] || fail "the serial run has not $budget trials"

# 1. The same search on three processes.
"${mpi[@]}" "$autood" search "${common[@]}" --run-dir "$work/mpi" > "$work/mpi.log" 2>&1 ||
  { cat "$work/mpi.log"; fail "the distributed run failed"; }
grep -q 'distributed search: 2 worker ranks of 2' "$work/mpi.log" || { cat "$work/mpi.log"; fail "the workers were not admitted"; }
grep -Eq 'rank 1 on .*: [1-9][0-9]* children' "$work/mpi.log" || fail "rank 1 trained nothing"
grep -Eq 'rank 2 on .*: [1-9][0-9]* children' "$work/mpi.log" || fail "rank 2 trained nothing"
same_as_serial "$work/mpi" distributed
cmp -s "$work/serial/controller_state.bin" "$work/mpi/controller_state.bin" ||
  fail "the controller's state differs from the serial run's"
cmp -s "$work/serial/best/scores.csv" "$work/mpi/best/scores.csv" ||
  fail "the best model's scores differ from the serial run's"
grep -q '^trial = ' "$work/mpi/best/model.toml" || fail "no best model"
diff <(grep '^trial = ' "$work/serial/best/model.toml") <(grep '^trial = ' "$work/mpi/best/model.toml") ||
  fail "best/ holds another trial than the serial run's"
echo "ok: three processes give the serial run's $budget trials, controller state and best model"

# --worker-timeout 10: long enough that a loaded CI machine never takes a live rank for dead (a
# heartbeat comes every second), short enough to keep the test quick.
# 2. Worker rank 2 is killed at its third training step. Open MPI's mpirun ends the whole job
# when a process dies unless --enable-recovery is given (README, "Running on a cluster").
dir="$work/worker-killed"
"${mpi[@]}" --enable-recovery -x AUTOOD_CRASH_AT='train-step#3@2' "$autood" search "${common[@]}" \
  --worker-timeout 10 --run-dir "$dir" > "$work/worker-killed.log" 2>&1 ||
  { cat "$work/worker-killed.log"; fail "the search with a killed worker failed"; }
grep -Eq 'rank 2 on .* went silent .* while training trial [0-9]+; it is taken for dead' "$work/worker-killed.log" ||
  { cat "$work/worker-killed.log"; fail "the killed worker was not noticed"; }
grep -Eq 'rank 1 on .*: [0-9]+ children' "$work/worker-killed.log" || fail "no stats for rank 1"
same_as_serial "$dir" worker-killed
[ -s "$dir/best/model.toml" ] || fail "worker-killed: no best model"
echo "ok: a worker killed mid-trial; its trial was trained again by the other, all $budget trials kept"

# 3. Rank 0 killed right after its third stored trial; the workers die with it (mpirun's
# default). Then the run is resumed on three processes and ends as the serial run did.
resume_killed() {  # resume_killed NAME MPIRUN-OPTION...
  local name=$1 dir="$work/$1" code
  shift
  timeout 300 "${mpi[@]}" "$@" -x AUTOOD_CRASH_AT='trial-stored#3@0' "$autood" search "${common[@]}" \
    --worker-timeout 10 --run-dir "$dir" > "$work/$name.log" 2>&1
  code=$?
  [ "$code" -ne 124 ] || fail "$name: the job hung after rank 0 was killed"
  # Under --enable-recovery mpirun may exit 0 however its processes ended: the store tells.
  local before
  before=$(sqlite3 "$dir/trials.sqlite" "select count(*) from trials")
  [ "$before" -lt $budget ] || fail "$name: the kill came after the search had finished"
  "${mpi[@]}" "$autood" resume "$dir" > "$work/$name.resume.log" 2>&1 ||
    { cat "$work/$name.resume.log"; fail "$name: the distributed resume failed"; }
  same_as_serial "$dir" "$name"
  echo "ok: rank 0 killed ($name) after $before stored trials, resumed on three processes"
}
resume_killed rank0-killed
# With --enable-recovery the workers outlive rank 0: they notice its silence and stop.
resume_killed rank0-killed-workers-left --enable-recovery
grep -q 'rank 0 has been silent' "$work/rank0-killed-workers-left.log" ||
  { cat "$work/rank0-killed-workers-left.log"; fail "the workers did not notice rank 0's death"; }
