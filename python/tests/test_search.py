"""Searches from Python: the trial store read back, resume, and config errors as ValueError."""

import signal
import sqlite3
import sys
import threading
import time

import numpy as np
import pytest

import autood
from conftest import ROOT, SATELLITE


def test_trials_are_the_stores_rows(table_run):
    trials = table_run.trials
    assert [t["trial"] for t in trials] == [1, 2, 3]
    # Read independently of the core, with Python's own sqlite3.
    with sqlite3.connect(f"{table_run.path}/trials.sqlite") as db:
        rows = db.execute("select trial, status, reward, test_auroc from trials order by trial")
        stored = [tuple(r) for r in rows]
    assert [(t["trial"], t["status"], t["reward"], t["test_auroc"]) for t in trials] == stored
    best = max((t for t in trials if t["status"] == "ok"), key=lambda t: t["reward"])
    assert table_run.best.info["trial"] == best["trial"]
    assert table_run.best.info["reward"] == pytest.approx(best["reward"], abs=1e-12)
    assert table_run.finals == []
    assert table_run.report_path.endswith("report.html")


def test_resume_and_continue_add_no_trial(table_run):
    before = table_run.trials
    assert autood.resume(table_run.path, progress=False).trials == before
    same = dict(run_dir=table_run.path, continue_run=True, progress=False, search__budget=3,
                train__epochs=1, train__threads=1, data__source__path=SATELLITE, final__top_k=0)
    again = autood.search(ROOT / "configs" / "testbed-satellite.toml", **same)
    assert again.trials == before
    # continue_run goes on with the caller's config, so a changed one is refused, not ignored.
    with pytest.raises(ValueError, match="train.epochs"):
        autood.search(ROOT / "configs" / "testbed-satellite.toml", **{**same, "train__epochs": 2})
    assert autood.open_run(table_run.path).trials == before


def test_search_errors_are_value_errors(table_run, tmp_path):
    with pytest.raises(ValueError, match="already holds a run"):
        autood.search(ROOT / "configs" / "testbed-satellite.toml", run_dir=table_run.path,
                      progress=False)
    with pytest.raises(ValueError, match="'search.budget' must be an integer"):
        autood.search({"search": {"budget": "many"}}, run_dir=tmp_path / "a", progress=False)
    with pytest.raises(ValueError, match="unknown key"):
        autood.search(run_dir=tmp_path / "b", progress=False, search__budgett=3)
    with pytest.raises(FileNotFoundError):
        autood.search(tmp_path / "missing.toml", run_dir=tmp_path / "c")
    with pytest.raises(ValueError, match="exclude each other"):
        autood.search(run_dir=tmp_path / "d", overwrite=True, continue_run=True)
    with pytest.raises(ValueError, match="not an autood run"):
        (tmp_path / "mine").mkdir()
        (tmp_path / "mine" / "notes.txt").write_text("mine")
        autood.resume(tmp_path / "mine")
    assert (tmp_path / "mine" / "notes.txt").read_text() == "mine"


def test_ctrl_c_stops_after_a_stored_trial_and_resume_finishes(tmp_path):
    """SIGINT from another thread while the search runs in C++ without the GIL: the search
    looks for it at the end of a batch, stops there and raises KeyboardInterrupt."""
    run_dir = tmp_path / "run"
    budget = 12

    def interrupt_after_two_trials():
        while True:  # polls the store as the search fills it (the GIL is free meanwhile)
            try:
                with sqlite3.connect(f"file:{run_dir}/trials.sqlite?mode=ro", uri=True) as db:
                    if db.execute("select count(*) from trials").fetchone()[0] >= 2:
                        break
            except sqlite3.Error:
                pass
            time.sleep(0.01)
        signal.pthread_kill(threading.main_thread().ident, signal.SIGINT)

    arguments = dict(progress=False, search__budget=budget, search__batch=1, train__epochs=1,
                     train__threads=1, data__source__path=SATELLITE, final__top_k=0)
    config = ROOT / "configs" / "testbed-satellite.toml"
    watcher = threading.Thread(target=interrupt_after_two_trials)
    watcher.start()
    with pytest.raises(KeyboardInterrupt):
        autood.search(config, run_dir=run_dir, **arguments)
    watcher.join()
    stopped = len(autood.open_run(run_dir).trials)
    assert 2 <= stopped < budget
    more = []
    finished = autood.resume(run_dir, progress=False,
                             on_trial=lambda trial, best: more.append(trial["trial"]))
    assert more == list(range(stopped + 1, budget + 1))
    # The same trials as an uninterrupted search with the same seed.
    whole = autood.search(config, run_dir=tmp_path / "whole", **arguments)
    assert [(t["description"], t["reward"]) for t in whole.trials] == [
        (t["description"], t["reward"]) for t in finished.trials]


def test_a_callback_that_raises_stops_the_search(tmp_path):
    def fail(trial, new_best):
        raise RuntimeError("stop here")

    with pytest.raises(RuntimeError, match="stop here"):
        autood.search(ROOT / "configs" / "testbed-satellite.toml", run_dir=tmp_path / "run",
                      progress=False, on_trial=fail, search__budget=3, search__batch=1,
                      train__epochs=1, train__threads=1, data__source__path=SATELLITE)
    assert [t["trial"] for t in autood.open_run(tmp_path / "run").trials] == [1]


def test_finals_and_their_ensemble_load_and_score_as_the_cli(tmp_path, cli):
    """A run with final training: its finals are the store's rows, each finals/trial-N/ folder
    and the ensemble in best/ load from Python and score as `autood score` scores them."""
    import csv
    import subprocess

    run = autood.search(ROOT / "configs" / "testbed-satellite.toml", run_dir=tmp_path / "run",
                        progress=False, search__budget=3, train__epochs=1, train__threads=1,
                        data__source__path=SATELLITE, final__top_k=2, final__epochs=1,
                        final__ensemble=2)
    finals = run.finals
    with sqlite3.connect(f"{run.path}/trials.sqlite") as db:
        stored = db.execute("select trial, rank, in_model from finals order by rank").fetchall()
    assert [(f["trial"], f["rank"], f["in_model"]) for f in finals] == stored
    assert len(stored) == 2 and all(in_model for *_, in_model in stored)
    X, _ = autood.load_data("csv", path=SATELLITE)
    folders = [f"{run.path}/finals/trial-{f['trial']}" for f in finals] + [run.best.path]
    for folder in folders:
        subprocess.run([cli, "score", "--model", folder, "--input", str(SATELLITE), "--out",
                        str(tmp_path / "s.csv")], check=True, capture_output=True)
        with open(tmp_path / "s.csv") as f:
            expected = np.array([float(row["score"]) for row in csv.DictReader(f)])
        model = autood.load_model(folder)
        assert np.max(np.abs(model.score(X) - expected)) <= 1e-6, folder
    # The ensemble averages its members' standardised scores, so it is neither member.
    members = [autood.load_model(f).score(X[:50]) for f in folders[:2]]
    ensemble = run.best.score(X[:50])
    assert all(np.max(np.abs(ensemble - m)) > 1e-3 for m in members)


def test_a_notebook_sees_progress_in_its_cell(tmp_path, monkeypatch, capsys):
    """In a Jupyter kernel the core's stderr never reaches the cell: the progress is one line
    rewritten in the cell's output, and the caller's on_trial still sees every trial."""
    import types

    monkeypatch.setitem(sys.modules, "ipykernel", types.ModuleType("ipykernel"))
    seen = []
    run = autood.search(ROOT / "configs" / "testbed-satellite.toml", run_dir=tmp_path / "run",
                        on_trial=lambda trial, best: seen.append(trial["trial"]),
                        search__budget=2, train__epochs=1, train__threads=1,
                        data__source__path=SATELLITE, final__top_k=0, log_level="warn")
    rewards = [t["reward"] for t in run.trials]
    best = max(range(2), key=lambda i: rewards[i])  # ties keep the first, as the search does
    out = capsys.readouterr().out
    assert seen == [1, 2]
    assert out == (f"\rtrial 1  ok  last {rewards[0]:.4f}  best {rewards[0]:.4f} (trial 1)"
                   f"\rtrial 2  ok  last {rewards[1]:.4f}  best {rewards[best]:.4f} "
                   f"(trial {best + 1})\n")
