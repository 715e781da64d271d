#!/usr/bin/python3
"""Writes tests/fixtures/wilcoxon_scipy.json: two-sided Wilcoxon signed-rank p-values for a few
difference vectors. Without ties or zeros, scipy's exact test (Debian's python3-scipy); with ties,
an enumeration of all 2^n sign patterns here (scipy falls back to a normal approximation there);
above 50 pairs, scipy's normal approximation with the tie correction and no continuity
correction. The C++ test is checked against these; rerun only to add cases."""
import itertools
import json
import pathlib

import numpy as np
from scipy.stats import rankdata, wilcoxon

rng = np.random.default_rng(20261123)
cases = []


def enumerate_exact(d):
    d = [x for x in d if x != 0]
    ranks = rankdata(np.abs(d))
    observed = sum(r for r, x in zip(ranks, d) if x > 0)
    low = high = 0
    for signs in itertools.product([0, 1], repeat=len(d)):
        w = sum(r for r, s in zip(ranks, signs) if s)
        low += w <= observed + 1e-9
        high += w >= observed - 1e-9
    return observed, min(1.0, 2 * min(low, high) / 2 ** len(d))


def add(name, d, how):
    d = [float(x) for x in d]
    if how == "exact":
        r = wilcoxon(d, method="exact")
        w_plus = sum(rankdata(np.abs(d))[i] for i in range(len(d)) if d[i] > 0)
        p = r.pvalue
    elif how == "enumerate":
        w_plus, p = enumerate_exact(d)
    else:
        r = wilcoxon(d, method="approx", correction=False)
        nz = [x for x in d if x != 0]
        w_plus = sum(rankdata(np.abs(nz))[i] for i in range(len(nz)) if nz[i] > 0)
        p = r.pvalue
    cases.append({"name": name, "differences": d, "w_plus": float(w_plus), "p_value": float(p),
                  "exact": how != "approx"})


add("ten seeds, all positive", [0.01 * (i + 1) + 0.001 * i * i for i in range(10)], "exact")
add("ten seeds, mixed", rng.normal(0.01, 0.02, 10).round(6), "exact")
add("seven pairs, one negative", [0.3, -0.1, 0.25, 0.4, 0.05, 0.15, 0.2], "exact")
add("ties and a zero", [0.02, -0.02, 0.01, 0.02, 0.0, 0.03, -0.01, 0.02, 0.05], "enumerate")
add("eighty pairs, ties", rng.integers(-5, 9, 80).astype(float) / 100, "approx")

out = pathlib.Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "wilcoxon_scipy.json"
out.write_text(json.dumps(cases, indent=1) + "\n")
print(f"wrote {out}: {len(cases)} cases")
