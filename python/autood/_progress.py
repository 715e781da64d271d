"""A live progress line in a notebook. The core's line goes to the process's stderr, which a
notebook's cells do not show; in a notebook the search's progress is written from Python, to the
cell's own output, after each stored trial."""

import sys


def in_notebook():
    """Whether this interpreter is a Jupyter kernel (ipykernel is loaded only there)."""
    return "ipykernel" in sys.modules


class NotebookLine:
    """An on_trial callback that rewrites one line: the trial, its reward and the best so far;
    the caller's own callback, if any, is called after it."""

    def __init__(self, on_trial=None, out=None):
        self._on_trial = on_trial
        self._out = out or sys.stdout
        self._best = None  # (reward, trial); set once a line is shown

    def __call__(self, trial, new_best):
        if new_best or self._best is None:
            self._best = (trial["reward"], trial["trial"])
        self._out.write(f"\rtrial {trial['trial']}  {trial['status']}  last {trial['reward']:.4f}"
                        f"  best {self._best[0]:.4f} (trial {self._best[1]})")
        self._out.flush()
        if self._on_trial is not None:
            self._on_trial(trial, new_best)

    def close(self):
        if self._best is not None:
            self._out.write("\n")
            self._out.flush()
