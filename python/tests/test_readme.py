"""The README's Python section runs as written: its code blocks, in order, in one namespace."""

import os
import re

from conftest import ROOT


def python_blocks():
    text = (ROOT / "README.md").read_text()
    section = text.split("\n## From Python\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, flags=re.S)


def test_the_readme_python_section_runs(tmp_path, monkeypatch):
    blocks = python_blocks()
    assert len(blocks) == 3
    # From a scratch folder that sees the repository's configs, as its root would.
    os.symlink(ROOT / "configs", tmp_path / "configs")
    monkeypatch.chdir(tmp_path)
    namespace = {}
    for block in blocks:
        exec(compile(block, "README.md", "exec"), namespace)
    assert (tmp_path / "my-model" / "model.toml").is_file()
    assert len(namespace["run"].trials) == 8
    assert namespace["est"].labels_.shape == (1500,)
    assert namespace["record"]["status"] == "ok"
