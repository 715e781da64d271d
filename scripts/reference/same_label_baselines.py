#!/usr/bin/python3
"""Baselines given exactly the labels an autood search was given (issue 24).

Reads a run folder's splits.csv and config.toml, and trains on the search's own samples:
  - isolation_forest: sklearn's IsolationForest, 200 trees, on the normal rows only (no labels);
  - logistic_regression: raw pixels scaled to [0, 1], C = 0.1, classes balanced;
  - cnn: two 3x3 conv layers (16 and 32 channels, each with ReLU and 2x2 max pooling) and a
    linear logit, 5 epochs of Adam (lr 1e-3, batch 64), BCE with the outliers weighted by
    normal / outlier; no tuning.
The normal rows are the search's training and validation inliers; the labelled outliers are every
training and validation outlier of splits.csv (the search ranked children on the latter and, with
data.train_outliers, trained on the former). Each detector scores the run's test split, and prints
one CSV row: detector,labelled_outliers,labelled_classes,auroc,cpu_seconds.
A label-free search (data.validation = "synthetic") made its outliers from normal samples; they
are in no source (source_index -1), so the baselines get no labelled outlier either, and only the
Isolation Forest runs.

Usage: /usr/bin/python3 scripts/reference/same_label_baselines.py RUN_DIR [--seed 0] [--threads 1]
Needs Debian's python3-sklearn and python3-torch; reads sources of the idx loader only.
"""
import argparse
import csv
import gzip
import os
import sys
import time
import tomllib


def read_idx(path):
    import numpy as np
    with gzip.open(path, "rb") if path.endswith(".gz") else open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def source_arrays(config, section):
    """(images [N, H, W] as float in [0, 1], labels [N]) of an idx source of the run's config."""
    source = config["data"][section]
    if source.get("loader") != "idx":
        sys.exit(f"[data.{section}] uses loader '{source.get('loader')}'; this script reads idx only")
    images = read_idx(source["images"]).astype("float32") / 255.0
    return images, read_idx(source["labels"]).astype("int64")


def read_splits(path, synthetic):
    rows = {"train": [], "validation": [], "test": []}
    with open(path, newline="") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != ["split", "row", "source_index", "is_outlier"]:
            sys.exit(f"{path}: not an autood splits.csv (header {reader.fieldnames})")
        for line, row in enumerate(reader, start=2):
            made = (synthetic and row["split"] in ("train", "validation")
                    and row["source_index"] == "-1" and row["is_outlier"] == "1")
            if made:  # an outlier a generator made, which no baseline can be given
                continue
            if row["split"] not in rows or int(row["source_index"]) < 0:
                sys.exit(f"{path}:{line}: split '{row['split']}' row {row['source_index']} is not "
                         "a row of the run's sources")
            rows[row["split"]].append((int(row["source_index"]), int(row["is_outlier"])))
    return rows


def small_cnn(shape):
    import torch.nn as nn
    channels, height, width = shape
    flat = 32 * (height // 4) * (width // 4)
    return nn.Sequential(
        nn.Conv2d(channels, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(flat, 1))


def cnn_scores(x, y, test_x, seed, epochs=5, batch=64):
    import numpy as np
    import torch
    torch.manual_seed(seed)
    x = torch.from_numpy(x).unsqueeze(1)
    test_x = torch.from_numpy(test_x).unsqueeze(1)
    y = torch.from_numpy(y.astype(np.float32))
    model = small_cnn(tuple(x.shape[1:]))
    positives = float(y.sum())
    loss_fn = torch.nn.BCEWithLogitsLoss(pos_weight=torch.tensor((len(y) - positives) / positives))
    optimiser = torch.optim.Adam(model.parameters(), lr=1e-3)
    generator = torch.Generator().manual_seed(seed)
    for _ in range(epochs):
        model.train()
        order = torch.randperm(len(y), generator=generator)
        for start in range(0, len(y), batch):
            index = order[start:start + batch]
            optimiser.zero_grad()
            loss_fn(model(x[index]).squeeze(1), y[index]).backward()
            optimiser.step()
    model.eval()
    with torch.no_grad():
        return torch.cat([model(test_x[s:s + 512]).squeeze(1)
                          for s in range(0, len(test_x), 512)]).numpy()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("run_dir")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    # OpenBLAS and OpenMP size their pools when numpy and torch load, so every import of them
    # comes after this.
    for pool in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"):
        os.environ[pool] = str(args.threads)
    import numpy as np
    import torch
    from sklearn.ensemble import IsolationForest
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    torch.set_num_threads(args.threads)

    with open(os.path.join(args.run_dir, "config.toml"), "rb") as f:
        config = tomllib.load(f)
    synthetic = config["data"].get("validation") == "synthetic"
    splits = read_splits(os.path.join(args.run_dir, "splits.csv"), synthetic)
    images, labels = source_arrays(config, "source")
    test_images, test_labels = (source_arrays(config, "test") if "test" in config["data"]
                                else (images, labels))
    for split, source in (("train", images), ("validation", images), ("test", test_images)):
        if any(i >= len(source) for i, _ in splits[split]):
            sys.exit(f"{args.run_dir}/splits.csv: a {split} row lies past its source's "
                     f"{len(source)} samples")

    searched = splits["train"] + splits["validation"]
    normal = np.array([i for i, o in searched if o == 0])
    labelled = np.array([i for i, o in searched if o == 1])
    test_index = np.array([i for i, _ in splits["test"]])
    test_y = np.array([o for _, o in splits["test"]])
    test_x = test_images[test_index]
    classes = " ".join(str(c) for c in sorted(set(labels[labelled].tolist()))) if len(labelled) else ""
    x = np.concatenate([images[normal], images[labelled]]) if len(labelled) else images[normal]
    y = np.concatenate([np.zeros(len(normal), np.int64), np.ones(len(labelled), np.int64)])

    def flat(a):
        return a.reshape(len(a), -1)

    def timed(name, used, score):
        started = time.process_time()
        auroc = roc_auc_score(test_y, score())
        print(f"{name},{used},{classes if used else ''},{auroc:.6f},"
              f"{time.process_time() - started:.1f}", flush=True)

    print("detector,labelled_outliers,labelled_classes,auroc,cpu_seconds")
    forest = IsolationForest(n_estimators=200, random_state=args.seed, n_jobs=1)
    # score_samples is high for inliers; the outlier score is its negation.
    timed("isolation_forest", 0,
          lambda: -forest.fit(flat(images[normal])).score_samples(flat(test_x)))
    if len(labelled) == 0:
        return  # a label-free search: nothing to give the supervised baselines
    regression = LogisticRegression(C=0.1, class_weight="balanced", max_iter=1000)
    timed("logistic_regression", len(labelled),
          lambda: regression.fit(flat(x), y).decision_function(flat(test_x)))
    timed("cnn", len(labelled), lambda: cnn_scores(x, y, test_x, args.seed))


if __name__ == "__main__":
    main()
