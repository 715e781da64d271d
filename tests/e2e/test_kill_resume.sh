#!/usr/bin/env bash
# Kill -9 and resume, for real: `autood search` runs as its own process and is killed with
# SIGKILL at named moments (mid-training, right after a trial is stored, inside the controller's
# state write) and once from outside at whatever moment it is in; `autood resume` finishes each
# run. For every controller the final trials must equal an uninterrupted run's, with no trial
# lost, duplicated or trained twice.
set -uo pipefail
autood=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$(dirname "$0")/expect.sh"
command -v sqlite3 > /dev/null || fail "sqlite3 is not installed (scripts/install-deps.sh installs it)"

budget=8
common=(--set search.budget=$budget --set search.batch=3 --set search.layers=2 --set train.epochs=1
        --set data.limit=200 --set data.source.limit=2000 --set train.threads=1)
trials() {  # the trials as a resumed run must reproduce them
  sqlite3 "$1/trials.sqlite" "select trial, architecture, status, printf('%.6f', reward), cached from trials order by trial"
}
trained() { grep -Ec 'trial [0-9]+/[0-9]+ .*\([0-9.]+ s\)' "$1" || true; }  # children trained, from progress lines

# run_killed CONTROLLER NAME CRASH_AT...: a search killed at each moment in turn, then resumed to the end.
run_killed() {
  local controller=$1 name=$2
  shift 2
  local dir="$work/$name" first=1
  for crash in "$@"; do
    local out="$work/$name.$crash.log" code
    if ((first)); then
      AUTOOD_CRASH_AT=$crash "$autood" search "${common[@]}" --set controller.name="$controller" --run-dir "$dir" > "$out" 2>&1
    else
      AUTOOD_CRASH_AT=$crash "$autood" resume "$dir" > "$out" 2>&1
    fi
    code=$?
    [ "$code" -eq 137 ] || { cat "$out"; fail "$name: expected a SIGKILL at $crash, exit $code"; }
    first=0
  done
  local before
  before=$(sqlite3 "$dir/trials.sqlite" "select count(*) from trials where cached = 0")
  [ "$before" -lt "$budget" ] || fail "$name: the kills came after the search had finished"
  rm "$dir/splits.csv"  # as in a run begun before autood wrote it
  "$autood" resume "$dir" > "$work/$name.resume.log" 2>&1 || { cat "$work/$name.resume.log"; fail "$name: resume failed"; }
  cmp -s "$dir/splits.csv" "$work/ref-$controller/splits.csv" ||
    fail "$name: resume did not write back the splits.csv of an uninterrupted run"
  local total now
  total=$(sqlite3 "$dir/trials.sqlite" "select count(*) from trials where cached = 0")
  now=$(trained "$work/$name.resume.log")
  [ "$now" -eq $((total - before)) ] ||
    fail "$name: resume trained $now children, but only $((total - before)) were missing ($before of $total stored)"
  diff <(trials "$work/ref-$controller") <(trials "$dir") > "$work/$name.diff" ||
    { cat "$work/$name.diff"; fail "$name: the resumed trials differ from the uninterrupted run's"; }
  [ "$(sqlite3 "$dir/trials.sqlite" "select count(*) from trials")" -eq "$budget" ] || fail "$name: not $budget trials"
  [ -s "$dir/best/model.toml" ] || fail "$name: no best model after resume"
  echo "ok: $controller killed at $* then resumed ($before of $total children were stored before the last resume)"
}

for controller in random reinforce curious; do
  "$autood" search "${common[@]}" --set controller.name=$controller --run-dir "$work/ref-$controller" \
    > "$work/ref-$controller.log" 2>&1 || { cat "$work/ref-$controller.log"; fail "reference $controller run failed"; }
  [ "$(trials "$work/ref-$controller" | wc -l)" -eq "$budget" ] || fail "reference $controller run has not $budget trials"
done

# Each child trains 2 steps (120 samples, batch 64, one epoch).
run_killed random random-training 'train-step#7'
run_killed reinforce reinforce-stored 'trial-stored#4'
run_killed curious curious-state-write 'write:controller_state.bin#2'
run_killed curious curious-twice 'trial-stored#2' 'train-step#3'
run_killed reinforce reinforce-in-store-write 'write:controller_state.bin#1' 'train-step#5'

# From outside, at whatever moment the search has reached once two trials are stored.
dir="$work/outside"
"$autood" search "${common[@]}" --set controller.name=reinforce --run-dir "$dir" > "$work/outside.log" 2>&1 &
pid=$!
for _ in $(seq 600); do
  # Read only: a plain sqlite3 would create an empty trials.sqlite, a file autood did not write,
  # and a search that finds one in its new folder rightly refuses the folder.
  n=$(sqlite3 -readonly "$dir/trials.sqlite" "select count(*) from trials" 2>/dev/null || echo 0)
  [ "${n:-0}" -ge 2 ] && break
  sleep 0.05
done
kill -9 "$pid" 2>/dev/null || { cat "$work/outside.log"; fail "outside: the search ended before it was killed"; }
wait "$pid" 2>/dev/null
"$autood" resume "$dir" > "$work/outside.resume.log" 2>&1 || { cat "$work/outside.resume.log"; fail "outside: resume failed"; }
diff <(trials "$work/ref-reinforce") <(trials "$dir") || fail "outside: the resumed trials differ"
echo "ok: reinforce killed from outside after $n stored trials, then resumed"

# A finished run resumes to nothing new; a search into it is refused; a changed config is named.
"$autood" resume "$work/ref-random" > "$work/again.log" 2>&1 || fail "resuming a finished run failed"
[ "$(trained "$work/again.log")" -eq 0 ] || fail "resuming a finished run trained children"
out=$("$autood" search "${common[@]}" --run-dir "$work/ref-random" 2>&1)
[ $? -eq 1 ] && grep -q "already holds a run" <<<"$out" || { echo "$out"; fail "a search into a run was not refused"; }
sed -i 's/^epochs = 1$/epochs = 2/' "$work/ref-random/config.toml"
out=$("$autood" resume "$work/ref-random" 2>&1)
[ $? -eq 1 ] && grep -q "config key train.epochs was 1, now 2" <<<"$out" ||
  { echo "$out"; fail "a changed config was not named"; }
echo "PASS: kill -9 and resume"
