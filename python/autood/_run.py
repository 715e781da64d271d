"""Searches run from Python, and the run folders they write."""

import os

from . import _autood
from ._host import config_arguments, existing, plugin_arguments
from ._model import Model
from ._progress import NotebookLine, in_notebook


class Run:
    """A run folder: its trials and finals as the trial store holds them, its model and report.
    Reading never writes into the folder."""

    def __init__(self, path, plugin_paths=(), packs=()):
        self.path = existing(path, "run folder")
        self._plugins = dict(plugin_paths=plugin_paths, packs=packs)  # what its models need

    @property
    def trials(self):
        """Every stored trial, in order, one dict each (trial, status, reward, val_* and test_*
        metrics, epochs, seconds, description, ...)."""
        return _autood.read_trials(self.path)

    @property
    def finals(self):
        """The final training's rows (rank, search_reward, in_model and a trial's columns), empty
        when the run has none."""
        return _autood.read_finals(self.path)

    def trials_frame(self):
        """The trials as a pandas DataFrame (needs pandas)."""
        import pandas
        return pandas.DataFrame(self.trials)

    @property
    def best(self):
        """The run's model (best/), loaded with the plugins the run was opened with."""
        return Model(os.path.join(self.path, "best"), **self._plugins)

    @property
    def report_path(self):
        return os.path.join(self.path, "report.html")

    @property
    def config_path(self):
        return os.path.join(self.path, "config.toml")

    def __repr__(self):
        return f"autood.Run({self.path!r})"


def search(config=None, run_dir=None, *, overwrite=False, continue_run=False, progress=True,
           on_trial=None, plugin_paths=(), packs=(), log_level="info", **overrides):
    """Runs a search to its budget, as ``autood search`` does, and returns its Run.

    ``config`` is a config file, a dict of its keys (nested or dotted), or None for the built-in
    defaults. Keyword overrides name a dotted key with ``__``: ``search__budget=8`` is
    ``--set search.budget=8``. ``run_dir`` None is ``runs/<config>-<time>``. A folder that holds
    a run is refused unless ``overwrite`` (replace it) or ``continue_run`` (go on with it, as
    ``--continue``). The search runs without the GIL.

    ``progress`` shows a live line on a terminal and logs each trial otherwise (stderr); in a
    notebook it is a line in the cell's output. ``on_trial(trial, new_best)`` is called with each
    stored trial's dict (as in ``Run.trials``). Ctrl-C, or an exception ``on_trial`` raises,
    stops the search at the end of the batch of children in training (``search.batch``) and is
    raised here; ``resume`` goes on from the next batch. (During the final training, Ctrl-C is
    raised only once it is done.)"""
    if overwrite and continue_run:
        raise ValueError("overwrite and continue_run exclude each other")
    mode = "overwrite" if overwrite else "continue" if continue_run else "start"
    path = _search(progress, on_trial, *config_arguments(config, overrides),
                   os.fspath(run_dir) if run_dir is not None else "", mode,
                   **plugin_arguments(plugin_paths, packs, log_level))
    return Run(path, plugin_paths, packs)


def resume(run_dir, *, progress=True, on_trial=None, plugin_paths=(), packs=(), log_level="info"):
    """Continues a stopped or killed search to its budget with its own config, as
    ``autood resume``; a changed config, data or plugin set is refused."""
    path = _search(progress, on_trial, "", [], existing(run_dir, "run folder"), "resume",
                   **plugin_arguments(plugin_paths, packs, log_level))
    return Run(path, plugin_paths, packs)


def _search(progress, on_trial, *arguments, **plugins):
    """The core's search; in a notebook, its progress is a line in the cell, written from here."""
    line = NotebookLine(on_trial) if progress and in_notebook() else None
    try:
        return _autood.search(*arguments, progress=progress and line is None,
                              on_trial=line or on_trial, **plugins)
    finally:
        if line is not None:
            line.close()


def open_run(run_dir, plugin_paths=(), packs=()):
    """A finished or running search's folder, to read."""
    return Run(run_dir, plugin_paths, packs)
