#!/usr/bin/env bash
# The command line as a user meets it: help, exit codes, the load report, the space, config
# errors and a short real search on Fashion-MNIST.
set -uo pipefail
autood=$1
bad_plugins=$2
configs=$(cd "$(dirname "$0")/../../configs" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$(dirname "$0")/../e2e/expect.sh"

expect 0 'plugins.*space.*search|search.*space' -- "$autood" --help
expect 0 '--run-dir' -- "$autood" search --help
expect 0 '^autood [0-9]+\.[0-9]+\.[0-9]+$' -- "$autood" --version
expect 0 '^SDK ABI [0-9]+\.[0-9]+$' -- "$autood" --version
expect 0 '^LibTorch [0-9.]+' -- "$autood" --version
expect 1 'is not an autood run \(it has no autood-run.toml\)' -- "$autood" resume "$work"
expect 1 'subcommand' -- "$autood"
# Every built-in plugin file loads; the count is taken from the folder, not written down.
builtin=$(find "$(dirname "$autood")/../lib/autood/plugins" -name '*.so' | wc -l)
[ "$builtin" -ge 30 ] || fail "only $builtin built-in plugin files"
expect 0 "^$builtin of $builtin plugin files loaded" -- "$autood" plugins
expect 0 'AbiMismatch' -- "$autood" plugins --plugin-path "$bad_plugins"
expect 1 'RegisterThrew' -- "$autood" plugins --plugin-path "$bad_plugins" --strict
expect 0 'size: 2.49e12 \(2485980758016\)' -- "$autood" space --shape 1,28,28
expect 0 'size: 3.86e23 \(386256270576612871766016\)' -- "$autood" space --shape 1,28,28 --set search.layers=6
# Moving one plugin file out of the folder shrinks the space: 8 activations become 7.
plugin_dir=$(dirname "$autood")/../lib/autood/plugins
cp -r "$plugin_dir" "$work/plugins"
rm "$work/plugins/layers/elu.so"
expect 0 'size: 1.73e23 \(173350006016036711694336\)' -- "$autood" space --shape 1,28,28 \
  --set search.layers=6 --no-builtin-plugins --plugin-path "$work/plugins"
expect 0 'layer2.pool.kernel +1, 3, 5, 7' -- "$autood" space --shape 3,32,32 --set search.layers=2
expect 1 "unknown key 'search.budgt'; valid keys in \[search\]: batch, budget, layers, seed" -- \
  "$autood" space --shape 1,28,28 --set search.budgt=3
expect 1 "unknown data.protocol 'nope'; valid: one_class, ood, segmentation" -- "$autood" space --set data.protocol=nope
expect 1 "unknown key 'data.source.imagez'; valid keys: class_names, images, labels, limit" -- \
  "$autood" space --set data.source.imagez=x
expect 1 "unknown controller 'bogus'; loaded: curious, evolution, random, reinforce, tpe" -- "$autood" search --set controller.name=bogus \
  --set data.source.limit=500 --set data.limit=50 --run-dir "$work/bogus"
expect 0 'AUPR-Out' -- "$autood" search -c "$configs/default.toml" --set search.budget=2 \
  --set train.epochs=1 --set data.limit=200 --set data.source.limit=2000 --run-dir "$work/run"
[ -s "$work/run/summary.json" ] || fail "no summary.json"

# Comparisons: a finished run read back, and a two-variant ablation end to end.
expect 0 'best validation reward so far' -- "$autood" compare "$work/run" --out "$work/compare"
[ -s "$work/compare/table_v.csv" ] || fail "compare wrote no table_v.csv"
expect 1 "holds neither trials.sqlite nor trials.csv" -- "$autood" compare "$work" --out "$work/compare2"

# An ablation on the tabular testbed, two searches at a time. The first pass is killed (SIGKILL)
# inside every search right after its 3rd stored trial: each is named as failed, none tabulated.
# The second pass continues them to the budget, and their trials equal an uninterrupted
# ablation's; a changed config is then refused with the key that changed.
command -v sqlite3 > /dev/null || fail "sqlite3 is not installed (scripts/install-deps.sh installs it)"
trials() { sqlite3 "$1/trials.sqlite" "select trial, architecture, status, printf('%.6f', reward) from trials order by trial"; }
sat=(-c "$configs/testbed-satellite.toml" --set data.source.path="$configs/data/satellite.csv"
     --set search.budget=6 --seeds 2 --jobs 2 --variant random --variant 'eta0:controller.name=curious,controller.eta=0')
AUTOOD_CRASH_AT='trial-stored#3' expect 1 'a search failed: .*eta0-seed1 \(exit 137' -- \
  "$autood" ablate "${sat[@]}" --out "$work/ablation"
expect 0 'wrote .*paired.csv' -- "$autood" ablate "${sat[@]}" --out "$work/ablation"
expect 0 'wrote .*paired.csv' -- "$autood" ablate "${sat[@]}" --out "$work/ablation-uninterrupted"
for run in random-seed0 random-seed1 eta0-seed0 eta0-seed1; do
  [ "$(trials "$work/ablation/$run" | wc -l)" -eq 6 ] || fail "$run: not 6 trials after continuing"
  diff <(trials "$work/ablation/$run") <(trials "$work/ablation-uninterrupted/$run") ||
    fail "$run: the continued trials differ from an uninterrupted ablation's"
done
grep -q '^eta0,2,' "$work/ablation/table_v.csv" || fail "the ablation table has no eta0 row over 2 seeds"
grep -q '^eta0,random,best@6,2,' "$work/ablation/paired.csv" || fail "paired.csv has no eta0 row over 2 pairs"
[ "$(grep -o '<tr class="variant-row">' "$work/ablation/report.html" | wc -l)" -eq 2 ] ||
  fail "the ablation's report.html has not one Table V row per variant"
expect 1 'a search failed' -- "$autood" ablate "${sat[@]}" --set search.budget=5 --out "$work/ablation"
grep -q 'config key search.budget was 6, now 5' "$work/ablation/random-seed0.log" ||
  fail "the refused search's log does not name the changed key"
expect 1 "--variant 'a b': the name" -- "$autood" ablate --variant 'a b' --out "$work/ablation2"
echo "PASS: cli"
