#!/usr/bin/python3
"""Writes tests/fixtures/metrics_sklearn.json: AUROC and average precision from scikit-learn
(Debian's python3-sklearn) on a few score vectors, ties included. The C++ metrics are checked
against these values; rerun this script only to add cases."""
import json
import pathlib

import numpy as np
from sklearn.metrics import average_precision_score, roc_auc_score

rng = np.random.default_rng(20261122)
cases = []


def add(name, scores, is_outlier):
    scores = [float(s) for s in scores]
    is_outlier = [int(v) for v in is_outlier]
    inlier = [1 - v for v in is_outlier]
    cases.append({
        "name": name,
        "scores": scores,
        "is_outlier": is_outlier,
        "auroc": roc_auc_score(is_outlier, scores),
        "aupr_out": average_precision_score(is_outlier, scores),
        "aupr_in": average_precision_score(inlier, [-s for s in scores]),
    })


add("hand", [0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])
add("ties", [0.5, 0.5, 0.2, 0.9, 0.5, 0.1, 0.9], [1, 0, 0, 1, 1, 0, 0])
labels = (rng.random(200) < 0.05).astype(int)
labels[:2] = 1
add("contaminated_5pct", rng.normal(size=200) + 1.5 * labels, labels)
labels = (rng.random(500) < 0.3).astype(int)
add("rounded_many_ties", np.round(rng.normal(size=500) + labels, 1), labels)

out = pathlib.Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "metrics_sklearn.json"
out.write_text(json.dumps(cases, indent=1) + "\n")
print(f"wrote {len(cases)} cases to {out}")
