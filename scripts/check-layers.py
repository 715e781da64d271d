#!/usr/bin/python3
"""The floors of core/: what each folder holds and which other folders it may include. A file
that includes a folder its own may not, an arrow that runs back up, fails this check (ctest
`layers`), so that the house keeps the shape this table says. Each folder's README.md states
the same in its first lines, and the check fails where the two differ.

    /usr/bin/python3 scripts/check-layers.py [ROOT]

A folder's list names every folder it includes, not only the floor below it: a new arrow is
a decision, made here. `cli` is the top floor and may include anything. Plugins and the SDK are not here: plugins see only sdk/, which the compiler enforces
(their include path holds nothing else).
"""

import os
import re
import sys

# folder: (what it holds, the folders it may include)
FLOORS = {
    "log": ("the host's logger", ()),
    "io": ("files: atomic writes, CSV fields, PNG, SHA-256, crash points", ()),
    "metrics": ("AUROC, AUPR, pixel AUROC and PRO, by scikit-learn's definitions", ()),
    "config": ("the config file: its keys, defaults and checks", ()),
    "compute": ("where LibTorch computes: devices, thread pools, the heap", ()),
    "plugin": ("loading plugins and packs into the registry", ("config",)),
    "space": ("the search space assembled from the registry", ("config", "plugin")),
    "data": ("datasets cut into splits by the protocols", ("config", "plugin")),
    "store": ("the SQLite trial store", ("io", "metrics", "space")),
    "run": ("a run folder on disk: marker, lock, identity", ("io", "store")),
    "model": ("a child's network, its weights, scores, reward and saved bundles",
              ("compute", "config", "data", "io", "metrics", "plugin", "space")),
    "train": ("training a child", ("config", "io", "model")),
    "analysis": ("comparing runs and seeds", ("io", "store")),
    "report": ("HTML reports and SVG plots", ("analysis", "io", "metrics", "store")),
    "search": ("the search loop, its evaluators and seeds",
               ("compute", "config", "data", "model", "plugin", "space", "store", "train")),
    "session": ("one search run, from a config to a finished run folder",
                ("config", "data", "io", "metrics", "model", "plugin", "run", "search", "space",
                 "store")),
    "distributed": ("MPI: workers and the dispatcher", ("model", "run", "search", "store")),
    "cli": ("the command line", None),  # the top floor
}

# Arrows that run back up, each listed with why until the change that removes it; the check fails
# when one of them is gone, so that this list only shrinks. Issue 28 emptied it (model/ -> train/,
# when scoring and Device lived in train/); a new entry is a debt taken on knowingly.
KNOWN_DEBTS = {}

INCLUDE = re.compile(r'\s*#\s*include\s*[<"](?:\.\./)*([A-Za-z_]+)/')


def arrows(core):
    """(from folder, to folder, file, line) for every include of another core/ folder."""
    for folder in sorted(os.listdir(core)):
        path = os.path.join(core, folder)
        if not os.path.isdir(path):
            continue
        for root, _, files in os.walk(path):
            for name in sorted(files):
                if not name.endswith((".cpp", ".hpp", ".h")):
                    continue
                file = os.path.join(root, name)
                with open(file, encoding="utf-8") as f:
                    for number, line in enumerate(f, 1):
                        match = INCLUDE.match(line)
                        if match and match.group(1) != folder and \
                                os.path.isdir(os.path.join(core, match.group(1))):
                            yield folder, match.group(1), file, number


def readme_head(folder):
    """The first lines of core/<folder>/README.md, as FLOORS says them."""
    holds, allowed = FLOORS[folder]
    if allowed is None:
        may = "any core folder (the top floor)"
    elif not allowed:
        may = "no other core folder"
    else:
        may = ", ".join(f"`core/{name}/`" for name in allowed)
    return [f"# core/{folder}: {holds}", "", f"May include: {may}."]


def readme_problems(core, folder):
    path = os.path.join(core, folder, "README.md")
    want = readme_head(folder)
    if not os.path.exists(path):
        return [f"core/{folder}/README.md is missing; it begins with:\n" + "\n".join(want)]
    with open(path, encoding="utf-8") as f:
        have = f.read().split("\n")[:len(want)]
    return [] if have == want else [f"core/{folder}/README.md does not begin as FLOORS says; "
                                    f"its first lines should be:\n" + "\n".join(want)]


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
    core = os.path.join(root, "core")
    problems, debts_seen = [], set()
    folders = {f for f in os.listdir(core) if os.path.isdir(os.path.join(core, f))}
    for folder in sorted(folders - FLOORS.keys()):
        problems.append(f"core/{folder}/ is not in scripts/check-layers.py's FLOORS: say what it "
                        f"holds and what it may include")
    for folder in sorted(folders & FLOORS.keys()):
        problems += readme_problems(core, folder)
    for source, target, file, line in arrows(core):
        allowed = FLOORS.get(source, (None, ()))[1]
        if allowed is None or target in allowed:
            continue
        if (source, target) in KNOWN_DEBTS:
            debts_seen.add((source, target))
            continue
        problems.append(f"{os.path.relpath(file, root)}:{line}: core/{source}/ includes "
                        f"core/{target}/, which it may not (it may include: "
                        f"{', '.join(allowed) or 'no other folder'})")
    for source, target in sorted(KNOWN_DEBTS.keys() - debts_seen):
        problems.append(f"core/{source}/ no longer includes core/{target}/: remove it from "
                        f"KNOWN_DEBTS in scripts/check-layers.py")
    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        debts = len(KNOWN_DEBTS)
        but = f" but {debts} known debt{'' if debts == 1 else 's'}" if debts else ""
        print(f"core/: {len(folders)} folders, every include runs down a floor{but}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
