#!/usr/bin/python3
"""Optuna's TPE sampler searches autood's space, and autood's evaluator trains each child.

    PYTHONPATH=build/python /usr/bin/python3 python/examples/optuna_search.py --trials 30

Each Optuna trial picks one option per free decision of the space (the hypothesis, the distance,
each layer's ops and their sizes), and autood.Evaluator trains and scores that architecture as
a search would: its reward is the validation AUROC. The test AUROC is printed beside it and never
shown to Optuna. Run from the repository's root (the config's data path is relative to it).
"""

import argparse
import csv
import sys

import optuna

import autood


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--config", default="configs/testbed-satellite.toml")
    parser.add_argument("--trials", type=int, default=30, help="children to train (30)")
    parser.add_argument("--epochs", type=int, default=2, help="train.epochs of each child (2)")
    parser.add_argument("--threads", type=int, default=0, help="train.threads (0: all cores)")
    parser.add_argument("--seed", type=int, default=0, help="Optuna's sampler seed (0)")
    parser.add_argument("--out", help="write every trial to this CSV file")
    args = parser.parse_args(argv)

    evaluator = autood.Evaluator(args.config, train__epochs=args.epochs,
                                 train__threads=args.threads)
    records = []

    def objective(trial):
        architecture = {d["name"]: trial.suggest_categorical(d["name"], d["options"])
                        for d in evaluator.free_decisions}
        record = evaluator.evaluate(architecture, trial=trial.number + 1)
        records.append(record)
        print(f"trial {trial.number + 1}/{args.trials}: reward {record['reward']:.4f}, "
              f"test AUROC {record['test_auroc']:.4f}, {record['status']}: "
              f"{record['description']}", flush=True)
        return record["reward"]  # 0 for a child that could not be built or diverged

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    study = optuna.create_study(direction="maximize",
                                sampler=optuna.samplers.TPESampler(seed=args.seed))
    study.optimize(objective, n_trials=args.trials)

    best = records[study.best_trial.number]
    print(f"best: trial {best['trial']}, validation AUROC {best['reward']:.4f}, "
          f"test AUROC {best['test_auroc']:.4f}: {best['description']}")
    if args.out:
        columns = ["trial", "status", "reward", "val_auroc", "test_auroc", "epochs", "seconds",
                   "description"]
        with open(args.out, "w", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(columns + list(best["decisions"]))
            for record in records:
                writer.writerow([record[c] for c in columns] + list(record["decisions"].values()))
    return best


if __name__ == "__main__":
    main(sys.argv[1:])
