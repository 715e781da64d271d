"""The load report as data: the same files, statuses and choices as `autood plugins` prints."""

import os
import subprocess

import autood


def test_load_report_is_the_clis(cli):
    bad = os.path.join(os.path.dirname(os.path.dirname(cli)), "tests", "bad_plugins")
    assert os.path.isdir(bad), f"no bad plugin fixtures in {bad}"
    report = autood.load_report(plugin_paths=[bad])
    printed = subprocess.run([cli, "plugins", "--plugin-path", bad], capture_output=True,
                             text=True, check=True).stdout
    # A file's line: STATUS, PLUGIN, VERSION and PACK in columns, then the path from column 57.
    rows = [line for line in printed.splitlines()[1:] if line and not line[0].isspace()]
    from_cli = {line[57:]: line.split()[0] for line in rows if os.path.exists(line[57:])}
    assert {r["path"]: r["status"] for r in report["plugins"]} == from_cli
    statuses = {os.path.basename(r["path"]): r["status"] for r in report["plugins"]}
    assert statuses["wrong_abi.so"] == "AbiMismatch" and statuses["throws.so"] == "RegisterThrew"
    assert all(r["message"] for r in report["plugins"])
    assert {"reconstruction", "deep_sad"} <= set(report["choices"]["hypothesis"])
    assert {"idx", "csv", "npy"} <= set(report["choices"]["dataset"])
    assert report["packs"] == []
