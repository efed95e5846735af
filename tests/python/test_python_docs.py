# SPDX-License-Identifier: MIT
"""The examples of docs/python.md run and print what their comments say."""
import contextlib
import io
import os
import re

import pytest

DOC = __import__("pathlib").Path(__file__).resolve().parents[2] / "docs" / "python.md"


def python_blocks():
    return re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)


def test_the_guide_has_an_example():
    assert python_blocks()


@pytest.mark.parametrize("block", python_blocks())
def test_each_example_runs_from_the_repository_root(block, repo, monkeypatch):
    monkeypatch.chdir(repo)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(block, str(DOC), "exec"), {})
    # A comment "# text" after print(...) promises that line of output.
    for promised in re.findall(r"print\([^)]*\)\s*#\s*(.+)", block):
        assert promised.strip() in printed.getvalue()
    assert not [name for name in os.listdir(repo) if name.endswith(".h5")]  # nothing left in the repository
