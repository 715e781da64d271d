#!/usr/bin/python3
"""The Isolation Forest anchor of the one-class benchmark (issue 9).

Standard one-class protocol on Fashion-MNIST: for each class c, fit sklearn's IsolationForest
(200 trees, other settings default) on every training image of class c as raw pixels, and score
the whole official test set (t10k): class c is normal, the other nine classes are outliers.
Prints a CSV row per class (class, auroc, seconds); the mean goes to stderr.

Usage: /usr/bin/python3 scripts/reference/isolation_forest_oneclass.py [--classes 0-9] [--seed 0]
Needs Debian's python3-sklearn and dataset-fashion-mnist.
"""
import argparse
import gzip
import sys
import time

import numpy as np
from sklearn.ensemble import IsolationForest
from sklearn.metrics import roc_auc_score

ROOT = "/usr/share/datasets/fashion-mnist/"


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def parse_classes(text):
    if "-" in text:
        low, high = text.split("-")
        return list(range(int(low), int(high) + 1))
    return [int(c) for c in text.split(",")]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--classes", default="0-9")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--trees", type=int, default=200)
    args = parser.parse_args()

    train_x = read_idx(ROOT + "train-images-idx3-ubyte.gz").reshape(-1, 784).astype(np.float32)
    train_y = read_idx(ROOT + "train-labels-idx1-ubyte.gz")
    test_x = read_idx(ROOT + "t10k-images-idx3-ubyte.gz").reshape(-1, 784).astype(np.float32)
    test_y = read_idx(ROOT + "t10k-labels-idx1-ubyte.gz")

    print("class,auroc,seconds")
    aurocs = []
    for c in parse_classes(args.classes):
        started = time.process_time()
        forest = IsolationForest(n_estimators=args.trees, random_state=args.seed, n_jobs=1)
        forest.fit(train_x[train_y == c])
        # score_samples is high for inliers; the outlier score is its negation.
        auroc = roc_auc_score((test_y != c).astype(int), -forest.score_samples(test_x))
        aurocs.append(auroc)
        print(f"{c},{auroc:.6f},{time.process_time() - started:.2f}", flush=True)
    print(f"mean AUROC {100 * np.mean(aurocs):.2f}", file=sys.stderr)


if __name__ == "__main__":
    main()
