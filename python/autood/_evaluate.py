"""One child trained from outside the search, for another optimiser to drive."""

from . import _autood
from ._host import config_arguments, plugin_arguments


class Evaluator:
    """autood's evaluator for one config: its data split and its search space, built once.
    Another optimiser (Optuna, NNI, a script) proposes architectures; ``evaluate`` builds,
    trains and scores each exactly as a search trains its children.

        ev = autood.Evaluator("configs/testbed-satellite.toml", train__epochs=2)
        ev.decisions    # [{"name": "hypothesis", "options": [...], "free": True}, ...]
        ev.evaluate({"hypothesis": "reconstruction", ...})["reward"]

    ``config`` and the ``__`` overrides are as in ``autood.search``. Nothing is written: the
    records are returned, not stored.
    """

    def __init__(self, config=None, *, plugin_paths=(), packs=(), log_level="warn", **overrides):
        self._core = _autood.Evaluator(*config_arguments(config, overrides),
                                       **plugin_arguments(plugin_paths, packs, log_level))
        self.decisions = self._core.decisions()

    @property
    def free_decisions(self):
        """The decisions with more than one option: what an optimiser chooses."""
        return [d for d in self.decisions if d["free"]]

    def evaluate(self, architecture, trial=1):
        """Trains and scores one architecture, a dict {decision name: option} (a fixed decision
        may be left out) or a list of option indices, one per free decision. ``trial`` seeds it
        as the search seeds its trial of that number: the same architecture and trial give the
        search's record, for a trial it trained in full (not pruned, not from its cache). One
        child trains at a time in a process. Returns that record (as ``Run.trials`` gives it: reward, val_* and
        test_* metrics, status, ...) with ``decisions``, the option of every decision."""
        return self._core.evaluate(architecture, trial)


def evaluate(architecture, config=None, *, trial=1, plugin_paths=(), packs=(), log_level="warn",
             **overrides):
    """One architecture trained and scored once; see Evaluator (which loads the data once for
    many)."""
    evaluator = Evaluator(config, plugin_paths=plugin_paths, packs=packs, log_level=log_level,
                          **overrides)
    return evaluator.evaluate(architecture, trial)
