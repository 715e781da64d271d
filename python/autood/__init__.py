"""autood from Python: saved models scored on NumPy arrays, searches run and read.

    import autood
    model = autood.load_model("runs/x/best")
    scores = model.score(X)            # higher is more anomalous, as `autood score` writes them
    run = autood.search("configs/testbed-satellite.toml", run_dir="runs/y", search__budget=8)
    run.trials, run.best, run.report_path
    est = autood.AutoOD(budget=16).fit(X, y)   # y: 1 for a known outlier; PyOD's conventions
    est.decision_function(X_new)

Every function wraps autood's C++ core (autood._autood): the search, the trial store and the
models are the CLI's own. A bad config or input raises ValueError with the CLI's message; a
missing file raises FileNotFoundError.
"""

from ._autood import __version__
from ._model import Model, load_model
from ._plugins import load_report
from ._data import load_data
from ._estimator import AutoOD
from ._evaluate import Evaluator, evaluate
from ._run import Run, open_run, resume, search

__all__ = ["AutoOD", "Evaluator", "Model", "Run", "evaluate", "load_data", "load_model",
           "load_report", "open_run", "resume", "search", "__version__"]
