#!/usr/bin/python3
"""How well a search's reward ranked its children: Spearman's rank correlation between each
child's validation reward and its test AUROC, over the finished children of one run.

Usage: /usr/bin/python3 scripts/reference/reward_rank_correlation.py RUN_DIR
Prints the correlation (nan when fewer than 3 children finished or either column is constant).
Ties take their average rank, as scipy.stats.spearmanr does.
"""
import sqlite3
import sys


def ranks(values):
    order = sorted(range(len(values)), key=lambda i: values[i])
    rank = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            rank[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return rank


def pearson(x, y):
    n = len(x)
    mx, my = sum(x) / n, sum(y) / n
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y))
    sxx = sum((a - mx) ** 2 for a in x)
    syy = sum((b - my) ** 2 for b in y)
    return float("nan") if sxx == 0 or syy == 0 else sxy / (sxx * syy) ** 0.5


def spearman(x, y):
    return float("nan") if len(x) < 3 else pearson(ranks(x), ranks(y))


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    with sqlite3.connect(f"file:{sys.argv[1]}/trials.sqlite?mode=ro", uri=True) as db:
        rows = db.execute("select reward, test_auroc from trials where status in ('ok', 'timeout') "
                          "and test_auroc is not null").fetchall()
    print(f"{spearman([r for r, _ in rows], [t for _, t in rows]):.6f}")


if __name__ == "__main__":
    main()
