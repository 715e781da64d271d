#!/usr/bin/python3
"""Ensembles of a finished run's finals, measured after the run (issue 24).

A search with [final] keeps each final's model in RUN/finals/trial-N. This scores every final on
the run's own validation and test rows (splits.csv, through `autood score`) and prints, for a few
rules fixed before any measurement, the validation and test AUROC of the combination:
  - model:  the run's model, the finals the run chose (finals.csv in_model); with one, its test
            AUROC must equal the run's own, which checks that the rows and scores here are the
            run's;
  - top3:   the three best finals on validation, what final.ensemble = 3 would have made;
  - top5:   the five best (all of them with final.top_k = 5);
  - hedge:  the best label-using final (deep_sad, supervised) with the best label-free one, so
            that a score blind to unseen types is paired with one that is not; left out when the
            finals are all of one kind.
Each member's score is standardised by the mean and sample std of its validation-inlier scores
and the members are averaged, as core/model/Ensemble.cpp does. Validation holds only the labelled
types the search saw, so it can rank these rules on seen types only; the test AUROC is a
measurement, and chose nothing.

A final counts if it was scored (status ok, or timeout: kept at the wall-time cap), and the order
is final.ensemble's: the finals table's reward, highest first, ties by the search's rank. Reads
sources of the idx loader only, and refuses a run whose validation holds samples of no source
(synthetic or noise outliers). Needs numpy and sklearn (Debian's python3-sklearn).

Prints one CSV row per rule: rule,members,val_auroc,test_auroc.

Usage: /usr/bin/python3 scripts/reference/finals_ensembles.py RUN_DIR FINALS_CSV [--autood BIN]
FINALS_CSV: the run's finals table (sqlite3 -header -csv RUN/trials.sqlite "select * from finals").
"""
import argparse
import csv
import os
import subprocess
import sys
import tempfile
import tomllib

from same_label_baselines import read_splits, source_arrays

LABEL_USING = {"deep_sad", "supervised"}


def read_finals(path):
    with open(path, newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["status"] in ("ok", "timeout")]
    if not rows:
        sys.exit(f"{path}: no final was scored")
    # final.ensemble's order: the best on validation first, ties by the run's rank
    rows.sort(key=lambda r: (-float(r["reward"]), int(r["rank"])))
    for r in rows:
        r["hypothesis"] = r["description"].split(" / ")[0].strip()
    return rows


def scores_of(autood, model, images_path, work):
    out = os.path.join(work, "scores.csv")
    subprocess.run([autood, "score", "--model", model, "--input", images_path, "--loader", "npy",
                    "--out", out, "--log-level", "warn"], check=True, stdout=subprocess.DEVNULL)
    with open(out, newline="") as f:
        return [float(r["score"]) for r in csv.DictReader(f)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("run_dir")
    parser.add_argument("finals_csv")
    parser.add_argument("--autood", default="build/bin/autood", help="the autood binary")
    args = parser.parse_args()
    import numpy as np
    from sklearn.metrics import roc_auc_score

    with open(os.path.join(args.run_dir, "config.toml"), "rb") as f:
        config = tomllib.load(f)
    splits = read_splits(os.path.join(args.run_dir, "splits.csv"), synthetic=False)
    images, _ = source_arrays(config, "source")
    test_images, _ = source_arrays(config, "test") if "test" in config["data"] else (images, None)
    val_index = np.array([i for i, _ in splits["validation"]])
    val_y = np.array([o for _, o in splits["validation"]])
    test_index = np.array([i for i, _ in splits["test"]])
    test_y = np.array([o for _, o in splits["test"]])
    finals = read_finals(args.finals_csv)

    val_scores, test_scores = {}, {}
    with tempfile.TemporaryDirectory() as work:
        val_path, test_path = os.path.join(work, "val.npy"), os.path.join(work, "test.npy")
        np.save(val_path, images[val_index])
        np.save(test_path, test_images[test_index])
        for r in finals:
            model = os.path.join(args.run_dir, "finals", f"trial-{r['trial']}")
            val_scores[r["trial"]] = np.array(scores_of(args.autood, model, val_path, work))
            test_scores[r["trial"]] = np.array(scores_of(args.autood, model, test_path, work))

    def combined(members, scores):
        total = 0.0
        for t in members:
            inliers = val_scores[t][val_y == 0]
            std = inliers.std(ddof=1) if len(inliers) > 1 else 0.0
            std = std if std > 0 and np.isfinite(std) else 1.0
            total = total + (scores[t] - inliers.mean()) / std
        return total / len(members)

    rules = {"model": [r["trial"] for r in finals if r["in_model"] == "1"] or [finals[0]["trial"]],
             "top3": [r["trial"] for r in finals[:3]],
             "top5": [r["trial"] for r in finals[:5]]}
    using = [r["trial"] for r in finals if r["hypothesis"] in LABEL_USING]
    free = [r["trial"] for r in finals if r["hypothesis"] not in LABEL_USING]
    if using and free:
        rules["hedge"] = [using[0], free[0]]
    by_trial = {r["trial"]: r for r in finals}
    print("rule,members,val_auroc,test_auroc")
    for rule, members in rules.items():
        names = " ".join(f"{t}:{by_trial[t]['hypothesis']}" for t in members)
        val = roc_auc_score(val_y, combined(members, val_scores))
        test = roc_auc_score(test_y, combined(members, test_scores))
        print(f"{rule},{names},{val:.6f},{test:.6f}", flush=True)
    if len(rules["model"]) > 1:
        return  # an ensemble model: finals.csv holds no test AUROC of it to compare with
    model = by_trial[rules["model"][0]]
    recomputed = roc_auc_score(test_y, test_scores[model["trial"]])
    if abs(recomputed - float(model["test_auroc"])) > 1e-4:
        sys.exit(f"the model's test AUROC here is {recomputed:.6f}, the run's "
                 f"{float(model['test_auroc']):.6f}: these are not the run's rows or scores")


if __name__ == "__main__":
    main()
