#!/usr/bin/python3
"""What crossing into Python costs: `autood score` on Fashion-MNIST's 10,000 test images from the
command line, against the same model, data and CSV from Python, timed in the same run.

    PYTHONPATH=build/python /usr/bin/python3 bench/python_score.py [--model DIR] [--repeats 5]

Without --model, a one-child search on T-shirts (3 epochs) makes the model first. Each row is the
median of --repeats runs, taken in turn (CLI, Python, CLI, ...) so that the machine's load falls on
both alike:
  cli            autood score --model M --input t10k-images --out s.csv: a process of its own
  python         load_model + load_data + score + the same CSV, in one running interpreter
  python score   model.score(X) alone, X already in memory
and the ratio of each to the CLI. The scores of the two are checked to agree to 1e-6.
"""

import argparse
import csv
import os
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np

import autood

FASHION = "/usr/share/datasets/fashion-mnist"
IMAGES = f"{FASHION}/t10k-images-idx3-ubyte.gz"


def train_model(work, threads):
    run = autood.search(None, run_dir=os.path.join(work, "run"), progress=False,
                        search__budget=1, search__layers=2, train__epochs=3,
                        train__threads=threads, final__top_k=0)
    return run.best.path


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", help="a Fashion-MNIST model folder (default: train one)")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--cli", default=os.environ.get("AUTOOD", "build/bin/autood"))
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="autood-bench-") as work:
        model_dir = args.model or train_model(work, args.threads)
        cli_csv, py_csv = os.path.join(work, "cli.csv"), os.path.join(work, "py.csv")
        times = {"cli": [], "python": [], "python score": []}
        for _ in range(args.repeats):
            start = time.perf_counter()
            subprocess.run([args.cli, "score", "--model", model_dir, "--input", IMAGES,
                            "--out", cli_csv, "--log-level", "warn"], check=True,
                           stdout=subprocess.DEVNULL)
            times["cli"].append(time.perf_counter() - start)

            start = time.perf_counter()
            model = autood.load_model(model_dir)
            X, _ = autood.load_data("idx", images=IMAGES, labels="")
            scores = model.score(X)
            np.savetxt(py_csv, np.column_stack([np.arange(len(scores)), scores]),
                       fmt=["%d", "%.17g"], delimiter=",", header="index,score", comments="")
            times["python"].append(time.perf_counter() - start)

            start = time.perf_counter()
            model.score(X)
            times["python score"].append(time.perf_counter() - start)

        with open(cli_csv) as f:
            cli_scores = np.array([float(r["score"]) for r in csv.DictReader(f)])
        assert len(cli_scores) == len(scores) == 10000
        gap = float(np.max(np.abs(cli_scores - scores)))
        assert gap <= 1e-6, f"the scores differ by {gap}"

    reference = statistics.median(times["cli"])
    print(f"scoring {len(scores)} Fashion-MNIST test images, {args.threads} threads, median of "
          f"{args.repeats}; model {model.info['description']}")
    print(f"{'path':<14} {'seconds':>8} {'vs cli':>7}")
    for name, seconds in times.items():
        median = statistics.median(seconds)
        print(f"{name:<14} {median:8.3f} {median / reference:7.3f}")
    print(f"largest score difference, Python against the CLI: {gap:.2e}")


if __name__ == "__main__":
    main(sys.argv[1:])
