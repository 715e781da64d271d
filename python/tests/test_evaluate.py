"""One child from outside: autood.Evaluator reproduces the search's trial, names what it refuses,
and drives Optuna in the example."""

import csv
import importlib.util

import pytest

import autood
from conftest import ROOT, SATELLITE

# The table_run fixture's search, as an evaluator's config.
SAME = dict(search__budget=3, train__epochs=1, train__threads=1, data__source__path=SATELLITE,
            final__top_k=0)
CONFIG = ROOT / "configs" / "testbed-satellite.toml"


@pytest.fixture(scope="module")
def evaluator():
    return autood.Evaluator(CONFIG, **SAME)


def test_a_trial_is_the_searchs(evaluator, table_run):
    searched = table_run.trials[1]  # trial 2, seeded as trial 2
    again = evaluator.evaluate(searched["architecture"], trial=2)
    assert again["description"] == searched["description"]
    assert again["status"] == searched["status"] == "ok"
    assert again["reward"] == pytest.approx(searched["reward"], abs=1e-12)
    assert again["test_auroc"] == pytest.approx(searched["test_auroc"], abs=1e-12)
    # By name, as an optimiser proposes it: the same child.
    by_name = evaluator.evaluate(again["decisions"], trial=2)
    assert by_name["reward"] == again["reward"]
    # Another trial number is another seed: the same child trains to another reward.
    assert evaluator.evaluate(searched["architecture"], trial=5)["reward"] != again["reward"]


def test_decisions_are_the_space(evaluator):
    names = [d["name"] for d in evaluator.decisions]
    assert names[0] == "hypothesis" and "distance" in names
    free = evaluator.free_decisions
    assert free and all(len(d["options"]) > 1 for d in free)
    record = evaluator.evaluate([0] * len(free))
    assert record["architecture"] == [0] * len(free)
    assert all(record["decisions"][d["name"]] == d["options"][0] for d in free)


def test_what_evaluate_refuses(evaluator):
    free = evaluator.free_decisions
    chosen = {d["name"]: d["options"][0] for d in free}
    with pytest.raises(ValueError, match="has no decision 'colour'"):
        evaluator.evaluate({**chosen, "colour": "red"})
    with pytest.raises(ValueError, match=f"decision '{free[0]['name']}' has no option 'nope'"):
        evaluator.evaluate({**chosen, free[0]["name"]: "nope"})
    missing = dict(chosen)
    del missing[free[-1]["name"]]
    with pytest.raises(ValueError, match=f"no option for decision '{free[-1]['name']}'"):
        evaluator.evaluate(missing)
    with pytest.raises(ValueError):
        evaluator.evaluate([0])  # too few indices
    with pytest.raises(ValueError, match="list of option indices"):
        evaluator.evaluate("reconstruction")
    with pytest.raises(ValueError, match="start at 1"):
        evaluator.evaluate(chosen, trial=0)
    with pytest.raises(ValueError, match="unknown key"):
        autood.Evaluator(CONFIG, train__epochz=1)


def test_the_optuna_example(tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location(
        "optuna_search", ROOT / "python" / "examples" / "optuna_search.py")
    example = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(example)
    monkeypatch.chdir(ROOT)
    out = tmp_path / "trials.csv"
    best = example.main(["--trials", "3", "--epochs", "1", "--threads", "1", "--out", str(out)])
    with open(out) as f:
        rows = list(csv.DictReader(f))
    assert [int(r["trial"]) for r in rows] == [1, 2, 3]
    assert best["reward"] == max(float(r["reward"]) for r in rows)
    assert "hypothesis" in rows[0]


def test_evaluate_once_is_the_evaluators(evaluator, table_run):
    """autood.evaluate, the one-off form, trains the same child as the Evaluator."""
    searched = table_run.trials[0]
    once = autood.evaluate(searched["architecture"], CONFIG, trial=1, **SAME)
    assert once["reward"] == pytest.approx(searched["reward"], abs=1e-12)
    assert once["description"] == searched["description"]
